import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAgencies, useHotspots } from '../api/hooks';
import type { ApiFilters } from '../filters/filters';
import { formatDate, formatNumber } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { daysBetween } from './months';
import { useProblemText } from '../api/problem-text';

/** A meeting reads the overdue list aloud; a hundred, longest overdue first, is more than one meeting gets through. */
const LIMIT = 100;

/** Open hotspots past their deadline, within the selection; each opens on the map with the same filters. */
export function OverdueList({ filters, today, search }: { filters: ApiFilters; today: string; search: string }) {
  const { t, i18n } = useTranslation();
  // A failed read in the person's words (the API's detail is English, for API users).
  const problemText = useProblemText();
  const agencies = useAgencies();
  const overdue = useHotspots({ ...filters, overdue: true, sort: 'due_on', limit: LIMIT, count: 'exact' });
  const features = overdue.data?.features ?? [];
  const total = overdue.data?.numberMatched ?? 0;

  const onMap = (id: string) => {
    const next = new URLSearchParams(search);
    next.set('h', id);
    return { pathname: '/', search: `?${next.toString()}` };
  };
  const agencyName = (code: string | null) => {
    const agency = agencies.data?.find((item) => item.code === code);
    return agency ? localName(agency, i18n.language) : (code ?? t('dashboard.breakdowns.noAgency'));
  };

  return (
    <section className="overdue-list" data-testid="overdue-list" aria-labelledby="overdue-title">
      <h2 id="overdue-title">
        {t('dashboard.overdue.title')}
        {overdue.data && <span className="heading-count"> ({formatNumber(total)})</span>}
      </h2>
      {overdue.isPending && <p className="loading">{t('common.loading')}</p>}
      {overdue.isError && <p role="alert">{problemText(overdue.error)}</p>}
      {overdue.data && features.length === 0 && <p className="empty">{t('dashboard.overdue.empty')}</p>}
      {features.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.overdue.reference')}</th>
              <th scope="col">{t('dashboard.overdue.name')}</th>
              <th scope="col">{t('dashboard.overdue.agency')}</th>
              <th scope="col">{t('dashboard.overdue.due')}</th>
              <th scope="col" className="number">
                {t('dashboard.overdue.late')}
              </th>
            </tr>
          </thead>
          <tbody>
            {features.map((feature) => {
              const { reference, title, agency, due_on: due } = feature.properties;
              return (
                <tr key={feature.id}>
                  <th scope="row">
                    <Link to={onMap(feature.id)} title={t('dashboard.overdue.openOnMap')}>
                      {reference}
                    </Link>
                  </th>
                  <td>{title}</td>
                  <td>{agencyName(agency)}</td>
                  <td>{formatDate(due)}</td>
                  <td className="number">
                    {due ? t('dashboard.overdue.days', { count: daysBetween(due, today) }) : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {total > features.length && (
        <p className="note">{t('dashboard.overdue.truncated', { count: total, shown: features.length })}</p>
      )}
    </section>
  );
}
