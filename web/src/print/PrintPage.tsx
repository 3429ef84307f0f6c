import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useConfig } from '../api/hooks';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { CountsBar } from '../dashboard/CountsBar';
import { SelectionSummary } from '../dashboard/SelectionSummary';
import { formatDateTime } from '../i18n/i18n';
import { HotspotMap } from '../map/HotspotMap';
import { MapLegend } from '../map/MapLegend';
import { useLayers } from '../map/useLayers';
import { useSelection } from '../map/useSelection';
import { readView } from '../map/viewport';
import { PrintList } from './PrintList';
import '../dashboard/dashboard.css';
import './print.css';

// Clicking a hotspot on paper does nothing; the printed map only shows.
const ignoreSelect = () => undefined;

/**
 * An A4 landscape report of the selection on the map, for the meeting's file: what was selected,
 * when it was printed, the counts, the map as last seen (`at` in the URL) and the full list.
 * Rendered without the app's frame, so the page prints as it looks on screen.
 */
export default function PrintPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const { selection, filters, today, selectedId } = useSelection();
  const [layers] = useLayers();
  const config = useConfig();
  const [initialView] = useState(() => readView(new URLSearchParams(search).get('at')));
  // Fixed when the page opens: the printout says when its figures were taken.
  const [printedAt] = useState(() => new Date().toISOString());
  const timeZone = config.data?.time_zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  return (
    <main className="print-page" data-testid="print-view">
      <div className="print-toolbar">
        <Link to={{ pathname: '/', search }}>← {t('dashboard.print.back')}</Link>
        <LanguageSwitch />
        <button type="button" className="print-button" onClick={() => window.print()}>
          {t('dashboard.print.print')}
        </button>
      </div>
      <header className="print-header">
        <p className="print-app">{t('common.appTitle')}</p>
        <h1>{t('dashboard.print.title')}</h1>
        <SelectionSummary selection={selection} today={today} />
        <p className="printed-on">{t('dashboard.print.printedOn', { date: formatDateTime(printedAt, timeZone) })}</p>
      </header>
      <CountsBar filters={filters} />
      <section className="print-map-section" aria-label={t('dashboard.print.map')}>
        <HotspotMap
          className="print-map"
          filters={filters}
          layers={layers}
          selectedId={selectedId}
          onSelect={ignoreSelect}
          initialView={initialView}
        />
        {/* Paper has no layer panel: the legend says what the symbols mean. */}
        <MapLegend layers={layers} filters={filters} />
      </section>
      <PrintList filters={filters} />
    </main>
  );
}
