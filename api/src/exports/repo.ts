import type { Knex } from 'knex';
import type { HotspotListQuery } from '../contract/hotspots.js';
import type { Viewer } from '../auth/visibility.js';
import { filteredHotspots, type ResolvedFilters } from '../hotspots/filter-sql.js';
import { featureJson, parseSort } from '../hotspots/sql.js';
import { utc } from '../sql/time.js';
import type { ExportRow } from './columns.js';
import type { ExportLang } from './words.js';

/** Where the previous batch ended: the sort's value as text and the id, a total order (as the list's cursor). */
export interface ExportKeyset {
  sort_value: string;
  id: string;
}

/** What a batch reads: the filtered hotspots the viewer may see as of today, in the list's sort. */
export interface BatchScope {
  viewer: Viewer;
  filters: ResolvedFilters;
  sort: HotspotListQuery['sort'];
  today: string;
}

/** One binding: today. The rule is the database's (db/src/sql-functions/hotspot_is_overdue.ts). */
const OVERDUE = 'hotspot_is_overdue(h.status, h.due_on, ?::date)';

/**
 * One batch of the filtered hotspots after `after`, in the list's order for the same sort
 * (hotspots/sql.ts parseSort, id breaking ties). Keyset paging rather than OFFSET, so every batch
 * costs the same however deep into the export it is, and a cursor holds no connection between
 * batches (a slow download must not pin a pooled connection).
 */
function batchQuery(knex: Knex, scope: BatchScope, after: ExportKeyset | undefined) {
  const order = parseSort(scope.sort);
  const direction = order.descending ? 'DESC' : 'ASC';
  const query = filteredHotspots(knex, scope.viewer, scope.filters, scope.today)
    .join('categories as c', 'c.id', 'h.category_id')
    .leftJoin('agencies as ag', 'ag.id', 'h.agency_id')
    .leftJoin('areas as ar', 'ar.id', 'h.area_id');
  if (after) {
    query.whereRaw(`(${order.expr}, h.id) ${order.descending ? '<' : '>'} (?::${order.cast}, ?::uuid)`, [
      after.sort_value,
      after.id,
    ]);
  }
  return query
    .select(knex.raw(`(${order.expr})::text AS sort_value`), 'h.id')
    .orderByRaw(`${order.expr} ${direction}, h.id ${direction}`);
}

export interface FeatureBatchRow extends ExportKeyset {
  /** One GeoJSON Feature as JSON text, built by the database (same shape as the list's). */
  feature: string;
}

export async function featureBatch(
  knex: Knex,
  scope: BatchScope,
  after: ExportKeyset | undefined,
  limit: number,
): Promise<FeatureBatchRow[]> {
  return batchQuery(knex, scope, after)
    .select(knex.raw(`${featureJson(scope.viewer)}::text AS feature`, [scope.today]))
    .limit(limit);
}

export async function rowBatch(
  knex: Knex,
  scope: BatchScope,
  lang: ExportLang,
  after: ExportKeyset | undefined,
  limit: number,
): Promise<ExportRow[]> {
  return batchQuery(knex, scope, after)
    .select(
      'h.reference',
      'h.title',
      'h.description',
      `c.name_${lang} as category`,
      'h.severity',
      'h.status',
      `ag.name_${lang} as agency`,
      `ar.name_${lang} as area`,
      'h.registered_on',
      'h.due_on',
      'h.resolved_on',
      'h.resolution_note',
      knex.raw(`${OVERDUE} AS overdue`, [scope.today]),
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

/** Names of the reference data a caption mentions, in one language, by id (categories, agencies) and for one area. */
export async function captionNames(
  knex: Knex,
  lang: ExportLang,
  ids: { categories?: number[]; agencies?: number[]; area?: number },
): Promise<{ categories: string[]; agencies: string[]; area?: string }> {
  const names = (table: string, list: number[] | undefined) =>
    list?.length
      ? knex(table).whereIn('id', list).orderBy('id').pluck(`name_${lang}`)
      : Promise.resolve([] as string[]);
  const [categories, agencies, area] = await Promise.all([
    names('categories', ids.categories),
    names('agencies', ids.agencies),
    ids.area === undefined ? undefined : knex('areas').where('id', ids.area).first(`name_${lang} as name`),
  ]);
  return { categories, agencies, area: (area as { name?: string } | undefined)?.name };
}
