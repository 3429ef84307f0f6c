import { wktToGeoJSON } from '@terraformer/wkt';

const SRID = /^\s*SRID\s*=\s*(\d+)\s*;/i;

/**
 * WKT (as PostGIS and QGIS write it, optionally EWKT with SRID=4326) to a GeoJSON geometry. The
 * shape is checked afterwards by the contract's geometry schema, like any other input.
 */
/** Longer WKT than a single hotspot may send as JSON (2 MB) is not parsed: it cannot be accepted. */
const WKT_MAX_CHARS = 2 * 1024 * 1024;

export function geometryFromWkt(
  text: string,
): { geometry: unknown } | { error: string; code: string; params?: Record<string, string | number> } {
  if (text.length > WKT_MAX_CHARS)
    return {
      error: `is longer than ${WKT_MAX_CHARS} characters: simplify the shape`,
      code: 'wkt_too_long',
      params: { max: WKT_MAX_CHARS },
    };
  let wkt = text;
  const srid = SRID.exec(wkt);
  if (srid) {
    if (srid[1] !== '4326')
      return {
        error: `is in SRID ${srid[1]}; give lon/lat in EPSG:4326 (SRID=4326)`,
        code: 'wkt_srid',
        params: { srid: srid[1]! },
      };
    wkt = wkt.slice(srid[0].length);
  }
  try {
    // The parser knows only upper-case keywords; WKT itself is case-insensitive.
    return { geometry: wktToGeoJSON(wkt.trim().toUpperCase()) };
  } catch (error) {
    // The parser's message shows the text around the place it stopped, with a caret under it.
    const shown = /\n([^\n]*)\n-*\^/.exec(String((error as Error).message ?? ''))?.[1]?.trim();
    const where = shown ? ` (near "${shown.slice(0, 60)}")` : '';
    return {
      error: `is not WKT the import can read${where}: write POINT (lon lat), POLYGON ((lon lat, …)) or MULTIPOLYGON (((lon lat, …)))`,
      code: 'wkt_unreadable',
    };
  }
}
