import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/i18n';
import { useToday } from '../map/useSelection';
import { useYearSummary } from './api';
import { KIND_LABELS } from './labels';

/**
 * The figures such bodies publish for the year ("three sessions this year, the working group met
 * 19 times"): meetings held by kind, hotspots entered and resolved, instructions given and done.
 */
export function YearFigures() {
  const { t } = useTranslation();
  const year = Number(useToday().slice(0, 4));
  const summary = useYearSummary(year);
  if (!summary.data) return null;
  const { meetings, hotspots, instructions } = summary.data;
  const done = instructions.assignments.done_on_time + instructions.assignments.done_late;
  return (
    <section className="year-figures" aria-labelledby="year-figures-heading" data-testid="year-figures">
      <h2 id="year-figures-heading">{t('meetings.year.title', { year })}</h2>
      <ul>
        <li>
          {t('meetings.year.held', { held: formatNumber(meetings.held), scheduled: formatNumber(meetings.scheduled) })}
        </li>
        {meetings.by_kind
          .filter((row) => row.held + row.scheduled > 0)
          .map((row) => (
            <li key={row.kind} className="meta">
              {t(KIND_LABELS[row.kind])}: {formatNumber(row.held)}
            </li>
          ))}
        <li>
          {t('meetings.year.hotspots', {
            entered: formatNumber(hotspots.entered),
            resolved: formatNumber(hotspots.resolved),
          })}
        </li>
        <li>
          {t('meetings.year.instructions', {
            given: formatNumber(instructions.given),
            done: formatNumber(done),
            overdue: formatNumber(instructions.assignments.overdue),
          })}
        </li>
      </ul>
    </section>
  );
}
