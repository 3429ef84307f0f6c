import { useEffect } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { ClusterCollection } from '../api/types';
import { textElement } from './text-content';

/** Server clusters when too many hotspots are in view: a circle with the count; a click zooms in to split it. */
export function ClusterLayer({
  clusters,
  onSelect,
  label,
}: {
  clusters: ClusterCollection | undefined;
  onSelect: (id: string) => void;
  label: (count: number, overdue: number) => string;
}) {
  const map = useMap();
  useEffect(() => {
    const group = L.layerGroup();
    for (const cluster of clusters?.features ?? []) {
      const [lon, lat] = cluster.geometry.coordinates;
      const { count, overdue, bbox, hotspot_id: hotspotId } = cluster.properties;
      const size = Math.round(28 + Math.min(24, Math.log10(count + 1) * 10));
      const marker = L.marker([lat, lon], {
        icon: L.divIcon({
          className: overdue > 0 ? 'cluster cluster-overdue' : 'cluster',
          html: textElement('span', count),
          iconSize: [size, size],
        }),
        keyboard: true,
        title: label(count, overdue),
        alt: label(count, overdue),
      });
      marker.on('click', () => {
        if (hotspotId) onSelect(hotspotId);
        else
          map.fitBounds(
            [
              [bbox[1], bbox[0]],
              [bbox[3], bbox[2]],
            ],
            { padding: [40, 40], maxZoom: map.getZoom() + 3 },
          );
      });
      group.addLayer(marker);
    }
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, clusters, onSelect, label]);
  return null;
}
