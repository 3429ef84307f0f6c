import { wktToGeoJSON } from '@terraformer/wkt';

const SRID = /^\s*SRID\s*=\s*(\d+)\s*;/i;

/**
 * WKT (as PostGIS and QGIS write it, optionally EWKT with SRID=4326) to a GeoJSON geometry. The
 * shape is checked afterwards by the contract's geometry schema, like any other input.
 */
/** Longer WKT than a single hotspot may send as JSON (2 MB) is not parsed: it cannot be accepted. */
const WKT_MAX_CHARS = 2 * 1024 * 1024;

/**
 * At least how many vertices a WKT text holds: one more than its commas (rings and parts are
 * separated by commas too, so the count never exceeds the truth). Counted before parsing because
 * the parser's time grows faster than its input (16,000 vertices 0.6 s, 32,000 10.7 s, measured),
 * so a file of 2 MB shapes held the process for minutes.
 */
function verticesAtLeast(text: string): number {
  let commas = 0;
  for (let i = text.indexOf(','); i !== -1; i = text.indexOf(',', i + 1)) commas += 1;
  return commas + 1;
}

export function geometryFromWkt(
  text: string,
  maxVertices: number,
): { geometry: unknown } | { error: string; code: string; params?: Record<string, string | number> } {
  if (verticesAtLeast(text) > maxVertices)
    return {
      error: `has more than ${maxVertices} vertices; at most ${maxVertices} are accepted`,
      code: 'too_many_vertices',
      params: { max: maxVertices },
    };
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
