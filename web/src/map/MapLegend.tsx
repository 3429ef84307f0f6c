import { useTranslation } from 'react-i18next';
import { useAreas, useCategories, useStats } from '../api/hooks';
import type { ApiFilters } from '../filters/filters';
import { formatNumber } from '../i18n/i18n';
import { localName } from '../i18n/names';
import { choroplethMax, choroplethSteps } from './choropleth';
import type { LayerChoice } from './layers';
import { FALLBACK_COLOUR, STATUS_GROUPS } from './styles';
import './legend.css';

/**
 * The choropleth's classes as numbers ("0", "1–3", "4–6"…) in the interface's number format, from
 * the same counts and areas the map colours (the queries are shared, nothing is fetched twice).
 */
export function ChoroplethScale({ filters }: { filters: ApiFilters }) {
  const { t } = useTranslation();
  const areas = useAreas();
  const stats = useStats(filters);
  if (!areas.data || !stats.data) return null;
  const steps = choroplethSteps(choroplethMax(areas.data, stats.data));
  return (
    <ul className="choropleth-scale" aria-label={t('map.legend.scale')} data-testid="choropleth-scale">
      {steps.map((step) => (
        <li key={step.colour} data-from={step.from} data-to={step.to}>
          <span className="swatch" style={{ background: step.colour }} aria-hidden />
          {step.from === step.to
            ? formatNumber(step.from)
            : t('map.legend.range', { from: formatNumber(step.from), to: formatNumber(step.to) })}
        </li>
      ))}
    </ul>
  );
}

/**
 * The legend of a map that has no layer panel (the printed report): the symbols of exactly the
 * layers shown, so the paper can be read without the screen.
 */
export function MapLegend({ layers, filters }: { layers: LayerChoice; filters: ApiFilters }) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  const shown = (categories.data ?? []).filter(
    (category) => category.active && !layers.hiddenCategories.includes(category.code),
  );
  return (
    <section className="map-legend" aria-labelledby="map-legend-title" data-testid="map-legend">
      <h2 id="map-legend-title">{t('map.legend.title')}</h2>
      <div className="map-legend-groups">
        <div>
          <h3>{t('map.layers.categories')}</h3>
          <ul>
            {shown.map((category) => (
              <li key={category.code}>
                <span className="swatch" style={{ background: category.colour || FALLBACK_COLOUR }} aria-hidden />
                {localName(category, i18n.language)}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t('map.layers.statuses')}</h3>
          <ul>
            {STATUS_GROUPS.filter((group) => layers.statuses.includes(group)).map((group) => (
              <li key={group}>
                <span className={`swatch status-${group}`} aria-hidden />
                {t(`map.layers.${group}`)}
              </li>
            ))}
            {layers.boundaries && (
              <li>
                <span className="swatch boundary" aria-hidden />
                {t('map.layers.boundaries')}
              </li>
            )}
          </ul>
        </div>
        {layers.choropleth && (
          <div>
            <h3>{t('map.layers.choropleth')}</h3>
            <ChoroplethScale filters={filters} />
          </div>
        )}
      </div>
    </section>
  );
}
