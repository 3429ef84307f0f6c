import { useEffect, useRef } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { HotspotFeature } from '../api/types';

/** Around a point, the map shows this much (metres across): the streets and the neighbourhood it is in. */
export const POINT_SURROUNDINGS_M = 1600;
/**
 * The closest a selection zooms. Offline (no tiles) level 15 around a point is a blank square; at 14
 * the boundaries and neighbouring hotspots still say where it is, and with tiles the street shows.
 */
export const FOCUS_MAX_ZOOM = 14;

/** The box a hotspot is shown in: the hotspot with its surroundings, never a single point. */
export function focusBounds(feature: Pick<HotspotFeature, 'geometry'>): L.LatLngBounds | undefined {
  const bounds = L.geoJSON(feature as GeoJSON.Feature).getBounds();
  if (!bounds.isValid()) return undefined;
  if (feature.geometry.type === 'Point') return bounds.getCenter().toBounds(POINT_SURROUNDINGS_M);
  // An area with half its size again around it, and at least a point's surroundings.
  return bounds.pad(0.5).extend(bounds.getCenter().toBounds(POINT_SURROUNDINGS_M));
}

/**
 * Brings a hotspot into view with its surroundings (used by the map page and meeting mode): the map
 * moves only when the hotspot is not well inside the view already, and zooms in no closer than
 * FOCUS_MAX_ZOOM, so the person sees where it is, not a blank close-up.
 */
export function FocusOn({
  feature,
  maxZoom = FOCUS_MAX_ZOOM,
}: {
  feature: HotspotFeature | undefined;
  maxZoom?: number;
}) {
  const map = useMap();
  useEffect(() => {
    if (!feature) return;
    const shape = L.geoJSON(feature as GeoJSON.Feature).getBounds();
    const bounds = focusBounds(feature);
    if (!bounds || !shape.isValid()) return;
    const inView = map.getBounds().pad(-0.1).contains(shape);
    const target = Math.min(map.getBoundsZoom(bounds), maxZoom);
    // Already in view at a zoom that shows it: leave the person's view alone.
    if (inView && map.getZoom() >= target - 2) return;
    map.fitBounds(bounds, { maxZoom, padding: [20, 20] });
  }, [map, feature, maxZoom]);
  return null;
}

/**
 * Fits the map once to the given outlines (the city) when no view was asked for in the URL, and only
 * while nobody has moved the map: on a loaded machine the outlines can arrive after the person typed
 * a place, selected a hotspot or panned, and a late fit would take the map away from what they chose.
 */
export function FitOnce({ geojson, enabled }: { geojson: GeoJSON.FeatureCollection | undefined; enabled: boolean }) {
  const map = useMap();
  const moved = useRef(false);
  useEffect(() => {
    // Every move after the map was made is someone's choice (a drag, a zoom, a place shown, a
    // hotspot focused): the map's own first view was set before this runs.
    const note = () => {
      moved.current = true;
    };
    map.on('movestart zoomstart', note);
    return () => {
      map.off('movestart zoomstart', note);
    };
  }, [map]);
  useEffect(() => {
    if (!enabled || !geojson || geojson.features.length === 0 || moved.current) return;
    const bounds = L.geoJSON(geojson).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20] });
    // Only once: later changes of data must not move a map the person has panned.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, Boolean(geojson), enabled]);
  return null;
}
