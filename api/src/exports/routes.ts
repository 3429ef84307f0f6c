import type { Request, Response } from 'express';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';
import { hotspotFeature, hotspotGeoJsonExportQuery, hotspotTableExportQuery } from '../contract/hotspots.js';
import { resolveFilters } from '../hotspots/service.js';
import { viewerOf } from '../auth/visibility.js';
import { preferredCoding } from '../http/compression.js';
import { GEOJSON, XLSX_CONTENT_TYPE } from '../http/media-types.js';
import type { RouteDeps } from '../http/route-deps.js';
import type { RouteTable } from '../http/route-table.js';
import { exportCaption, type ExportCaption } from './caption.js';
import type { ExportRow } from './columns.js';
import { csvHeader, csvRows } from './csv.js';
import { featureBatches, rowBatches, type BatchReader, type ExportQuery } from './batches.js';
import type { ExportKeyset, FeatureBatchRow } from './repo.js';
import { attachment, ClientGone, outlet, type Outlet } from './stream.js';
import type { ExportLang } from './words.js';
import { xlsxWriter } from './xlsx.js';

/** Rows per query: large enough that round trips do not dominate, small enough to hold in memory. */
export const EXPORT_BATCH = 1000;

interface Writer<T> {
  write(batch: readonly T[]): Promise<void>;
  end(): Promise<void>;
}

interface ExportFormat<T extends ExportKeyset> {
  extension: string;
  contentType: string;
  summary: string;
  schema: z.ZodType;
  /** The GeoJSON is for programs (codes, no language); CSV and XLSX are for people. */
  query: typeof hotspotGeoJsonExportQuery | typeof hotspotTableExportQuery;
  /**
   * Text, compressed as it streams when the client takes gzip or brotli (as every other answer
   * is); the XLSX is a zip already and goes out as it is.
   */
  compressible: boolean;
  /** Reads the export's batches, EXPORT_BATCH rows each. */
  batches(query: ExportQuery): BatchReader<T>;
  /** Called once headers are set; writes what comes before the first row (text through `out`). */
  open(res: Response, out: Outlet, query: ExportQuery, caption: ExportCaption): Promise<Writer<T>>;
}

const geojson: ExportFormat<FeatureBatchRow> = {
  extension: 'geojson',
  contentType: GEOJSON,
  summary:
    'Every hotspot matching the filters, in the list’s sort, as one GeoJSON FeatureCollection (RFC 7946): machine-readable, with codes (category, status, severity, agency) rather than words, whatever the language',
  query: hotspotGeoJsonExportQuery,
  schema: z
    .object({ type: z.literal('FeatureCollection'), features: z.array(hotspotFeature) })
    .meta({ id: 'HotspotExport' }),
  compressible: true,
  batches: (query) => featureBatches(query, EXPORT_BATCH),
  async open(_res, out) {
    await out.write('{"type":"FeatureCollection","features":[\n');
    let first = true;
    return {
      async write(batch) {
        if (!batch.length) return;
        await out.write((first ? '' : ',\n') + batch.map((row) => row.feature).join(',\n'));
        first = false;
      },
      async end() {
        await out.write('\n]}\n');
        out.end();
      },
    };
  },
};

const csv: ExportFormat<ExportRow> = {
  extension: 'csv',
  contentType: 'text/csv; charset=utf-8; header=present',
  summary:
    'Every hotspot matching the filters, in the list’s sort, as CSV (UTF-8 with BOM, RFC 4180) for spreadsheets: headers and values (status, severity, yes/no, category, agency and area names) in `lang`',
  query: hotspotTableExportQuery,
  schema: z.string().meta({ description: 'CSV text; one header record, then one record per hotspot' }),
  compressible: true,
  batches: (query) => rowBatches(query, EXPORT_BATCH),
  async open(_res, out, { lang }) {
    await out.write(csvHeader(lang));
    return {
      write: (batch) => out.write(csvRows(batch, lang)),
      async end() {
        out.end();
      },
    };
  },
};

const xlsx: ExportFormat<ExportRow> = {
  extension: 'xlsx',
  contentType: XLSX_CONTENT_TYPE,
  summary:
    'Every hotspot matching the filters, in the list’s sort, as an Excel workbook in `lang`: title rows naming the filters, the sort and the date made, a frozen header, real dates, names rather than codes',
  query: hotspotTableExportQuery,
  schema: z.string().meta({ description: 'Office Open XML workbook (binary)' }),
  compressible: false,
  batches: (query) => rowBatches(query, EXPORT_BATCH),
  async open(res, _out, query, caption) {
    return xlsxWriter(res, query.lang, caption, query.today);
  },
};

/**
 * Runs one export. Everything that can be refused (filters, unknown codes, a database that is
 * down) is checked and the first batch read before a byte is sent, so those still get a
 * problem+json answer. After that the status is 200 and sent: a failure can only cut the
 * connection, which a client sees as an incomplete download — never a file that looks whole.
 */
async function runExport<T extends ExportKeyset>(
  format: ExportFormat<T>,
  query: ExportQuery,
  caption: ExportCaption,
  req: Request,
  res: Response,
) {
  const { today } = query;
  const next = format.batches(query);
  let batch = await next(undefined);
  res.status(200).set({
    'Content-Type': format.contentType,
    'Content-Disposition': attachment(today, format.extension),
    // Records can be confidential: no shared cache keeps a copy.
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (format.compressible) res.vary('Accept-Encoding');
  const coding = format.compressible ? preferredCoding(req.headers['accept-encoding']) : undefined;
  try {
    const writer = await format.open(res, outlet(res, coding), query, caption);
    for (;;) {
      await writer.write(batch);
      const last = batch[batch.length - 1];
      if (batch.length < EXPORT_BATCH || !last) break;
      // PGlite answers without I/O; yielding lets other requests in between batches.
      await nextTurn();
      if (res.destroyed) throw new ClientGone();
      batch = await next({ sort_value: last.sort_value, id: last.id });
    }
    await writer.end();
  } catch (error) {
    if (error instanceof ClientGone) return;
    res.destroy();
    throw error;
  }
}

/**
 * `GET /api/hotspots/export.{geojson,csv,xlsx}`: the hotspots the list shows for the same filters,
 * all of them, streamed in batches. Register before the hotspot routes: `/hotspots/:id` would
 * otherwise take `export.csv` for an id.
 */
export function exportRoutes(table: RouteTable, deps: RouteDeps): void {
  const knex = deps.db.knex;
  const formats = [geojson, csv, xlsx] as ExportFormat<ExportKeyset>[];
  for (const format of formats) {
    table.add(
      {
        method: 'get',
        path: `/hotspots/export.${format.extension}`,
        summary: format.summary,
        tags: ['hotspots', 'exports'],
        access: 'signed_in',
        query: format.query,
        responses: {
          200: { description: 'The file, as an attachment', schema: format.schema, contentType: format.contentType },
        },
      },
      async ({ query }, req, res) => {
        const { sort, lang: asked, ...given } = query as { lang?: ExportLang } & typeof query;
        // The language asked, else the person's own (as the interface shows it), else Kazakh.
        const lang = asked ?? req.auth?.user.language ?? 'kk';
        const filters = await resolveFilters(knex, given);
        // Read before the first byte, like the first batch: a failure here is still a problem+json answer.
        const caption = await exportCaption(knex, given, filters, sort, lang);
        const today = deps.today();
        await runExport(format, { knex, viewer: viewerOf(req), filters, sort, lang, today }, caption, req, res);
      },
    );
  }
}
