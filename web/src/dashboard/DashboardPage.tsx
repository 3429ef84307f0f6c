import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useStats } from '../api/hooks';
import { useSelection } from '../map/useSelection';
import { Breakdowns } from './Breakdowns';
import { CountsBar } from './CountsBar';
import { OverdueList } from './OverdueList';
import { SelectionSummary } from './SelectionSummary';
import { TrendChart } from './TrendChart';
import './dashboard.css';

/**
 * The figures an interagency meeting discusses, for the very selection chosen on the map (it is read
 * from the same URL parameters): headline counts, the monthly trend, breakdowns and what is overdue.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const { selection, filters, today } = useSelection();
  const { search } = useLocation();
  const stats = useStats(filters);

  return (
    <div className="dashboard-page">
      <header className="dashboard-header">
        <h1>{t('dashboard.title')}</h1>
        <SelectionSummary selection={selection} today={today} />
        <Link className="to-print" to={{ pathname: '/print', search }}>
          {t('dashboard.toPrint')}
        </Link>
      </header>
      <CountsBar filters={filters} large />
      {stats.isPending && <p className="loading">{t('common.loading')}</p>}
      {stats.isError && (
        // CountsBar already announces the failure; this line adds what to do about it.
        <p className="error">
          {t('dashboard.error', { detail: stats.error.message })}{' '}
          <button type="button" onClick={() => void stats.refetch()}>
            {t('common.retry')}
          </button>
        </p>
      )}
      {stats.data && (
        <>
          <section className="dashboard-section" aria-labelledby="trend-title">
            <h2 id="trend-title">{t('dashboard.trend.title')}</h2>
            <TrendChart stats={stats.data} />
          </section>
          <section className="dashboard-section" aria-labelledby="breakdowns-title">
            <h2 id="breakdowns-title">{t('dashboard.breakdowns.title')}</h2>
            <Breakdowns stats={stats.data} />
          </section>
        </>
      )}
      <OverdueList filters={filters} today={today} search={search} />
    </div>
  );
}
