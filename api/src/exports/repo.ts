import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import { filteredHotspots, type ResolvedFilters } from '../hotspots/filter-sql.js';
import { FEATURE_JSON } from '../hotspots/sql.js';
import { utc } from '../sql/time.js';
import type { ExportRow } from './columns.js';

/** Where the previous batch ended: exports run in (registered_on, id) order, a total order. */
export interface ExportKeyset {
  registered_on: string;
  id: string;
}

/** One binding: today. The rule is the database's (db/src/sql-functions/hotspot_is_overdue.ts). */
const OVERDUE = 'hotspot_is_overdue(h.status, h.due_on, ?::date)';

/**
 * One batch of the filtered hotspots after `after`, in (registered_on, id) order. Keyset paging
 * rather than OFFSET, so every batch costs the same however deep into the export it is, and a
 * cursor holds no connection between batches (a slow download must not pin a pooled connection).
 */
function batchQuery(
  knex: Knex,
  viewer: Viewer,
  filters: ResolvedFilters,
  today: string,
  after: ExportKeyset | undefined,
) {
  const query = filteredHotspots(knex, viewer, filters, today)
    .join('categories as c', 'c.id', 'h.category_id')
    .leftJoin('agencies as ag', 'ag.id', 'h.agency_id')
    .leftJoin('areas as ar', 'ar.id', 'h.area_id');
  if (after) query.whereRaw('(h.registered_on, h.id) > (?::date, ?::uuid)', [after.registered_on, after.id]);
  return query.orderBy([
    { column: 'h.registered_on', order: 'asc' },
    { column: 'h.id', order: 'asc' },
  ]);
}

export interface FeatureBatchRow extends ExportKeyset {
  /** One GeoJSON Feature as JSON text, built by the database (same shape as the list's). */
  feature: string;
}

export async function featureBatch(
  knex: Knex,
  viewer: Viewer,
  filters: ResolvedFilters,
  today: string,
  after: ExportKeyset | undefined,
  limit: number,
): Promise<FeatureBatchRow[]> {
  return batchQuery(knex, viewer, filters, today, after)
    .select(knex.raw(`${FEATURE_JSON}::text AS feature`, [today]), 'h.registered_on', 'h.id')
    .limit(limit);
}

export async function rowBatch(
  knex: Knex,
  viewer: Viewer,
  filters: ResolvedFilters,
  today: string,
  after: ExportKeyset | undefined,
  limit: number,
): Promise<ExportRow[]> {
  return batchQuery(knex, viewer, filters, today, after)
    .select(
      'h.id',
      'h.reference',
      'h.title',
      'h.description',
      'c.code as category',
      'c.name_kk as category_kk',
      'h.severity',
      'h.status',
      'ag.code as agency',
      'ag.name_kk as agency_kk',
      'ar.name_kk as area_kk',
      'h.registered_on',
      'h.due_on',
      'h.resolved_on',
      'h.resolution_note',
      knex.raw(`${OVERDUE} AS overdue`, [today]),
      // The stored anchor, ST_PointOnSurface(geom): a point on the hotspot, where a centroid
      // can fall outside a C-shaped area.
      knex.raw('round(ST_X(h.anchor)::numeric, 6)::float8 AS lon'),
      knex.raw('round(ST_Y(h.anchor)::numeric, 6)::float8 AS lat'),
      // Six decimals (about 10 cm), as in the GeoJSON; full precision only adds noise.
      knex.raw('ST_AsText(h.geom, 6) AS wkt'),
      'h.confidential',
      'h.created_by',
      knex.raw(`${utc('h.updated_at')} AS updated_at`),
    )
    .limit(limit);
}
