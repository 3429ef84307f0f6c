import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaEntry } from './agenda';

/** One line of the list: a hotspot (severity, reference, title, marks) or a free topic. */
function EntryLine({ entry, position }: { entry: AgendaEntry; position: number }) {
  const { t } = useTranslation();
  if (entry.kind === 'topic') {
    return (
      <>
        <span className="meeting-agenda-number">{position}</span>
        <span className="meeting-topic-tag">{t('meeting.topic')}</span>
        <span className="meeting-agenda-text">{entry.topic}</span>
        <span />
      </>
    );
  }
  const { reference, title, severity, overdue, confidential } = entry.feature.properties;
  return (
    <>
      <span className="meeting-agenda-number">{position}</span>
      <span className={`meeting-severity severity-${severity}`}>{t(`common.severity.${severity}`)}</span>
      <span className="meeting-agenda-text">
        <span className="meeting-agenda-reference">{reference}</span>{' '}
        {confidential && (
          <>
            <span className="meeting-confidential" data-confidential="true">
              {t('meeting.confidential')}
            </span>{' '}
          </>
        )}
        {title}
      </span>
      {overdue ? (
        <strong className="meeting-late-mark" title={t('meeting.overdue')}>
          <span aria-hidden="true">!</span>
          <span className="visually-hidden">{t('meeting.overdue')}</span>
        </strong>
      ) : (
        <span />
      )}
    </>
  );
}

/** The full text of a line, for the tooltip of a line cut short to fit. */
const fullText = (entry: AgendaEntry) =>
  entry.kind === 'topic' ? entry.topic : `${entry.feature.properties.reference} ${entry.feature.properties.title}`;

/**
 * The agenda as a clickable list, one line per item so many fit beside the map (the details panel has
 * the rest); the current item is marked and kept in view as the presenter steps. Free topics of a
 * meeting's agenda are steps as hotspots are; confidential hotspots are marked as such, in words.
 */
export function Agenda({
  entries,
  index,
  onChoose,
}: {
  entries: readonly AgendaEntry[];
  index: number;
  onChoose: (index: number) => void;
}) {
  const listRef = useRef<HTMLOListElement>(null);
  const currentRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // Centre the current item in the list, with its neighbours in view. Only the list scrolls:
    // scrollIntoView would also move the page, away from the details, when the window is narrow.
    const list = listRef.current;
    const item = currentRef.current;
    if (!list || !item || list.scrollHeight <= list.clientHeight) return;
    list.scrollTo?.({ top: item.offsetTop - (list.clientHeight - item.offsetHeight) / 2 });
  }, [index, entries]);

  return (
    <ol className="meeting-agenda-list" data-testid="agenda" ref={listRef}>
      {entries.map((entry, position) => {
        const current = position === index;
        return (
          <li
            key={entry.key}
            ref={current ? currentRef : undefined}
            className={current ? 'meeting-agenda-item meeting-agenda-item-current' : 'meeting-agenda-item'}
            data-id={entry.kind === 'hotspot' ? entry.feature.id : undefined}
            data-kind={entry.kind}
          >
            <button
              type="button"
              aria-current={current ? 'step' : undefined}
              title={fullText(entry)}
              onClick={() => onChoose(position)}
            >
              <EntryLine entry={entry} position={position + 1} />
            </button>
          </li>
        );
      })}
    </ol>
  );
}
