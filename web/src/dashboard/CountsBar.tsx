import { useTranslation } from 'react-i18next';
import { useStats } from '../api/hooks';
import type { ApiFilters } from '../filters/filters';
import { formatNumber } from '../i18n/i18n';
import { useProblemText } from '../api/problem-text';

/** The numbers a meeting quotes, for exactly the selection on screen. */
export function CountsBar({ filters, large = false }: { filters: ApiFilters; large?: boolean }) {
  const { t } = useTranslation();
  // A failed read in the person's words (the API's detail is English, for API users).
  const problemText = useProblemText();
  const stats = useStats(filters);
  const values = stats.data;
  const items = [
    ['entered', values?.entered],
    ['resolved', values?.resolved],
    ['in_progress', values?.in_progress],
    ['overdue', values?.overdue],
  ] as const;
  return (
    <section className={large ? 'counts-bar large' : 'counts-bar'} aria-label={t('dashboard.counts.label')}>
      {items.map(([name, value]) => (
        <div key={name} className={`count count-${name}`} data-testid={`count-${name}`}>
          <span className="count-value" aria-live="polite">
            {value === undefined ? '…' : formatNumber(value)}
          </span>
          <span className="count-label">{t(`dashboard.counts.${name}`, { count: value ?? 0 })}</span>
        </div>
      ))}
      {/* Headline counts include confidential hotspots this person cannot see; say so, or the list looks short.
          Absent under filters narrow enough to single one out: then they are not counted at all. */}
      {values && !values.breakdowns_include_confidential && (values.confidential ?? 0) > 0 && (
        <p className="count-note" data-testid="count-confidential">
          {t('dashboard.counts.confidential', { count: values.confidential })}
        </p>
      )}
      {stats.isError && <p role="alert">{problemText(stats.error)}</p>}
    </section>
  );
}
