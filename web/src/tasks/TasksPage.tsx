import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../api/hooks';
import { useSearchUpdate } from '../app/useSearchUpdate';
import { formatDate } from '../i18n/i18n';
import { useInstructions } from '../meetings/api';
import { AssignmentActions } from '../meetings/AssignmentActions';
import { hasTasks } from '../meetings/permissions';
import { MeetingDate } from '../meetings/meeting-date';
import { TimelinessBadge } from '../meetings/TimelinessBadge';
import { useAgencyName } from '../meetings/useNames';
import '../meetings/meetings.css';
import type { AssignmentStatus } from '../meetings/api';
import { useProblemText } from '../api/problem-text';

const OPEN: AssignmentStatus[] = ['assigned', 'reported'];

/**
 * "My tasks": the instructions given to the signed-in person's agency, earliest deadline first, each
 * with its report form. `show=all` in the URL adds the accepted ones.
 */
export default function TasksPage() {
  const { t } = useTranslation();
  // A failed read in the person's words (the API's detail is English, for API users).
  const problemText = useProblemText();
  const user = useSession().data?.user;
  const [search] = useSearchParams();
  const update = useSearchUpdate();
  const showAll = search.get('show') === 'all';
  const mayHave = Boolean(user && hasTasks(user));
  const tasks = useInstructions({ mine: true, status: showAll ? undefined : OPEN, limit: 500 }, mayHave);
  const agencyName = useAgencyName();

  if (user && !mayHave) return <p className="hint">{t('tasks.noAgency')}</p>;
  return (
    <div className="meetings-page tasks-page">
      <div className="page-head">
        <h1>{t('tasks.title')}</h1>
        {user?.agency && <span className="meta">{agencyName(user.agency)}</span>}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          name="show-all"
          checked={showAll}
          onChange={(event) =>
            update(
              (params) => {
                if (event.target.checked) params.set('show', 'all');
                else params.delete('show');
              },
              { replace: true },
            )
          }
        />{' '}
        {t('tasks.showDone')}
      </label>
      {tasks.isPending ? (
        <p className="loading">{t('common.loading')}</p>
      ) : tasks.isError ? (
        <p role="alert">{problemText(tasks.error)}</p>
      ) : tasks.data.items.length === 0 ? (
        <p className="hint">{t('tasks.empty')}</p>
      ) : (
        <ul className="task-list" data-testid="task-list">
          {tasks.data.items.map((item) => (
            <li
              key={`${item.instruction_id}-${item.agency}`}
              className="instruction"
              data-instruction={item.instruction_id}
              data-status={item.status}
            >
              <div className="assignment-head">
                <strong>{t('meetings.instructions.dueOn', { date: formatDate(item.due_on) })}</strong>{' '}
                <TimelinessBadge status={item.status} timeliness={item.timeliness} />
              </div>
              <p className="instruction-text">{item.text}</p>
              <p className="meta">
                <Link to={`/meetings/${item.meeting.id}`}>
                  <MeetingDate heldOn={item.meeting.held_on} /> — {item.meeting.title}
                </Link>
                {item.hotspot && (
                  <>
                    {' · '}
                    <Link to={`/?period=all&h=${item.hotspot.id}`}>
                      <span className="ref">{item.hotspot.reference}</span> {item.hotspot.title}
                    </Link>
                  </>
                )}
              </p>
              <AssignmentActions instructionId={item.instruction_id} part={item} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
