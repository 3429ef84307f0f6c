import { useTranslation } from 'react-i18next';
import { useAgencies, useCategories, useHotspots } from '../api/hooks';
import type { ApiFilters } from '../filters/filters';
import { formatDate } from '../i18n/i18n';
import { localName } from '../i18n/names';

/** The most the API gives in one page; a longer list belongs in an export, not on paper. */
const LIMIT = 1000;

const COLUMNS = ['reference', 'title', 'category', 'severity', 'status', 'agency', 'registered', 'due'] as const;

/** Every hotspot of the selection, by reference, as one table whose header repeats on each printed page. */
export function PrintList({ filters }: { filters: ApiFilters }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const categories = useCategories();
  const agencies = useAgencies();
  const hotspots = useHotspots({ ...filters, sort: 'reference', limit: LIMIT, count: 'exact' });
  const features = hotspots.data?.features ?? [];
  const total = hotspots.data?.numberMatched ?? 0;

  const categoryName = (code: string) => {
    const category = categories.data?.find((item) => item.code === code);
    return category ? localName(category, language) : code;
  };
  const agencyName = (code: string | null) => {
    const agency = agencies.data?.find((item) => item.code === code);
    return agency ? localName(agency, language) : (code ?? t('common.none'));
  };

  return (
    <section className="print-list" aria-labelledby="print-list-title" data-testid="print-list">
      <h2 id="print-list-title">
        {t('dashboard.print.list')}
        {hotspots.data && <span className="heading-count"> — {t('dashboard.print.count', { count: total })}</span>}
      </h2>
      {hotspots.isPending && <p className="loading">{t('common.loading')}</p>}
      {hotspots.isError && <p role="alert">{t('common.errors.generic', { detail: hotspots.error.message })}</p>}
      {hotspots.data && features.length === 0 && <p className="empty">{t('dashboard.print.empty')}</p>}
      {total > features.length && features.length > 0 && (
        <p className="note">{t('dashboard.print.truncated', { count: total, shown: features.length })}</p>
      )}
      {features.length > 0 && (
        <table>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th key={column} scope="col" className={`column-${column}`}>
                  {t(`dashboard.print.columns.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {features.map(({ id, properties: hotspot }) => (
              <tr key={id}>
                <th scope="row" className="column-reference">
                  {hotspot.reference}
                </th>
                <td>{hotspot.title}</td>
                <td>{categoryName(hotspot.category)}</td>
                <td>{t(`common.severity.${hotspot.severity}`)}</td>
                <td>{t(`common.status.${hotspot.status}`)}</td>
                <td>{agencyName(hotspot.agency)}</td>
                <td className="date">{formatDate(hotspot.registered_on)}</td>
                <td className="date">
                  {formatDate(hotspot.due_on)}
                  {hotspot.overdue && <strong className="overdue-mark"> {t('dashboard.print.overdue')}</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
