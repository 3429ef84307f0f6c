import { useTranslation } from 'react-i18next';
import { useAgencies, useAreas, useCategories } from '../api/hooks';
import { periodRange, type Selection } from '../filters/filters';
import { formatDate } from '../i18n/i18n';
import { localName } from '../i18n/names';

/**
 * The selection in words ("Period: 1 January 2026 – 15 March 2026; Category: …"), so a page of
 * figures or a printout says what it counts without the filter bar beside it.
 */
export function SelectionSummary({ selection, today }: { selection: Selection; today: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const categories = useCategories();
  const agencies = useAgencies();
  const areas = useAreas();

  const range = periodRange(selection, today);
  const period =
    range.from || range.to
      ? t('dashboard.selection.range', {
          from: range.from ? formatDate(range.from) : '…',
          to: range.to ? formatDate(range.to) : '…',
        })
      : t('dashboard.selection.allTime');
  const names = (codes: string[], items: { code: string; name_kk: string; name_ru: string; name_en: string }[]) =>
    codes.map((code) => {
      const item = items.find((candidate) => candidate.code === code);
      return item ? localName(item, language) : code;
    });
  const area = areas.data?.features.find((feature) => feature.properties.id === selection.area);

  const filters: [string, string][] = [];
  if (selection.status.length)
    filters.push(['status', selection.status.map((status) => t(`common.status.${status}`)).join(', ')]);
  if (selection.category.length)
    filters.push(['category', names(selection.category, categories.data ?? []).join(', ')]);
  if (selection.severity.length)
    filters.push(['severity', selection.severity.map((severity) => t(`common.severity.${severity}`)).join(', ')]);
  if (selection.agency.length) filters.push(['agency', names(selection.agency, agencies.data ?? []).join(', ')]);
  if (selection.area) filters.push(['area', area ? localName(area.properties, language) : String(selection.area)]);
  if (selection.q) filters.push(['search', t('dashboard.selection.quoted', { text: selection.q })]);

  return (
    <dl className="selection-summary" aria-label={t('dashboard.selection.label')} data-testid="selection-summary">
      <div>
        <dt>{t('dashboard.selection.period')}</dt>
        <dd>{period}</dd>
      </div>
      {filters.map(([name, value]) => (
        <div key={name}>
          <dt>{t(`dashboard.selection.${name}`)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      {(selection.overdue || !filters.length) && (
        <div>
          <dt>{t('dashboard.selection.filters')}</dt>
          <dd>{t(selection.overdue ? 'dashboard.selection.overdueOnly' : 'dashboard.selection.noFilters')}</dd>
        </div>
      )}
    </dl>
  );
}
