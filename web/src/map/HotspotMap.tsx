import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer } from 'react-leaflet';
import { useAreas, useCategories, useClusters, useConfig, useHotspots, useStats } from '../api/hooks';
import type { AreaFeature, HotspotFeature } from '../api/types';
import type { ApiFilters } from '../filters/filters';
import { localName } from '../i18n/names';
import { AreasLayer } from './AreasLayer';
import { BaseTiles } from './BaseTiles';
import { ClusterLayer } from './ClusterLayer';
import { FitOnce, FocusOn } from './FocusOn';
import { HotspotLayer } from './HotspotLayer';
import type { LayerChoice } from './layers';
import { ViewTracker, type MapView } from './ViewTracker';
import type { View } from './viewport';

/** Above this many hotspots in view the map shows server clusters instead of each hotspot. */
export const MAX_DRAWN = 500;

interface Props {
  filters: ApiFilters;
  layers: LayerChoice;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  initialView?: View;
  onViewChange?: (view: MapView) => void;
  focus?: HotspotFeature;
  children?: ReactNode;
  className?: string;
}

const FALLBACK_CENTER: [number, number] = [43.3, 68.25];

export function HotspotMap(props: Props) {
  const { filters, layers, selectedId, onSelect, initialView, onViewChange, focus, children } = props;
  const { t, i18n } = useTranslation();
  const [view, setView] = useState<MapView>();
  const config = useConfig();
  const areas = useAreas();
  const categories = useCategories();
  const stats = useStats(filters);

  // A small selection (the counts say how many) is drawn hotspot by hotspot without asking for
  // clusters first; a large one asks the server how many lie in view, and clusters when too many.
  const small = stats.data !== undefined && stats.data.entered <= MAX_DRAWN;
  const clusters = useClusters({ ...filters, bbox: view?.bbox, zoom: view?.zoom }, Boolean(view) && !small);
  const inView = (clusters.data?.features ?? []).reduce((sum, cluster) => sum + cluster.properties.count, 0);
  const drawEach = small || (Boolean(clusters.data) && inView <= MAX_DRAWN);
  const hotspots = useHotspots({ ...filters, bbox: view?.bbox, limit: MAX_DRAWN }, Boolean(view) && drawEach);

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
    (feature: HotspotFeature) => `${feature.properties.reference} · ${feature.properties.title}`,
    [],
  );
  const clusterLabel = useCallback(
    (count: number, overdue: number) => t('map.clusterLabel', { count, overdue }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, language],
  );
  const home = useMemo(() => {
    const features = areas.data?.features ?? [];
    const jurisdiction = features.filter((area) => area.properties.code === config.data?.jurisdiction);
    const city = features.filter((area) => area.properties.level === 'city');
    const chosen = jurisdiction.length ? jurisdiction : city.length ? city : features;
    return { type: 'FeatureCollection', features: chosen } as GeoJSON.FeatureCollection;
  }, [areas.data, config.data]);

  return (
    <div
      className={props.className ?? 'map-wrap'}
      data-testid="map"
      data-ready={drawEach ? hotspots.isSuccess && !hotspots.isPlaceholderData : clusters.isSuccess}
      data-drawn={drawEach ? (hotspots.data?.features.length ?? 0) : 'clusters'}
    >
      <MapContainer
        center={initialView ? [initialView.lat, initialView.lon] : FALLBACK_CENTER}
        zoom={initialView?.zoom ?? 11}
        className="map"
        keyboard
        preferCanvas
        aria-label={t('map.label')}
      >
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
        {drawEach ? (
          <HotspotLayer
            collection={hotspots.data}
            categories={categories.data ?? []}
            layers={layers}
            selectedId={selectedId}
            onSelect={onSelect}
            label={hotspotLabel}
          />
        ) : (
          <ClusterLayer clusters={clusters.data} onSelect={onSelect} label={clusterLabel} />
        )}
        <FocusOn feature={focus} />
        {children}
      </MapContainer>
    </div>
  );
}
