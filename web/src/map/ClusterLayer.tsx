import { createElementObject, createLayerComponent, type LayerProps } from '@react-leaflet/core';
import L from 'leaflet';
import type { ClusterCollection } from '../api/types';
import { textElement } from './text-content';

type Cluster = ClusterCollection['features'][number];

export interface ClusterLayerProps extends LayerProps {
  clusters: ClusterCollection | undefined;
  onSelect: (id: string) => void;
  label: (count: number, overdue: number) => string;
}

/** What a cluster marker shows and does: a marker whose key is unchanged is kept as it is. */
const keyOf = ({ geometry, properties: p }: Cluster) =>
  [...geometry.coordinates, p.count, p.overdue, p.hotspot_id, ...p.bbox].join('|');

/**
 * Server clusters when too many hotspots are in view: a circle with the count, a button for the
 * keyboard (Tab to it, Enter); a click zooms in to split it, or selects its only hotspot. New
 * clusters after a move replace only the markers that changed, so a focused one keeps its focus.
 */
export class ClusterMarkers extends L.FeatureGroup {
  private look: ClusterLayerProps;
  private readonly markers = new Map<string, { marker: L.Marker; cluster: Cluster }>();

  private readonly map: L.Map;

  constructor(props: ClusterLayerProps, map: L.Map) {
    super();
    this.look = props;
    this.map = map;
    this.showClusters(props.clusters);
  }

  applyProps(next: ClusterLayerProps, previous: ClusterLayerProps) {
    this.look = next;
    if (next.clusters !== previous.clusters) this.showClusters(next.clusters);
    if (next.label !== previous.label)
      for (const { marker, cluster } of this.markers.values()) {
        const title = this.titleOf(cluster);
        marker.options.title = title;
        marker.getElement()?.setAttribute('title', title);
      }
  }

  private showClusters(clusters: ClusterCollection | undefined) {
    const wanted = new Map((clusters?.features ?? []).map((cluster) => [keyOf(cluster), cluster]));
    for (const [key, { marker }] of this.markers) {
      if (wanted.has(key)) continue;
      this.removeLayer(marker);
      this.markers.delete(key);
    }
    for (const [key, cluster] of wanted) if (!this.markers.has(key)) this.addCluster(key, cluster);
  }

  private titleOf(cluster: Cluster) {
    return this.look.label(cluster.properties.count, cluster.properties.overdue);
  }

  private addCluster(key: string, cluster: Cluster) {
    const [lon, lat] = cluster.geometry.coordinates;
    const { count, overdue, bbox, hotspot_id: hotspotId } = cluster.properties;
    const size = Math.round(28 + Math.min(24, Math.log10(count + 1) * 10));
    const title = this.titleOf(cluster);
    const marker = L.marker([lat, lon], {
      icon: L.divIcon({
        className: overdue > 0 ? 'cluster cluster-overdue' : 'cluster',
        html: textElement('span', count),
        iconSize: [size, size],
      }),
      keyboard: true,
      title,
      alt: title,
    });
    marker.on('click', () => {
      if (hotspotId) this.look.onSelect(hotspotId);
      else
        this.map.fitBounds(
          [
            [bbox[1], bbox[0]],
            [bbox[3], bbox[2]],
          ],
          { padding: [40, 40], maxZoom: this.map.getZoom() + 3 },
        );
    });
    this.markers.set(key, { marker, cluster });
    this.addLayer(marker);
  }
}

export const ClusterLayer = createLayerComponent<ClusterMarkers, ClusterLayerProps>(
  (props, context) => createElementObject(new ClusterMarkers(props, context.map), context),
  (layer, props, previous) => layer.applyProps(props, previous),
);
