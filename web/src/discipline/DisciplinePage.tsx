import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSearchUpdate } from '../app/useSearchUpdate';
import { compareText, formatDate, formatNumber, type Language } from '../i18n/i18n';
import { MeetingDate } from '../meetings/meeting-date';
import { useToday } from '../map/useSelection';
import { daysPast } from '../meeting/agenda';
import { disciplineXlsxUrl, useDiscipline, type DisciplineReport } from '../meetings/api';
import { useAgencyName } from '../meetings/useNames';
import { periodFrom } from './quarter';
import '../meetings/meetings.css';
import './discipline.css';
import { useProblemText } from '../api/problem-text';

type Counts = DisciplineReport['totals'];
const COLUMNS: { key: keyof Counts; label: string }[] = [
  { key: 'given', label: 'discipline.columns.given' },
  { key: 'done_on_time', label: 'discipline.columns.done_on_time' },
  { key: 'done_late', label: 'discipline.columns.done_late' },
  { key: 'overdue', label: 'discipline.columns.overdue' },
  { key: 'pending', label: 'discipline.columns.pending' },
];

/**
 * Executive discipline for a period (the current quarter unless the URL says otherwise): per agency,
 * instructions due in it, done on time, late, overdue; the overdue list; XLSX and a printable page.
 */
export default function DisciplinePage() {
  const { t, i18n } = useTranslation();
  // A failed read in the person's words (the API's detail is English, for API users).
  const problemText = useProblemText();
  const [search] = useSearchParams();
  const update = useSearchUpdate();
  const today = useToday();
  const period = periodFrom(search, today);
  // Deadlines in the period by default; `basis=given` counts what meetings in it gave instead.
  const basis = search.get('basis') === 'given' ? 'given' : undefined;
  const report = useDiscipline({ ...period, basis });
  const agencyName = useAgencyName();
  const setParam = (name: 'from' | 'to' | 'basis', value: string) =>
    update(
      (params) => {
        if (value) params.set(name, value);
        else params.delete(name);
      },
      { replace: true },
    );

  return (
    <div className="discipline-page" data-testid="discipline-page">
      <div className="page-head">
        <h1>{t('discipline.title')}</h1>
        <div className="buttons no-print">
          <a
            href={disciplineXlsxUrl({ ...period, basis, lang: i18n.language as Language })}
            className="button"
            download
            data-action="xlsx"
          >
            {t('discipline.xlsx')}
          </a>
          <button type="button" onClick={() => window.print()} data-action="print">
            {t('discipline.print')}
          </button>
        </div>
      </div>
      <div className="filter-row no-print">
        <label className="field">
          {t('discipline.from')}
          <input
            type="date"
            name="from"
            value={period.from}
            onChange={(event) => setParam('from', event.target.value)}
          />
        </label>
        <label className="field">
          {t('discipline.to')}
          <input type="date" name="to" value={period.to} onChange={(event) => setParam('to', event.target.value)} />
        </label>
        <label className="field">
          {t('discipline.basis.label')}
          <select
            name="basis"
            value={basis ?? 'due'}
            onChange={(event) => setParam('basis', event.target.value === 'given' ? 'given' : '')}
          >
            <option value="due">{t('discipline.basis.due')}</option>
            <option value="given">{t('discipline.basis.given')}</option>
          </select>
        </label>
      </div>
      <p className="period-line">
        {t(basis ? 'discipline.periodGiven' : 'discipline.period', {
          from: formatDate(period.from),
          to: formatDate(period.to),
        })}
        {report.data && <> · {t('discipline.asOf', { date: formatDate(report.data.as_of) })}</>}
      </p>
      {report.isPending ? (
        <p className="loading">{t('common.loading')}</p>
      ) : report.isError ? (
        <p role="alert">{problemText(report.error)}</p>
      ) : (
        <>
          <table className="discipline-table" data-testid="discipline-table">
            <thead>
              <tr>
                <th scope="col">{t('discipline.columns.agency')}</th>
                {COLUMNS.map((column) => (
                  <th scope="col" key={column.key}>
                    {t(column.label)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {/* By the agency's name as read, in the Kazakh alphabet (the API sends them by code). */}
              {[...report.data.agencies]
                .sort((a, b) => compareText(agencyName(a.agency), agencyName(b.agency)))
                .map((row) => (
                  <tr key={row.agency} data-agency={row.agency}>
                    <th scope="row">{agencyName(row.agency)}</th>
                    {COLUMNS.map((column) => (
                      <td key={column.key} className="number" data-count={column.key}>
                        {formatNumber(row[column.key])}
                      </td>
                    ))}
                  </tr>
                ))}
            </tbody>
            <tfoot>
              <tr data-agency="total">
                <th scope="row">{t('discipline.total')}</th>
                {COLUMNS.map((column) => (
                  <td key={column.key} className="number" data-count={column.key}>
                    {formatNumber(report.data.totals[column.key])}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
          {report.data.agencies.length === 0 && <p className="hint">{t('discipline.empty')}</p>}
          {!report.data.breakdowns_include_confidential && report.data.confidential > 0 && (
            <p className="hint">{t('discipline.confidential', { count: report.data.confidential })}</p>
          )}
          <h2>{t('discipline.overdueTitle')}</h2>
          {report.data.overdue.length === 0 ? (
            <p className="hint">{t('discipline.noOverdue')}</p>
          ) : (
            <table className="discipline-table overdue" data-testid="discipline-overdue">
              <thead>
                <tr>
                  <th scope="col">{t('discipline.columns.agency')}</th>
                  <th scope="col">{t('discipline.columns.instruction')}</th>
                  <th scope="col">{t('discipline.columns.due')}</th>
                  <th scope="col">{t('discipline.columns.daysOverdue')}</th>
                  <th scope="col">{t('discipline.columns.meeting')}</th>
                </tr>
              </thead>
              <tbody>
                {report.data.overdue.map((item) => (
                  <tr key={`${item.instruction_id}-${item.agency}`}>
                    <td>{agencyName(item.agency)}</td>
                    <td>
                      {item.text}
                      {item.hotspot && <span className="meta"> ({item.hotspot.reference})</span>}
                    </td>
                    <td>{formatDate(item.due_on)}</td>
                    <td className="number">{formatNumber(daysPast(item.due_on, report.data.as_of))}</td>
                    <td>
                      <Link to={`/meetings/${item.meeting.id}`}>
                        <MeetingDate heldOn={item.meeting.held_on} /> — {item.meeting.title}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
