import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { MapContainer, useMap } from 'react-leaflet';
import { useAreas, useCategories, useClusters, useConfig, useMapHotspots, useStats } from '../api/hooks';
import type { AreaFeature, HotspotFeature, HotspotMapFeature } from '../api/types';
import type { ApiFilters } from '../filters/filters';
import { localName } from '../i18n/names';
import { AreasLayer } from './AreasLayer';
import { BaseTiles } from './BaseTiles';
import { ClusterLayer } from './ClusterLayer';
import { FitOnce, FocusOn } from './FocusOn';
import { HotspotLayer } from './HotspotLayer';
import { SettlementsLayer } from './SettlementsLayer';
import { filtersForLayers, visibleFeatures, type LayerChoice } from './layers';
import { ViewTracker, type MapView } from './ViewTracker';
import type { View } from './viewport';

/** Above this many hotspots in view the map shows server clusters instead of each hotspot. */
const MAX_DRAWN = 500;

interface Props {
  filters: ApiFilters;
  layers: LayerChoice;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  initialView?: View;
  onViewChange?: (view: MapView) => void;
  focus?: HotspotFeature;
  children?: ReactNode;
  /** Drawn over the map but outside Leaflet (a click on it never reaches the map). */
  overlay?: ReactNode;
  className?: string;
}

const FALLBACK_CENTER: [number, number] = [43.3, 68.25];

export function HotspotMap(props: Props) {
  const { filters, layers, selectedId, onSelect, initialView, onViewChange, focus, children } = props;
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<MapView>();
  // One canvas for every layer: a second canvas on top would take all mouse events, and the areas'
  // tooltips under the hotspots' canvas never showed. The tolerance makes small markers easy to hit.
  const [renderer] = useState(() => L.canvas({ padding: 0.3, tolerance: 6 }));
  const config = useConfig();
  const areas = useAreas();
  const categories = useCategories();
  const stats = useStats(filters);

  // No waterfall: the map no longer waits for the statistics (seconds at a million hotspots) before
  // asking for anything. The hotspots in view (at most MAX_DRAWN) and, unless the counts already say
  // the selection is small, the clusters are asked at once; an answer of hotspots without a `next`
  // link means few lie in view and draws the map by itself, otherwise the clusters do.
  const small = stats.data !== undefined && stats.data.entered <= MAX_DRAWN;
  const categoryCodes = useMemo(() => (categories.data ?? []).map((category) => category.code), [categories.data]);
  const layerFilters = useMemo(
    () => filtersForLayers(filters, layers, categoryCodes),
    [filters, layers, categoryCodes],
  );
  const clusters = useClusters(
    { ...layerFilters, bbox: view?.bbox, zoom: view?.zoom },
    Boolean(view) && !small && layerFilters !== undefined && categories.isSuccess,
  );
  // Beyond a small selection the layers narrow the request too, so the 500 drawn are all ones shown.
  // In the list's slim form (view=map): only what the layer draws and labels; the panel of a hotspot
  // opened here reads it in full (useHotspot).
  const hotspots = useMapHotspots(
    { ...(small ? filters : layerFilters), bbox: view?.bbox, limit: MAX_DRAWN },
    Boolean(view) && (small || layerFilters !== undefined),
  );
  const fewInView = hotspots.data !== undefined && !hotspots.data.links.some((link) => link.rel === 'next');
  const inView = (clusters.data?.features ?? []).reduce((sum, cluster) => sum + cluster.properties.count, 0);
  // Until the hotspots' answer is in, the clusters' count decides (as before).
  const drawEach = small || (hotspots.data ? fewInView : Boolean(clusters.data) && inView <= MAX_DRAWN);
  const nothingShown = !small && layerFilters === undefined;
  // Memoised, so the layers see a new list or new colours only when they really change.
  const drawn = useMemo(() => visibleFeatures(hotspots.data?.features ?? [], layers), [hotspots.data, layers]);
  const colours = useMemo(
    () => new Map((categories.data ?? []).map((category) => [category.code, category.colour])),
    [categories.data],
  );

  const handleView = useCallback(
    (next: MapView) => {
      setView(next);
      onViewChange?.(next);
    },
    [onViewChange],
  );
  const language = i18n.language;
  const areaName = useCallback((area: AreaFeature) => localName(area.properties, language), [language]);
  const hotspotLabel = useCallback(
    (feature: HotspotMapFeature) => `${feature.properties.reference} · ${feature.properties.title}`,
    [],
  );
  const clusterLabel = useCallback(
    (count: number, overdue: number) => t('map.clusterLabel', { count, overdue }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, language],
  );
  const home = useMemo(() => {
    const features = areas.data?.features ?? [];
    const jurisdiction = features.filter(
      (area) => area.properties.code !== null && config.data?.jurisdiction?.includes(area.properties.code),
    );
    const city = features.filter((area) => area.properties.level === 'city');
    const chosen = jurisdiction.length ? jurisdiction : city.length ? city : features;
    return { type: 'FeatureCollection', features: chosen } as GeoJSON.FeatureCollection;
  }, [areas.data, config.data]);

  return (
    <div
      className={props.className ?? 'map-wrap'}
      data-testid="map"
      data-ready={nothingShown || (drawEach ? hotspots.isSuccess && !hotspots.isPlaceholderData : clusters.isSuccess)}
      data-drawn={drawEach ? drawn.length : 'clusters'}
    >
      <MapContainer
        center={initialView ? [initialView.lat, initialView.lon] : FALLBACK_CENTER}
        zoom={initialView?.zoom ?? 11}
        className="map"
        keyboard
        preferCanvas
        renderer={renderer}
      >
        <ContainerLabel label={t('map.label')} />
        <BaseTiles />
        <FitOnce geojson={areas.data ? home : undefined} enabled={!initialView} />
        <ViewTracker onView={handleView} />
        <AreasLayer
          areas={areas.data}
          stats={stats.data}
          boundaries={layers.boundaries}
          choropleth={layers.choropleth}
          name={areaName}
        />
        <SettlementsLayer enabled={layers.settlements} />
        {drawEach ? (
          <HotspotLayer
            features={drawn}
            colours={colours}
            selectedId={selectedId}
            onSelect={onSelect}
            label={hotspotLabel}
          />
        ) : (
          <ClusterLayer clusters={nothingShown ? undefined : clusters.data} onSelect={onSelect} label={clusterLabel} />
        )}
        <FocusOn feature={focus} />
        {children}
      </MapContainer>
      {props.overlay}
    </div>
  );
}

/**
 * Names the map for screen readers. MapContainer does not pass aria-label on to the element Leaflet
 * makes focusable, so it is set on Leaflet's own container.
 */
function ContainerLabel({ label }: { label: string }) {
  const map = useMap();
  useEffect(() => {
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', label);
  }, [map, label]);
  return null;
}
