import type { Request } from 'express';
import type { Database } from '@oshaq/db';
import { HttpProblem } from '../http/problem.js';
import { PROBLEM_CONTENT_TYPE } from '../http/media-types.js';
import { problemType } from '../http/problem-types.js';
import type { RouteTable } from '../http/route-table.js';
import { readImportBody } from './body.js';
import { csvRows } from './csv.js';
import { geojsonRows } from './geojson.js';
import type { SourceRow } from './rows.js';
import {
  IMPORT_MAX_BYTES_DEFAULT,
  IMPORT_MAX_ROWS,
  IMPORT_PROBLEMS_LISTED,
  importQuery,
  importRefused,
  importResult,
  type ImportResult,
} from './schema.js';
import type { Actor } from '../auth/middleware.js';
import { planImport, writeImport } from './service.js';

export interface ImportRouteDeps {
  db: Database;
  today: () => string;
  maxVertices: number;
  actorOf: (req: Request) => Actor;
  /** Code of the area every hotspot must lie in, as for the single create; unset: anywhere. */
  jurisdiction?: readonly string[];
  /** Largest file accepted, in bytes; 20 MB unless set. */
  maxBytes?: number;
}

function summarise(problems: { row: number }[], rows: number): string {
  const faulty = new Set(problems.map((p) => p.row)).size;
  const listed = problems.length > IMPORT_PROBLEMS_LISTED ? `, the first ${IMPORT_PROBLEMS_LISTED} listed` : '';
  return `${faulty} of ${rows} row(s) have problems (${problems.length} in all${listed}); nothing was imported. Fix them and send the file again, or check it first with dry_run=true.`;
}

export function importRoutes(table: RouteTable, deps: ImportRouteDeps): void {
  const maxBytes = deps.maxBytes ?? IMPORT_MAX_BYTES_DEFAULT;
  table.add(
    {
      method: 'post',
      path: '/imports',
      summary:
        'Import hotspots from a file sent as the request body: a GeoJSON FeatureCollection ' +
        '(application/geo+json or application/json; properties are the fields of POST /api/hotspots) ' +
        'or CSV (text/csv, UTF-8, header line first, delimiter , or ; with columns external_ref, title, ' +
        'description, category, severity, agency, registered_on, due_on, source, confidential and the place ' +
        'as lon + lat or wkt). external_ref is required: rows whose external_ref is already stored are left ' +
        'as they are and counted as unchanged, so a file can be sent again. All rows or none are written. ' +
        `At most ${Math.round(maxBytes / 1024 / 1024)} MB and ${IMPORT_MAX_ROWS.toLocaleString('en')} rows; ` +
        `answers list the first ${IMPORT_PROBLEMS_LISTED} problems by row, and how many there are in all.`,
      tags: ['hotspots'],
      access: ['prosecutor', 'admin'],
      query: importQuery,
      responses: {
        200: { description: 'Dry run: what a real run would do, and the problems by row', schema: importResult },
        201: { description: 'Imported: every new row is a hotspot with its `created` event', schema: importResult },
        413: { description: `The file is too large, or has more than ${IMPORT_MAX_ROWS} rows` },
        415: { description: 'Not GeoJSON or CSV, or not UTF-8' },
        422: {
          description: 'Rows have problems: nothing was written; `problems` lists them (the first 1000), by row',
          schema: importRefused,
          contentType: PROBLEM_CONTENT_TYPE,
        },
      },
    },
    async ({ query }, req, res) => {
      const body = await readImportBody(req, res, maxBytes);
      let sources: SourceRow[];
      if (body.format === 'csv') sources = await csvRows(body.text, deps.maxVertices);
      else sources = geojsonRows(body.document);
      if (sources.length === 0) {
        throw new HttpProblem(400, 'Empty file', 'The file has no rows to import.');
      }

      const knex = deps.db.knex;
      const plan = await planImport(knex, sources, deps);
      if (query.dry_run) {
        const result: ImportResult = {
          dry_run: true,
          rows: plan.rows,
          created: plan.problems.length ? 0 : plan.create.length,
          unchanged: plan.unchanged,
          problems: plan.problems.slice(0, IMPORT_PROBLEMS_LISTED),
          problems_total: plan.problems.length,
        };
        res.status(200).json(result);
        return;
      }
      if (plan.problems.length) {
        throw new HttpProblem(422, 'Import refused', summarise(plan.problems, plan.rows), {
          type: problemType('import-refused'),
          problems: plan.problems.slice(0, IMPORT_PROBLEMS_LISTED),
          problems_total: plan.problems.length,
        });
      }
      const created = await writeImport(knex, plan, deps.actorOf(req), deps.db.kind);
      const result: ImportResult = {
        dry_run: false,
        rows: plan.rows,
        created,
        unchanged: plan.rows - created,
        problems: [],
        problems_total: 0,
      };
      res.status(201).json(result);
    },
  );
}
