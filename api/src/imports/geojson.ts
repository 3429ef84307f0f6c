import { HttpProblem } from '../http/problem.js';
import type { SourceRow } from './rows.js';
import { IMPORT_MAX_ROWS, tooManyRows } from './schema.js';

/** CRS names that mean lon/lat on WGS 84, as older GDAL and QGIS still write them. */
const LON_LAT_CRS = /(CRS84|EPSG::?4326)$/i;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isObject(value)) return typeof value.type === 'string' ? `a GeoJSON ${value.type}` : 'an object without "type"';
  return value === null ? 'null' : `a ${typeof value}`;
}

function notACollection(what: string): HttpProblem {
  return new HttpProblem(
    400,
    'Not a FeatureCollection',
    `The file must be a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]}); ${what}.`,
  );
}

/** Parses the text, saying where it breaks; a JSON syntax error is the file's, so 400. */
export function parseGeoJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpProblem(
      400,
      'Malformed GeoJSON',
      `The file is not valid JSON: ${(error as Error).message}. Export it again as GeoJSON.`,
    );
  }
}

/**
 * A FeatureCollection to rows: each feature's properties are the hotspot's fields and its
 * geometry the place. A null property is an absent value, as GIS tools write empty attributes.
 */
export function geojsonRows(document: unknown): SourceRow[] {
  if (!isObject(document)) throw notACollection(`it is ${describe(document)}`);
  if (document.type !== 'FeatureCollection') throw notACollection(`it is ${describe(document)}`);
  if (!Array.isArray(document.features)) throw notACollection('its "features" is not an array');
  if (document.features.length > IMPORT_MAX_ROWS) throw tooManyRows('feature(s)');
  const crs = isObject(document.crs) && isObject(document.crs.properties) ? document.crs.properties.name : undefined;
  if (typeof crs === 'string' && !LON_LAT_CRS.test(crs)) {
    throw new HttpProblem(
      400,
      'Wrong coordinate system',
      `The file's coordinates are in ${crs}; GeoJSON must be lon/lat in EPSG:4326 (RFC 7946). Export it again in EPSG:4326.`,
    );
  }
  return document.features.map((feature: unknown, index): SourceRow => {
    const row: SourceRow = { row: index + 1, input: {}, problems: [] };
    if (!isObject(feature) || feature.type !== 'Feature') {
      row.unreadable = true;
      row.problems.push({
        field: 'feature',
        message: `must be a GeoJSON Feature, not ${describe(feature)}`,
        code: 'not_a_feature',
      });
      return row;
    }
    const properties = feature.properties ?? {};
    if (!isObject(properties)) {
      row.unreadable = true;
      row.problems.push({
        field: 'properties',
        message: `must be an object, not ${describe(properties)}`,
        code: 'properties_not_object',
      });
      return row;
    }
    for (const [key, value] of Object.entries(properties)) {
      if (key === 'geometry') {
        row.problems.push({
          field: 'geometry',
          message: "is the feature's geometry, not one of its properties",
          code: 'geometry_in_properties',
        });
      } else if (key === 'external_ref' && typeof value === 'number' && Number.isSafeInteger(value)) {
        // GIS layers often number their features; 17 and "17" name the same row.
        row.input[key] = String(value);
      } else if (value !== null) row.input[key] = value;
    }
    if (feature.geometry !== null && feature.geometry !== undefined) row.input.geometry = feature.geometry;
    return row;
  });
}
