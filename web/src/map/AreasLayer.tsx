import { useEffect, useMemo } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { AreaCollection, AreaFeature, Stats } from '../api/types';
import { CHOROPLETH, choroplethClass } from './styles';
import { textTooltip } from './text-content';

interface Props {
  areas: AreaCollection | undefined;
  stats: Stats | undefined;
  boundaries: boolean;
  choropleth: boolean;
  name: (area: AreaFeature) => string;
}

/** The deepest areas that have counts are coloured; their parents would hide them. */
export function choroplethAreas(areas: AreaFeature[], stats: Stats | undefined) {
  const counts = new Map((stats?.by_area ?? []).map((row) => [row.area_id, row.entered]));
  const parents = new Set(areas.map((area) => area.properties.parent_id).filter((id) => id !== null));
  const leaves = areas.filter((area) => !parents.has(area.properties.id));
  const max = Math.max(0, ...leaves.map((area) => counts.get(area.properties.id) ?? 0));
  return { counts, leaves, max };
}

/** Boundaries as outlines (drawn even with no base map, so the city stays recognisable) and a choropleth of counts. */
export function AreasLayer({ areas, stats, boundaries, choropleth, name }: Props) {
  const map = useMap();
  const features = useMemo(() => areas?.features ?? [], [areas]);

  useEffect(() => {
    if (!boundaries || features.length === 0) return;
    const outline = L.geoJSON(features as GeoJSON.Feature[], {
      interactive: false,
      style: (feature) => ({
        color: '#1e3a5f',
        weight: (feature as AreaFeature).properties.level === 'region' ? 3 : 1.5,
        fill: false,
        opacity: 0.8,
      }),
    });
    outline.addTo(map);
    outline.bringToBack();
    return () => {
      outline.remove();
    };
  }, [map, features, boundaries]);

  useEffect(() => {
    if (!choropleth || features.length === 0) return;
    const { counts, leaves, max } = choroplethAreas(features, stats);
    const fill = L.geoJSON(leaves as GeoJSON.Feature[], {
      style: (feature) => {
        const count = counts.get((feature as AreaFeature).properties.id) ?? 0;
        return {
          color: '#7f2704',
          weight: 1,
          fillColor: CHOROPLETH[choroplethClass(count, max)],
          fillOpacity: 0.6,
        };
      },
      onEachFeature: (feature, layer) => {
        const area = feature as AreaFeature;
        layer.bindTooltip(textTooltip(name(area), ': ', counts.get(area.properties.id) ?? 0), { sticky: true });
      },
    });
    fill.addTo(map);
    fill.bringToBack();
    return () => {
      fill.remove();
    };
  }, [map, features, stats, choropleth, name]);

  return null;
}
