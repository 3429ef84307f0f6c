import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { CountsBar } from '../dashboard/CountsBar';
import { useSelection } from '../map/useSelection';
import type { MeetingDetail } from '../meetings/api';
import { meetingDateText } from '../meetings/meeting-date';
import { useMeetingAgenda } from '../meetings/useMeetingAgenda';
import { featureOf } from './agenda';
import { Agenda } from './Agenda';
import { AgendaDetails } from './AgendaDetails';
import { KeyHints } from './KeyHints';
import { MeetingHeader } from './MeetingHeader';
import { MeetingMap } from './MeetingMap';
import { useAgenda } from './useAgenda';
import { useAgendaKeys } from './useAgendaKeys';
import { useFullscreen } from './useFullscreen';
import './meeting.css';
import './agenda.css';
import { useProblemText } from '../api/problem-text';

/**
 * Meeting mode: the selection of the map page on a projector. The counts and the map stay in view while
 * the presenter steps through the open hotspots; each step zooms the map to the hotspot and shows it large.
 * With `meeting=ID` it steps through that meeting's agenda instead: its hotspots and its free topics.
 */
export default function MeetingPage() {
  const [search] = useSearchParams();
  const meetingId = Number(search.get('meeting'));
  return Number.isInteger(meetingId) && meetingId > 0 ? (
    <MeetingAgendaScreen meetingId={meetingId} />
  ) : (
    <OpenHotspotsScreen />
  );
}

function OpenHotspotsScreen() {
  const { filters } = useSelection();
  return <MeetingScreen agenda={useAgenda(filters)} />;
}

function MeetingAgendaScreen({ meetingId }: { meetingId: number }) {
  const agenda = useMeetingAgenda(meetingId);
  return <MeetingScreen agenda={agenda} meetingId={meetingId} meeting={agenda.meeting} />;
}

/** What the screen needs of an agenda, whichever hook made it. */
type AgendaState = Omit<ReturnType<typeof useAgenda>, 'retry'> & { retry: () => Promise<unknown> };

function MeetingScreen({
  agenda,
  meetingId,
  meeting,
}: {
  agenda: AgendaState;
  meetingId?: number;
  meeting?: MeetingDetail;
}) {
  const { t } = useTranslation();
  // A failed read in the person's words (the API's detail is English, for API users).
  const problemText = useProblemText();
  const navigate = useNavigate();
  const { selection, filters, today, search } = useSelection();
  const fullscreen = useFullscreen();
  const { entries, index, current, go, step } = agenda;
  const currentFeature = featureOf(current);

  // Back to the map with the same selection (`item` means nothing there), or to the meeting shown.
  const leaveTo = useMemo(() => {
    if (meetingId) return `/meetings/${meetingId}`;
    const kept = new URLSearchParams(search);
    kept.delete('item');
    const text = kept.toString();
    return text ? `/?${text}` : '/';
  }, [search, meetingId]);

  useAgendaKeys({
    next: () => step(1),
    previous: () => step(-1),
    first: () => go(0),
    last: () => go(entries.length - 1),
    // In full screen the first Escape only leaves full screen, as everywhere else; the next leaves the meeting.
    leave: () => (fullscreen.active ? fullscreen.toggle() : void navigate(leaveTo)),
    toggleFullscreen: fullscreen.toggle,
  });

  // A click on a hotspot of the map that is on the agenda makes it the current item.
  const selectOnMap = useCallback(
    (id: string) => {
      const position = entries.findIndex((entry) => featureOf(entry)?.id === id);
      if (position >= 0) go(position);
    },
    [entries, go],
  );

  // Keys work from the start: nothing else on the page holds the focus.
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    main.current?.focus();
  }, []);

  const total = entries.length;
  const position = total ? index + 1 : 0;

  return (
    <main className="meeting-mode" data-testid="meeting-mode" ref={main} tabIndex={-1} aria-label={t('meeting.label')}>
      <MeetingHeader selection={selection} today={today} leaveTo={leaveTo} fullscreen={fullscreen} />
      <CountsBar filters={filters} large />

      {/* The map waits for the agenda so that it can open on the current item. */}
      {agenda.loading ? (
        <div className="meeting-map" aria-busy="true" />
      ) : (
        <MeetingMap filters={filters} current={currentFeature} onSelect={selectOnMap} />
      )}

      <div className="meeting-side">
        <div className="meeting-stepper">
          <h2>{t('meeting.agenda')}</h2>
          <button type="button" onClick={() => step(-1)} disabled={index <= 0} aria-label={t('meeting.previous')}>
            ‹
          </button>
          <span className="meeting-position" data-testid="agenda-position">
            {t('meeting.position', { position, total })}
          </span>
          <button type="button" onClick={() => step(1)} disabled={index >= total - 1} aria-label={t('meeting.next')}>
            ›
          </button>
        </div>

        <section className="meeting-current" data-testid="agenda-current" aria-label={t('meeting.current')}>
          {current ? (
            <AgendaDetails entry={current} today={today} />
          ) : agenda.loading ? (
            <p>{t('common.loading')}</p>
          ) : agenda.error ? (
            <p role="alert">
              {problemText(agenda.error)}{' '}
              <button type="button" onClick={() => void agenda.retry()}>
                {t('common.retry')}
              </button>
            </p>
          ) : (
            <p className="meeting-empty">{meetingId ? t('meetings.mode.empty') : t('meeting.empty')}</p>
          )}
        </section>

        <nav className="meeting-agenda" aria-label={t('meeting.agenda')}>
          {meeting && (
            <p className="meeting-agenda-count" data-testid="meeting-of-agenda">
              {t('meetings.mode.agendaOf', { title: meeting.title, date: meetingDateText(meeting.held_on, today, t) })}
            </p>
          )}
          {!agenda.loading && !meetingId && (
            <p className="meeting-agenda-count">
              {t('meeting.openCount', { count: agenda.total })}
              {agenda.total > total && <> · {t('meeting.truncated', { shown: total, total: agenda.total })}</>}
            </p>
          )}
          <Agenda entries={entries} index={index} onChoose={go} />
        </nav>
        <KeyHints />
      </div>

      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {current?.kind === 'topic'
          ? t('meeting.announceTopic', { position, total, topic: current.topic })
          : currentFeature
            ? t('meeting.announce', {
                position,
                total,
                reference: currentFeature.properties.reference,
                title: currentFeature.properties.title,
              })
            : ''}
      </p>
    </main>
  );
}
