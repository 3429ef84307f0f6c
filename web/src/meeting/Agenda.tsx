import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotspotFeature } from '../api/types';

/**
 * The agenda as a clickable list, one line per hotspot so many fit beside the map (the details panel has
 * the rest); the current item is marked and kept in view as the presenter steps.
 */
export function Agenda({
  items,
  index,
  onChoose,
}: {
  items: readonly HotspotFeature[];
  index: number;
  onChoose: (index: number) => void;
}) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLOListElement>(null);
  const currentRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // Centre the current item in the list, with its neighbours in view. Only the list scrolls:
    // scrollIntoView would also move the page, away from the details, when the window is narrow.
    const list = listRef.current;
    const item = currentRef.current;
    if (!list || !item || list.scrollHeight <= list.clientHeight) return;
    list.scrollTo?.({ top: item.offsetTop - (list.clientHeight - item.offsetHeight) / 2 });
  }, [index, items]);

  return (
    <ol className="meeting-agenda-list" data-testid="agenda" ref={listRef}>
      {items.map((feature, position) => {
        const { reference, title, severity, overdue } = feature.properties;
        const current = position === index;
        return (
          <li
            key={feature.id}
            ref={current ? currentRef : undefined}
            className={current ? 'meeting-agenda-item meeting-agenda-item-current' : 'meeting-agenda-item'}
            data-id={feature.id}
          >
            <button type="button" aria-current={current ? 'step' : undefined} onClick={() => onChoose(position)}>
              <span className="meeting-agenda-number">{position + 1}</span>
              <span className={`meeting-severity severity-${severity}`}>{t(`common.severity.${severity}`)}</span>
              <span className="meeting-agenda-text">
                <span className="meeting-agenda-reference">{reference}</span> {title}
              </span>
              {overdue && (
                <strong className="meeting-late-mark" title={t('meeting.overdue')}>
                  <span aria-hidden="true">!</span>
                  <span className="visually-hidden">{t('meeting.overdue')}</span>
                </strong>
              )}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
