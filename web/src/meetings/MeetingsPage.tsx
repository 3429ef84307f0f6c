import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { meetingListQuery } from '@oshaq/api/contract/meeting-reports';
import { meetingKind } from '@oshaq/api/contract/meetings';
import { useSession } from '../api/hooks';
import { readParam } from '../filters/url-params';
import { useSearchUpdate } from '../app/useSearchUpdate';
import { MeetingDate } from './meeting-date';
import { MEETING_KINDS, useMeetings } from './api';
import { KIND_LABELS } from './labels';
import { canManageMeetings } from './permissions';
import { YearFigures } from './YearFigures';
import './meetings.css';
import { useProblemText } from '../api/problem-text';

const PAGE = 50;

/** Meetings, newest first; the period, kind and page live in the URL so a list can be shared. */
const listQuery = meetingListQuery.shape;

export default function MeetingsPage() {
  const { t } = useTranslation();
  // A failed read in the person's words (the API's detail is English, for API users).
  const problemText = useProblemText();
  const [search] = useSearchParams();
  const update = useSearchUpdate();
  const user = useSession().data?.user;
  // Read with the API's meetingListQuery: a value it would refuse is left out, never sent on to a 400.
  const from = readParam(listQuery.from, search.get('from'));
  const to = readParam(listQuery.to, search.get('to'));
  const kind = readParam(meetingKind, search.get('kind')) ?? '';
  const offset = readParam(listQuery.offset, search.get('offset')) ?? 0;
  const meetings = useMeetings({
    from,
    to,
    kind: kind ? [kind] : undefined,
    limit: PAGE,
    offset,
  });

  const setParam = (name: string, value: string) =>
    update(
      (params) => {
        if (value) params.set(name, value);
        else params.delete(name);
        if (name !== 'offset') params.delete('offset');
      },
      { replace: true },
    );

  const total = meetings.data?.total ?? 0;
  return (
    <div className="meetings-page">
      <div className="page-head">
        <h1>{t('meetings.list.title')}</h1>
        {user && canManageMeetings(user) && (
          <Link className="button" to="/meetings/new" data-action="new-meeting">
            {t('meetings.list.new')}
          </Link>
        )}
      </div>
      <div className="filter-row">
        <label className="field">
          {t('meetings.list.from')}
          <input
            type="date"
            name="from"
            value={from ?? ''}
            onChange={(event) => setParam('from', event.target.value)}
          />
        </label>
        <label className="field">
          {t('meetings.list.to')}
          <input type="date" name="to" value={to ?? ''} onChange={(event) => setParam('to', event.target.value)} />
        </label>
        <label className="field">
          {t('meetings.fields.kind')}
          <select name="kind" value={kind} onChange={(event) => setParam('kind', event.target.value)}>
            <option value="">{t('meetings.list.anyKind')}</option>
            {MEETING_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(KIND_LABELS[value])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {meetings.isPending ? (
        <p className="loading">{t('common.loading')}</p>
      ) : meetings.isError ? (
        <p role="alert">{problemText(meetings.error)}</p>
      ) : meetings.data.meetings.length === 0 ? (
        <p className="hint">{t('meetings.list.empty')}</p>
      ) : (
        <table className="meetings-table" data-testid="meetings-table">
          <thead>
            <tr>
              <th scope="col">{t('meetings.fields.held_on')}</th>
              <th scope="col">{t('meetings.fields.title')}</th>
              <th scope="col">{t('meetings.fields.kind')}</th>
              <th scope="col">{t('meetings.fields.chair')}</th>
              <th scope="col">{t('meetings.list.agendaCount')}</th>
              <th scope="col">{t('meetings.list.instructionCount')}</th>
            </tr>
          </thead>
          <tbody>
            {meetings.data.meetings.map((meeting) => (
              <tr key={meeting.id}>
                <td>
                  <MeetingDate heldOn={meeting.held_on} />
                </td>
                <td>
                  <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>
                </td>
                <td>{t(KIND_LABELS[meeting.kind])}</td>
                <td>{meeting.chair || t('common.none')}</td>
                <td className="number">{meeting.agenda_count}</td>
                <td className="number">{meeting.instruction_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <YearFigures />
      {total > PAGE && (
        <div className="buttons pager">
          <button type="button" disabled={offset === 0} onClick={() => setParam('offset', String(offset - PAGE))}>
            ‹
          </button>
          <span>{t('meetings.list.range', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}</span>
          <button
            type="button"
            disabled={offset + PAGE >= total}
            onClick={() => setParam('offset', String(offset + PAGE))}
          >
            ›
          </button>
        </div>
      )}
    </div>
  );
}
