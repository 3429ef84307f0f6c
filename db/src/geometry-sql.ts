import knexFactory, { type Knex } from 'knex';
import knexPostgis from 'knex-postgis';

/**
 * PostGIS expressions built with knex-postgis, for every query that turns GeoJSON into geometry or
 * tests geometry against a bbox (API, imports, seeds). Each returns a knex Raw: pass it where knex
 * takes a value (`insert({ geom })`, `.where(…)`) or as a binding of a raw statement (`?`).
 *
 * The builder has no connection: an expression is SQL text and bindings, and compiles inside a
 * query of either database (both speak PostgreSQL), a transaction's or the pool's alike, so callers
 * need not hand their knex over. (knex-postgis also gives knex's Raw an `.as(alias)` method.)
 *
 * Not here: ST_AsGeoJSON. knex-postgis's asGeoJSON takes no precision, and the features we answer
 * round coordinates to 6 decimals (about 0.1 m) inside larger json_build_object templates
 * (hotspots/sql.ts, ogc/repo.ts, reference/repo.ts), which read better as SQL.
 */
const builder = knexFactory({ client: 'pg' });
export const postgis = knexPostgis(builder);

/** Oshaq stores lon/lat in EPSG:4326 only, as GeoJSON (RFC 7946) says. */
const SRID = 4326;

/** A lon/lat rectangle, as the `bbox` parameters give it. */
export interface LonLatBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/**
 * A GeoJSON geometry as a geometry in EPSG:4326: from its JSON text (bound as a parameter), or from
 * an SQL expression giving that text (`knex.raw('t.geometry::text')`). The text goes to PostGIS
 * as it is: knex-postgis would first check an object or JSON string with @placemarkio/check-geojson,
 * which parses it again into a syntax tree (heavy for a region's boundary) and throws a bare Error;
 * the zod contract and PostGIS's own validity check (with its reason) already judge the geometry.
 */
export function geometryFromGeoJSON(geojson: string | Knex.Raw): Knex.Raw {
  const text = typeof geojson === 'string' ? builder.raw('?', [geojson]) : geojson;
  return postgis.setSRID(postgis.geomFromGeoJSON(text), SRID);
}

/** The same, with any heights (a third coordinate some GIS exports write) dropped: columns are 2D. */
export function geometry2DFromGeoJSON(geojson: string | Knex.Raw): Knex.Raw {
  return builder.raw('ST_Force2D(?)', [geometryFromGeoJSON(geojson)]);
}

function bboxEnvelope(box: LonLatBox): Knex.Raw {
  return postgis.makeEnvelope(box.minLon, box.minLat, box.maxLon, box.maxLat, SRID);
}

/** Whether a geometry column's bounding box meets the bbox: `&&`, which the GiST index answers. */
export function bboxOverlaps(column: string, box: LonLatBox): Knex.Raw {
  return postgis.boundingBoxIntersects(column, bboxEnvelope(box));
}

/**
 * Whether a geometry column meets the bbox: the envelope test first, so the GiST index finds the
 * candidates, then the exact one, which drops those whose outline misses the box.
 */
export function intersectsBbox(column: string, box: LonLatBox): Knex.Raw {
  return builder.raw('? AND ?', [bboxOverlaps(column, box), postgis.intersects(column, bboxEnvelope(box))]);
}
