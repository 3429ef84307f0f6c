import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../api/hooks';
import { formatDate } from '../i18n/i18n';
import { MeetingDate } from './meeting-date';
import { AddToMeeting } from './AddToMeeting';
import { useHotspotMeetings } from './api';
import { KIND_LABELS } from './labels';
import { canManageMeetings } from './permissions';
import { TimelinessBadge } from './TimelinessBadge';
import { useAgencyName } from './useNames';
import { useProblemText } from '../api/problem-text';

/**
 * In a hotspot's panel: the meetings that discussed it, its instructions not yet done, and — for
 * those who hold meetings — a way to put it on a new meeting's agenda.
 */
export function HotspotMeetings({ hotspotId }: { hotspotId: string }) {
  const { t } = useTranslation();
  // A failed read in the person's words (the API's detail is English, for API users).
  const problemText = useProblemText();
  const user = useSession().data?.user;
  const about = useHotspotMeetings(hotspotId);
  const agencyName = useAgencyName();

  return (
    <section className="hotspot-meetings" aria-labelledby="hotspot-meetings-heading" data-testid="hotspot-meetings">
      <h3 id="hotspot-meetings-heading">{t('meetings.hotspot.title')}</h3>
      {about.isPending ? (
        <p className="loading">{t('common.loading')}</p>
      ) : about.isError ? (
        <p role="alert">{problemText(about.error)}</p>
      ) : (
        <>
          {about.data.meetings.length === 0 ? (
            <p className="hint">{t('meetings.hotspot.none')}</p>
          ) : (
            <ul className="plain-list">
              {about.data.meetings.map((meeting) => (
                <li key={meeting.id}>
                  <Link to={`/meetings/${meeting.id}`}>
                    <MeetingDate heldOn={meeting.held_on} /> — {meeting.title}
                  </Link>{' '}
                  <span className="meta">({t(KIND_LABELS[meeting.kind])})</span>
                </li>
              ))}
            </ul>
          )}
          {about.data.open_instructions.length > 0 && (
            <>
              <h4>{t('meetings.hotspot.openInstructions')}</h4>
              <ul className="plain-list" data-testid="hotspot-open-instructions">
                {about.data.open_instructions.map((item) => (
                  <li key={`${item.instruction_id}-${item.agency}`}>
                    {item.text}{' '}
                    <span className="meta">
                      {agencyName(item.agency)} · {t('meetings.instructions.dueOn', { date: formatDate(item.due_on) })}
                    </span>{' '}
                    <TimelinessBadge status={item.status} timeliness={item.timeliness} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {user && canManageMeetings(user) && <AddToMeeting hotspotId={hotspotId} />}
    </section>
  );
}
