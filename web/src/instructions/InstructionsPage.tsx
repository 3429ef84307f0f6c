import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useAgencies } from '../api/hooks';
import { useSearchUpdate } from '../app/useSearchUpdate';
import { useToday } from '../map/useSelection';
import { compareText, formatDate, formatNumber } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { MeetingDate, meetingDateText } from '../meetings/meeting-date';
import { TimelinessBadge } from '../meetings/TimelinessBadge';
import { useAgencyName, useExplain } from '../meetings/useNames';
import { useAllInstructions } from './api';
import { FILTER_PARAMS, hasFilters, PAGE_SIZE, periodReversed, readFilters, type FilterParam } from './filters';
import { MultiSelect } from '../app/MultiSelect';
import { InstructionsPager } from './InstructionsPager';
import '../meetings/meetings.css';
import './instructions.css';

/** Translation keys written out in full, so the translation test checks each one. */
const STATUS_OPTIONS = [
  { value: 'assigned', label: 'instructions.status.assigned' },
  { value: 'reported', label: 'instructions.status.reported' },
  { value: 'accepted', label: 'instructions.status.accepted' },
] as const;
const TIMELINESS_OPTIONS = [
  { value: 'overdue', label: 'instructions.timeliness.overdue' },
  { value: 'late', label: 'instructions.timeliness.late' },
  { value: 'on_time', label: 'instructions.timeliness.on_time' },
  { value: 'pending', label: 'instructions.timeliness.pending' },
] as const;

/**
 * Every instruction given at interagency meetings, one row per agency's part, earliest deadline
 * first: the prosecutor's office follows them up between meetings. The filters and the page live in
 * the URL (in the API's own names), so a list can be shared or kept as a bookmark.
 */
