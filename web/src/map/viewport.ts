import type L from 'leaflet';

/** The map's view as written in the URL (`at=zoom/lat/lon`), so a shared link opens the same view. */
export interface View {
  zoom: number;
  lat: number;
  lon: number;
}

export function readView(value: string | null): View | undefined {
  const parts = (value ?? '').split('/').map(Number);
  if (parts.length !== 3 || parts.some((part) => !Number.isFinite(part))) return undefined;
  const [zoom, lat, lon] = parts as [number, number, number];
  if (zoom < 0 || zoom > 22 || Math.abs(lat) > 85 || Math.abs(lon) > 180) return undefined;
  return { zoom: Math.round(zoom), lat, lon };
}

export function writeView(view: View): string {
  return `${view.zoom}/${view.lat.toFixed(5)}/${view.lon.toFixed(5)}`;
}

/** bbox for the API, clipped to valid lon/lat (a world-wrapped view would be refused, not clamped, by the API). */
export function bboxOf(bounds: L.LatLngBounds): string {
  const west = Math.max(-180, bounds.getWest());
  const east = Math.min(180, bounds.getEast());
  const south = Math.max(-90, bounds.getSouth());
  const north = Math.min(90, bounds.getNorth());
  return [west, south, east, north].map((value) => value.toFixed(5)).join(',');
}
