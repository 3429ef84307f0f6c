import { useEffect } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { HotspotFeature } from '../api/types';

/** Brings a hotspot into view: flies to a point, fits an area. Used by the list and meeting mode. */
export function FocusOn({ feature, zoom = 15 }: { feature: HotspotFeature | undefined; zoom?: number }) {
  const map = useMap();
  useEffect(() => {
    if (!feature) return;
    const bounds = L.geoJSON(feature as GeoJSON.Feature).getBounds();
    if (!bounds.isValid()) return;
    if (feature.geometry.type === 'Point') {
      if (!map.getBounds().pad(-0.1).contains(bounds) || map.getZoom() < zoom - 2)
        map.setView(bounds.getCenter(), Math.max(map.getZoom(), zoom));
    } else map.fitBounds(bounds, { padding: [60, 60], maxZoom: 17 });
  }, [map, feature, zoom]);
  return null;
}

/** Fits the map once to the given outlines (the city) when no view was asked for in the URL. */
export function FitOnce({ geojson, enabled }: { geojson: GeoJSON.FeatureCollection | undefined; enabled: boolean }) {
  const map = useMap();
  useEffect(() => {
    if (!enabled || !geojson || geojson.features.length === 0) return;
    const bounds = L.geoJSON(geojson).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20] });
    // Only once: later changes of data must not move a map the person has panned.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, Boolean(geojson), enabled]);
  return null;
}
