import type { Request, Response } from 'express';
import type { BoundaryImportReport, BoundaryProblem, Database } from '@oshaq/db';
import { actorOf } from '../auth/middleware.js';
import {
  areaImportQuery,
  areaImportRefused,
  areaImportResult,
  type AreaImportIssue,
  type AreaImportQuery,
  type AreaImportResult,
} from '../contract/area-imports.js';
import { HttpProblem } from '../http/problem.js';
import { problemType } from '../http/problem-types.js';
import { FIELD_CODES, type FieldCode } from '../contract/problems.js';
import type { RouteTable } from '../http/route-table.js';
import { readImportBody } from '../imports/body.js';
import { IMPORT_MAX_BYTES_DEFAULT, IMPORT_MAX_ROWS, IMPORT_PROBLEMS_LISTED, tooManyRows } from '../imports/schema.js';
import { importAreas } from './area-import-service.js';

export interface AreaImportRouteDeps {
  db: Database;
  /** Largest file accepted, in bytes; the hotspot import's 20 MB unless set. */
  maxBytes?: number;
}

/** The path of the upload, which reads its own (larger) body: the app's JSON parser lets it pass. */
const AREA_IMPORT_PATH = '/areas/imports';

const PROBLEM = 'application/problem+json';
const GEOJSON_TYPES = ['application/geo+json', 'application/vnd.geo+json', 'application/json'];
const AS_GEOJSON = 'a GeoJSON FeatureCollection of Polygons or MultiPolygons in EPSG:4326 (application/geo+json)';
/** CRS names that mean lon/lat on WGS 84, as older GDAL and QGIS still write them. */
const LON_LAT_CRS = /(CRS84|EPSG::?4326)$/i;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** Reads the uploaded boundaries: GeoJSON only, with the hotspot import's body reader and size limit. */
async function readBoundaries(req: Request, res: Response, maxBytes: number): Promise<unknown> {
  // Refused before the body is read: a CSV of boundaries is a wrong export, not a large upload to wait for.
  const type = req.is(GEOJSON_TYPES);
  if (type === null) {
    throw new HttpProblem(400, 'No file', `Send the boundaries as the request body: ${AS_GEOJSON}.`);
  }
  if (type === false) {
    const given = req.get('Content-Type') ?? 'a body without a Content-Type';
    throw new HttpProblem(
      415,
      'Unsupported content type',
      req.is('text/csv')
        ? `Boundaries come as GeoJSON, not CSV: export the layer from your GIS as GeoJSON in EPSG:4326 and send it as application/geo+json.`
        : `Boundaries are read from ${AS_GEOJSON}, not ${given}.`,
    );
  }
  const body = await readImportBody(req, res, maxBytes).catch((error: unknown) => {
    if (error instanceof HttpProblem && error.status === 413) {
      throw new HttpProblem(
        413,
        'File too large',
        `The file is larger than the ${megabytes(maxBytes)} an import accepts: simplify the boundaries in your GIS, or send them in parts (areas with a code are updated, not duplicated).`,
      );
    }
    throw error;
  });
  if (body.format !== 'geojson') throw new HttpProblem(415, 'Unsupported content type', `Send ${AS_GEOJSON}.`);
  const { document } = body;
  const notACollection = (what: string) =>
    new HttpProblem(
      400,
      'Not a FeatureCollection',
      `The file must be a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]}); ${what}.`,
    );
  if (!isObject(document)) throw notACollection(Array.isArray(document) ? 'it is an array' : 'it is not an object');
  if (document.type !== 'FeatureCollection') {
    throw notACollection(typeof document.type === 'string' ? `it is a ${document.type}` : 'it has no "type"');
  }
  if (!Array.isArray(document.features)) throw notACollection('its "features" is not an array');
  if (document.features.length > IMPORT_MAX_ROWS) throw tooManyRows('feature(s)');
  if (document.features.length === 0) {
    throw new HttpProblem(400, 'Empty file', 'The FeatureCollection has no features: there is nothing to import.');
  }
  const crs = isObject(document.crs) && isObject(document.crs.properties) ? document.crs.properties.name : undefined;
  if (typeof crs === 'string' && !LON_LAT_CRS.test(crs)) {
    throw new HttpProblem(
      400,
      'Wrong coordinate system',
      `The file's coordinates are in ${crs}; GeoJSON must be lon/lat in EPSG:4326 (RFC 7946). Export it again in EPSG:4326.`,
    );
  }
  return document;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}

/**
 * The import's messages as an API user can act on them: the command line's flags become query
 * parameters, and an element of `features` that is no object at all is called what it is
 * (zod's own words, "expected object", name neither the feature nor the fix).
 */
