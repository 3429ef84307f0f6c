import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategories } from '../api/hooks';
import type { ApiFilters } from '../filters/filters';
import { localName } from '../i18n/names';
import type { LayerChoice } from './layers';
import { ChoroplethScale } from './MapLegend';
import { FALLBACK_COLOUR, STATUS_GROUPS } from './styles';

/** Layer switches and the legend in one panel: each switch shows the symbol it draws, so they cannot disagree. */
export function LayerPanel({
  layers,
  onChange,
  filters,
}: {
  layers: LayerChoice;
  onChange: (next: LayerChoice) => void;
  /** The map's selection: the choropleth's classes are counted from it. */
  filters: ApiFilters;
}) {
  const { t, i18n } = useTranslation();
  const categories = useCategories();
  // Open on a wide screen (a projector); up to a 1366 px laptop it starts folded, as it would cover much of the map.
  const [open, setOpen] = useState(() => window.matchMedia?.('(min-width: 1367px)').matches ?? true);
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  return (
    <details
      className="layer-panel"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid="layer-panel"
    >
      <summary>{t('map.layers.title')}</summary>
      <fieldset>
        <legend>{t('map.layers.categories')}</legend>
        {(categories.data ?? [])
          .filter((category) => category.active)
          .map((category) => (
            <label key={category.code}>
              <input
                type="checkbox"
                data-layer={`category-${category.code}`}
                checked={!layers.hiddenCategories.includes(category.code)}
                onChange={() =>
                  onChange({ ...layers, hiddenCategories: toggle(layers.hiddenCategories, category.code) })
                }
              />
              <span className="swatch" style={{ background: category.colour || FALLBACK_COLOUR }} aria-hidden />
              {localName(category, i18n.language)}
            </label>
          ))}
      </fieldset>
      <fieldset>
        <legend>{t('map.layers.statuses')}</legend>
        {STATUS_GROUPS.map((group) => (
          <label key={group}>
            <input
              type="checkbox"
              data-layer={`status-${group}`}
              checked={layers.statuses.includes(group)}
              onChange={() => onChange({ ...layers, statuses: toggle(layers.statuses, group) })}
            />
            <span className={`swatch status-${group}`} aria-hidden />
            {t(`map.layers.${group}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('map.legend.title')}</legend>
        <label>
          <input
            type="checkbox"
            data-layer="boundaries"
            checked={layers.boundaries}
            onChange={() => onChange({ ...layers, boundaries: !layers.boundaries })}
          />
          <span className="swatch boundary" aria-hidden />
          {t('map.layers.boundaries')}
        </label>
        <label>
          <input
            type="checkbox"
            data-layer="settlements"
            checked={layers.settlements}
            onChange={() => onChange({ ...layers, settlements: !layers.settlements })}
          />
          <span className="swatch settlement" aria-hidden />
          {t('places.layer.settlements')}
        </label>
        <label>
          <input
            type="checkbox"
            data-layer="choropleth"
            checked={layers.choropleth}
            onChange={() => onChange({ ...layers, choropleth: !layers.choropleth })}
          />
          {t('map.layers.choropleth')}
        </label>
        {layers.choropleth && <ChoroplethScale filters={filters} />}
      </fieldset>
    </details>
  );
}