export default function InstructionsPage() {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const update = useSearchUpdate();
  const agencies = useAgencies();
  const agencyName = useAgencyName();
  const explain = useExplain();
  const today = useToday();
  const filters = readFilters(search);
  const reversed = periodReversed(filters);
  const { offset, ...query } = filters;
  const list = useAllInstructions({ ...query, limit: PAGE_SIZE, offset }, !reversed);

  /** Sets (or with an empty value removes) filters; any filter change goes back to the first page. */
  const setParams = (values: Partial<Record<FilterParam | 'offset', string>>) =>
    update(
      (params) => {
        for (const [name, value] of Object.entries(values)) {
          if (value) params.set(name, value);
          else params.delete(name);
        }
        if (!('offset' in values)) params.delete('offset');
      },
      { replace: true },
    );
  const clearAll = () =>
    update((params) => ['offset', ...FILTER_PARAMS].forEach((name) => params.delete(name)), { replace: true });

  const agencyOptions = [...(agencies.data ?? [])]
    .map((agency) => ({ value: agency.code, label: localName(agency, i18n.language) || agency.code }))
    .sort((a, b) => compareText(a.label, b.label));
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  // The meeting or hotspot a link narrowed the list to, named by an answer's row when there is one.
  const meeting = filters.meeting ? items.find((item) => item.meeting.id === filters.meeting)?.meeting : undefined;
  const hotspot = filters.hotspot ? items.find((item) => item.hotspot?.id === filters.hotspot)?.hotspot : undefined;

  return (
    <div className="meetings-page instructions-page" data-testid="instructions-page">
      <div className="page-head">
        <h1>{t('instructions.title')}</h1>
        {list.data && !reversed && (
          <span className="meta" aria-live="polite" data-testid="instructions-total">
            {t('instructions.found', { count: total, total: formatNumber(total) })}
          </span>
        )}
      </div>
      <div className="filter-row instruction-filters" role="group" aria-label={t('instructions.filters.label')}>
        <MultiSelect
          allLabel={t('instructions.filters.all')}
          label={t('instructions.filters.agency')}
          name="agency"
          options={agencyOptions}
          value={filters.agency}
          onChange={(next) => setParams({ agency: next.join(',') })}
        />
        <MultiSelect
          allLabel={t('instructions.filters.all')}
          label={t('instructions.filters.status')}
          name="status"
          options={STATUS_OPTIONS.map((option) => ({ value: option.value, label: t(option.label) }))}
          value={filters.status}
          onChange={(next) => setParams({ status: next.join(',') })}
        />
        <MultiSelect
          allLabel={t('instructions.filters.all')}
          label={t('instructions.filters.timeliness')}
          name="timeliness"
          options={TIMELINESS_OPTIONS.map((option) => ({ value: option.value, label: t(option.label) }))}
          value={filters.timeliness}
          onChange={(next) => setParams({ timeliness: next.join(',') })}
        />
        <fieldset className="due-period">
          <legend>{t('instructions.filters.due')}</legend>
          <label>
            <span className="visually-hidden">{t('instructions.filters.due')}, </span>
            {t('instructions.filters.from')}{' '}
            <input
              type="date"
              name="due_from"
              value={filters.due_from ?? ''}
              onChange={(event) => setParams({ due_from: event.target.value })}
            />
          </label>
          <label>
            <span className="visually-hidden">{t('instructions.filters.due')}, </span>
            {t('instructions.filters.to')}{' '}
            <input
              type="date"
              name="due_to"
              value={filters.due_to ?? ''}
              onChange={(event) => setParams({ due_to: event.target.value })}
            />
          </label>
        </fieldset>
        {hasFilters(filters) && (
          <button type="button" className="clear-filters" onClick={clearAll} data-action="clear-filters">
            {t('instructions.filters.clear')}
          </button>
        )}
      </div>
      {(filters.meeting || filters.hotspot) && (
        <p className="scope">
          {filters.meeting && (
            <span className="chip">
              {t('instructions.onlyMeeting', {
                meeting: meeting
                  ? `${meetingDateText(meeting.held_on, today, t)} — ${meeting.title}`
                  : `№${filters.meeting}`,
              })}{' '}
              <button type="button" onClick={() => setParams({ meeting: '' })} data-action="clear-meeting">
                {t('instructions.showAll')}
              </button>
            </span>
          )}
          {filters.hotspot && (
            <span className="chip">
              {t('instructions.onlyHotspot', { hotspot: hotspot ? hotspot.reference : filters.hotspot })}{' '}
              <button type="button" onClick={() => setParams({ hotspot: '' })} data-action="clear-hotspot">
                {t('instructions.showAll')}
              </button>
            </span>
          )}
        </p>
      )}
      {reversed ? (
        <p role="alert">{t('instructions.periodReversed')}</p>
      ) : list.isPending ? (
        <p className="loading">{t('common.loading')}</p>
      ) : list.isError ? (
        <div role="alert">
          <p>{t('instructions.failed')}</p>
          <p>{explain(list.error)}</p>
        </div>
      ) : items.length === 0 ? (
        <p className="hint" data-testid="instructions-empty">
          {offset > 0 && total > 0
            ? t('instructions.pastEnd')
            : t(hasFilters(filters) ? 'instructions.emptyFiltered' : 'instructions.empty')}
        </p>
      ) : (
        <table
          className="meetings-table instructions-table"
          data-testid="instructions-table"
          aria-busy={list.isPlaceholderData}
        >
          <caption className="visually-hidden">{t('instructions.title')}</caption>
          <colgroup>
            <col className="col-due" />
            <col className="col-text" />
            <col className="col-agency" />
            <col className="col-status" />
            <col className="col-meeting" />
            <col className="col-hotspot" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('instructions.columns.due')}</th>
              <th scope="col">{t('instructions.columns.text')}</th>
              <th scope="col">{t('instructions.columns.agency')}</th>
              <th scope="col">{t('instructions.columns.status')}</th>
              <th scope="col">{t('instructions.columns.meeting')}</th>
              <th scope="col">{t('instructions.columns.hotspot')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr
                key={`${item.instruction_id}-${item.agency}`}
                data-instruction={item.instruction_id}
                data-agency={item.agency}
                data-timeliness={item.timeliness}
              >
                <td className="due">{formatDate(item.due_on)}</td>
                <td className="instruction-text">{item.text}</td>
                <td>{agencyName(item.agency)}</td>
                <td>
                  <TimelinessBadge status={item.status} timeliness={item.timeliness} />
                </td>
                <td>
                  {/* A long meeting title is shown in three lines at most (whole on hover and to screen readers). */}
                  <Link to={`/meetings/${item.meeting.id}`} className="meeting-link" title={item.meeting.title}>
                    <MeetingDate heldOn={item.meeting.held_on} /> — {item.meeting.title}
                  </Link>
                </td>
                <td>
                  {!item.hotspot ? (
                    <span className="meta">{t('common.none')}</span>
                  ) : item.hotspot.deleted ? (
                    <span className="meta">
                      <span className="ref">{item.hotspot.reference}</span> {item.hotspot.title} (
                      {t('instructions.hotspotDeleted')})
                    </span>
                  ) : (
                    <Link to={`/?period=all&h=${item.hotspot.id}`}>
                      <span className="ref">{item.hotspot.reference}</span> {item.hotspot.title}
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!reversed && list.data && total > 0 && (
        <InstructionsPager
          offset={offset}
          shown={items.length}
          total={total}
          onPage={(next) => setParams({ offset: next ? String(next) : '' })}
        />
      )}
    </div>
  );
}