function forTheApi(problems: BoundaryProblem[], features: unknown[]): AreaImportIssue[] {
  return problems.map((problem) => {
    const raw = problem.feature >= 0 ? features[problem.feature] : undefined;
    if (problem.feature >= 0 && !isObject(raw) && !problem.field) {
      return {
        feature: problem.feature,
        code: 'not_a_feature',
        message: `must be a GeoJSON Feature, not ${describe(raw)}`,
      };
    }
    const message = problem.message.replace(
      '--name-kk/--name-ru/--name-en',
      'the query parameters name_kk, name_ru or name_en',
    );
    // The database's codes are the contract's (a code it gains without the contract is still a code: invalid).
    const code = problem.code in FIELD_CODES ? (problem.code as FieldCode) : 'invalid';
    const { field, ...rest } = problem;
    return field ? { ...problem, code, message } : { ...rest, code, message };
  });
}

/** The first problems (a bad file of many features would otherwise answer with megabytes), and how many in all. */
function listed(problems: AreaImportIssue[]): { type: string; problems: AreaImportIssue[]; problems_total: number } {
  return {
    type: problemType('import-refused'),
    problems: problems.slice(0, IMPORT_PROBLEMS_LISTED),
    problems_total: problems.length,
  };
}

function summarise(problems: AreaImportIssue[], features: number): string {
  const file = problems.some((problem) => problem.feature < 0);
  const faulty = new Set(problems.filter((problem) => problem.feature >= 0).map((problem) => problem.feature)).size;
  const what = [faulty ? `${faulty} of ${features} feature(s) have problems` : '', file ? 'the file has problems' : '']
    .filter(Boolean)
    .join(' and ');
  const shown = problems.length > IMPORT_PROBLEMS_LISTED ? `, the first ${IMPORT_PROBLEMS_LISTED} listed` : '';
  return `${what} (${problems.length} in all${shown}); nothing was imported. Fix them and send the file again, or check it first with dry_run=true.`;
}

function resultOf(report: BoundaryImportReport, features: unknown[], dryRun: boolean): AreaImportResult {
  return {
    dry_run: dryRun,
    features: features.length,
    added: report.added,
    updated: report.updated,
    repaired: forTheApi(report.repaired.slice(0, IMPORT_PROBLEMS_LISTED), features),
    repaired_total: report.repaired.length,
    problems: forTheApi(report.problems.slice(0, IMPORT_PROBLEMS_LISTED), features),
    problems_total: report.problems.length,
    ...(report.hotspotsReassigned === undefined ? {} : { hotspots_reassigned: report.hotspotsReassigned }),
  };
}

/**
 * Administrators load the city's boundaries as the command line `npm run geodata:import` does:
 * all or nothing, invalid geometry repaired when PostGIS can, areas with a known code replaced,
 * then parents and the hotspots' areas worked out again (area-import-service.ts).
 */
export function areaImportRoutes(table: RouteTable, deps: AreaImportRouteDeps): void {
  const maxBytes = deps.maxBytes ?? IMPORT_MAX_BYTES_DEFAULT;
  table.add(
    {
      method: 'post',
      path: AREA_IMPORT_PATH,
      summary:
        'Import administrative boundaries from a GeoJSON FeatureCollection sent as the request body ' +
        '(application/geo+json or application/json; Polygons or MultiPolygons in EPSG:4326), all at the given level. ' +
        'Areas whose code is already stored are replaced; invalid geometry is repaired with ST_MakeValid when it can be ' +
        'and reported; then every area gets its parent and every hotspot the smallest area containing it. ' +
        `All features or none are written. At most ${Math.round(maxBytes / 1024 / 1024)} MB.`,
      tags: ['reference'],
      access: ['admin'],
      query: areaImportQuery,
      responses: {
        200: {
          description: 'Dry run: what a real run would add and update, what it would repair, and every problem',
          schema: areaImportResult,
        },
        201: { description: 'Imported', schema: areaImportResult },
        413: { description: 'The file is too large' },
        415: { description: 'Not GeoJSON (boundaries are never read from CSV), or not UTF-8' },
        422: {
          description: 'Features have problems: nothing was written; `problems` lists each',
          schema: areaImportRefused,
          contentType: PROBLEM,
        },
      },
    },
    async ({ query }: { query: AreaImportQuery }, req, res) => {
      const document = (await readBoundaries(req, res, maxBytes)) as { features: unknown[] };
      const { features } = document;
      const actor = actorOf(req);
      const options = {
        level: query.level,
        codeProperty: query.code,
        nameProperties: { kk: query.name_kk, ru: query.name_ru, en: query.name_en },
        source: query.source ?? `upload by ${req.auth?.user?.login ?? actor.name}`,
      };
      if (query.dry_run) {
        const report = await importAreas(deps.db.knex, actor, document, { ...options, dryRun: true });
        res.status(200).json(resultOf(report, features, true));
        return;
      }
      const report = await importAreas(deps.db.knex, actor, document, options);
      if (report.problems.length > 0 || !report.written) {
        const problems = forTheApi(report.problems, features);
        throw new HttpProblem(422, 'Import refused', summarise(problems, features.length), listed(problems));
      }
      res.status(201).json(resultOf(report, features, false));
    },
  );
}
