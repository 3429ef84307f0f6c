import { useCallback, useEffect, useState } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { HotspotFeature } from '../api/types';
import type { ApiFilters } from '../filters/filters';
import { HotspotMap } from '../map/HotspotMap';
import { useLayers } from '../map/useLayers';
import { openingView } from './opening-view';

const keyOf = (feature: HotspotFeature | undefined) => (feature ? `${feature.id}@${feature.properties.version}` : '');

/**
 * Leaflet drops a view change asked for while a zoom animation is still running, so a presenter who
 * presses Next twice quickly could end on an item the map never went to. When the zoom that was under
 * way ends soon after a step and the item is not in view, ask for the item again.
 */
function SettleFocus({ feature, onMissed }: { feature: HotspotFeature | undefined; onMissed: () => void }) {
  const map = useMap();
  useEffect(() => {
    if (!feature) return;
    const bounds = L.geoJSON(feature as GeoJSON.Feature).getBounds();
    if (!bounds.isValid()) return;
    const stepped = Date.now();
    const check = () => {
      // Later zooms are the presenter's own: leave them alone.
      if (Date.now() - stepped < 1500 && !map.getBounds().contains(bounds.getCenter())) onMissed();
    };
    map.once('zoomend', check);
    return () => {
      map.off('zoomend', check);
    };
  }, [map, feature, onMissed]);
  return null;
}

/** The meeting's map: the whole selection drawn, the current agenda item selected and brought into view. */
export function MeetingMap({
  filters,
  current,
  onSelect,
}: {
  filters: ApiFilters;
  current: HotspotFeature | undefined;
  onSelect: (id: string) => void;
}) {
  const [initialView] = useState(() => openingView(current));
  const [layers] = useLayers();
  // The map moves only when the item changes (or is edited), not each time the list is fetched again,
  // so a presenter who panned to show a neighbourhood is not pulled back by a background refresh.
  const [focus, setFocus] = useState(current);
  if (keyOf(focus) !== keyOf(current)) setFocus(current);
  // A fresh object makes the map's focus run again for the same item.
  const refocus = useCallback(() => setFocus((item) => (item ? { ...item } : item)), []);

  return (
    <HotspotMap
      filters={filters}
      layers={layers}
      selectedId={current?.id}
      onSelect={onSelect}
      initialView={initialView}
      focus={focus}
      className="meeting-map"
    >
      <SettleFocus feature={focus} onMissed={refocus} />
    </HotspotMap>
  );
}
