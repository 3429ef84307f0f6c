import type { Knex } from 'knex';
import { geometryFromGeoJSON } from '@oshaq/db';
import type { HotspotListQuery, HotspotView } from '../contract/hotspots.js';
import type { Viewer } from '../auth/visibility.js';
import { filteredHotspots, type ResolvedFilters } from './filter-sql.js';
import { utc } from '../sql/time.js';
import { visibleHotspots, visibleHotspotsSql, type HotspotReader } from '../sql/visible-hotspots.js';
import { featureJson, mapFeatureJson, parseSort } from './sql.js';

export interface Keyset {
  value: string;
  id: string;
}

export interface FeaturePage {
  /** Each element is one GeoJSON Feature as JSON text, built by the database. */
  features: string[];
  /** Where the next page starts, when there is one. */
  next?: Keyset;
}

/** Adds the category and agency a feature names (aliases c and ag) to a query over `h`. */
function withNames(query: Knex.QueryBuilder) {
  return query.join('categories as c', 'c.id', 'h.category_id').leftJoin('agencies as ag', 'ag.id', 'h.agency_id');
}

/**
 * A page of the list, each hotspot as a Feature in the view's form (contract HOTSPOT_VIEWS): in
 * full, or as the map draws it (no agency to join, no duplicate lookup, no overdue rule per row).
 */
export async function listHotspotFeatures(
  knex: Knex,
  viewer: Viewer,
  filters: ResolvedFilters,
  sort: HotspotListQuery['sort'],
  limit: number,
  after: Keyset | undefined,
  today: string,
  view: HotspotView = 'full',
): Promise<FeaturePage> {
  const order = parseSort(sort);
  const direction = order.descending ? 'DESC' : 'ASC';
  const matching = filteredHotspots(knex, viewer, filters, today);
  const query = (
    view === 'map'
      ? matching.join('categories as c', 'c.id', 'h.category_id').select(knex.raw(`${mapFeatureJson}::text AS feature`))
      : withNames(matching).select(knex.raw(`${featureJson(viewer)}::text AS feature`, [today]))
  ).select(knex.raw(`(${order.expr})::text AS sort_value`), 'h.id');
  if (after) {
    query.whereRaw(`(${order.expr}, h.id) ${order.descending ? '<' : '>'} (?::${order.cast}, ?::uuid)`, [
      after.value,
      after.id,
    ]);
  }
  const rows: { feature: string; sort_value: string; id: string }[] = await query
    .orderByRaw(`${order.expr} ${direction}, h.id ${direction}`)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    features: page.map((row) => row.feature),
    next: rows.length > limit && last ? { value: last.sort_value, id: last.id } : undefined,
  };
}

export async function countHotspots(
  knex: Knex,
  reader: HotspotReader,
  filters: ResolvedFilters,
  today: string,
): Promise<number> {
  const [row] = await filteredHotspots(knex, reader, filters, today).count({ n: '*' });
  return Number(row?.n ?? 0);
}

/** How many were entered: as countHotspots, but a duplicate (duplicate_of set) is the same issue, counted once. */
export async function countEntered(
  knex: Knex,
  reader: HotspotReader,
  filters: ResolvedFilters,
  today: string,
): Promise<number> {
  const [row] = await filteredHotspots(knex, reader, filters, today).whereNull('h.duplicate_of').count({ n: '*' });
  return Number(row?.n ?? 0);
}

export interface HotspotRow {
  id: string;
  status: string;
  version: number;
  agency_id: number | null;
  registered_on: string;
  resolved_on: string | null;
}

/**
 * The fields the rules need, or undefined when there is no such (undeleted) hotspot or the viewer
 * may not see it: a confidential hotspot is as absent to those who may not see it.
 */
export async function findHotspot(
  knex: Knex,
  viewer: Viewer,
  id: string,
  forUpdate = false,
): Promise<HotspotRow | undefined> {
  const query = visibleHotspots(knex, viewer)
    .where('h.id', id)
    .first('h.id', 'h.status', 'h.version', 'h.agency_id', 'h.registered_on', 'h.resolved_on');
  return (forUpdate ? query.forUpdate() : query) as Promise<HotspotRow | undefined>;
}

export interface DeletedHotspotRow {
  id: string;
  version: number;
  deleted: boolean;
  deleted_by: string | null;
  deleted_reason: string | null;
  /** The hotspot it repeated when deleted, if it was a duplicate. */
  duplicate_of: string | null;
  /** Deleted less than the window's hours ago (by the database's clock, which wrote deleted_at). */
  restorable: boolean;
}

/** A hotspot the viewer may see, deleted or not, locked for a restore. */
export async function findDeletedHotspot(
  knex: Knex,
  viewer: Viewer,
  id: string,
  windowHours: number,
): Promise<DeletedHotspotRow | undefined> {
  return (await visibleHotspots(knex, viewer, { withDeleted: true })
    .where('h.id', id)
    .forUpdate()
    .first(
      'h.id',
      'h.version',
      'h.deleted_by',
      'h.deleted_reason',
      'h.duplicate_of',
      knex.raw('h.deleted_at IS NOT NULL AS deleted'),
      knex.raw('coalesce(h.deleted_at > now() - make_interval(hours => ?), false) AS restorable', [windowHours]),
    )) as DeletedHotspotRow | undefined;
}

/** One hotspot as a Feature; `withDeleted` for a deleted one's current state (a stale restore's 412). */
export async function hotspotFeatureJson(
  knex: Knex,
  viewer: Viewer,
  id: string,
  today: string,
  options: { withDeleted?: boolean } = {},
): Promise<string | undefined> {
  const query = withNames(visibleHotspots(knex, viewer, options)).where('h.id', id);
  const row = await query.first(knex.raw(`${featureJson(viewer)}::text AS feature`, [today]));
  return (row as { feature: string } | undefined)?.feature;
}

/** A hotspot named in an event's duplicate_of change (`end`: from or to), if the reader may see it. */
const namedFor = (reader: HotspotReader, end: 'from' | 'to') =>
  `(SELECT to_jsonb(o.id) FROM ${visibleHotspotsSql(reader, { as: 'o', withDeleted: true })}
    WHERE o.id = (e.changes -> 'duplicate_of' ->> '${end}')::uuid)`;

/**
 * An event's changes as the reader may see them: a duplicate_of change names the hotspots it
 * moved between only when the reader may see them (a confidential original stays unnamed, as in
 * the feature's own duplicate_of).
 */
const changesFor = (reader: HotspotReader) => `CASE WHEN e.changes -> 'duplicate_of' IS NOT NULL
    THEN e.changes || jsonb_build_object('duplicate_of',
      jsonb_build_object('from', ${namedFor(reader, 'from')}, 'to', ${namedFor(reader, 'to')}))
    ELSE e.changes END`;

/** A hotspot's history as a JSON array, for a query over `h` read by `reader`. */
const historyJson = (reader: HotspotReader) => `(SELECT coalesce(json_agg(json_build_object(
    'id', e.id, 'kind', e.kind, 'actor', e.actor, 'at', ${utc('e.at')},
    'from_status', e.from_status, 'to_status', e.to_status, 'note', e.note, 'changes', ${changesFor(reader)})
    ORDER BY e.at, e.id), '[]'::json) FROM hotspot_events e WHERE e.hotspot_id = h.id)`;

export interface HotspotDetail {
  version: number;
  /** The Feature with its history, as JSON text built by the database. */
  json: string;
}

/**
 * One hotspot with its history and its version, in ONE statement: a statement sees one snapshot,
 * so the version (the ETag) is the version of exactly this body. (Reading them in two queries let
 * a write commit in between: an ETag of version 2 on a body of version 1, and an edit of that
 * body carrying If-Match "v2" silently undid version 2.) Every write to a hotspot or its history
 * moves its version, so the version covers the whole body.
 */
export async function hotspotDetailJson(
  knex: Knex,
  viewer: Viewer,
  id: string,
  today: string,
): Promise<HotspotDetail | undefined> {
  const query = withNames(visibleHotspots(knex, viewer)).where('h.id', id);
  const row = (await query.first(
    'h.version',
    knex.raw(`${featureJson(viewer)}::text AS feature`, [today]),
    knex.raw(`${historyJson(viewer)}::text AS history`),
  )) as { version: number; feature: string; history: string } | undefined;
  if (!row) return undefined;
  return { version: row.version, json: `${row.feature.slice(0, -1)},"history":${row.history}}` };
}

/** Current values of the editable columns, for the history's before/after record. */
export async function editableValues(knex: Knex, viewer: Viewer, id: string): Promise<Record<string, unknown>> {
  const row = await withNames(visibleHotspots(knex, viewer))
    .where('h.id', id)
    .first(
      'h.title',
      'h.description',
      'c.code as category',
      'h.severity',
      knex.raw('ST_AsGeoJSON(h.geom, 6)::json AS geometry'),
      'ag.code as agency',
      'h.source',
      'h.registered_on',
      'h.due_on',
      'h.confidential',
    );
  return (row ?? {}) as Record<string, unknown>;
}

export async function idsByCode(knex: Knex, table: 'categories' | 'agencies', codes: string[]) {
  const rows: { id: number; code: string }[] = await knex(table).whereIn('code', codes).select('id', 'code');
  return new Map(rows.map((row) => [row.code, row.id]));
}

export async function areaExists(knex: Knex, id: number): Promise<boolean> {
  return (await knex('areas').where({ id }).first('id')) !== undefined;
}

/** PostGIS's verdict on a geometry: valid, or the reason and place it is not. */
export async function geometryValidity(knex: Knex, geojson: string): Promise<{ valid: boolean; reason: string }> {
  const { rows } = await knex.raw<{ rows: { valid: boolean; reason: string }[] }>(
    'SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ? AS g) AS input',
    [geometryFromGeoJSON(geojson)],
  );
  return rows[0] ?? { valid: false, reason: 'unknown' };
}

export interface JurisdictionVerdict {
  /** How many of the jurisdiction's areas are loaded. */
  loaded: number;
  name_kk: string;
  name_ru: string;
  name_en: string;
  /** Whether one of the areas covers the whole geometry (the web's check in geometry-check.ts is the same). */
  covered: boolean;
}

/** Whether one of the jurisdiction's areas (by code) covers a geometry, and their names. */
export async function jurisdictionCovers(knex: Knex, geojson: string, codes: readonly string[]) {
  const { rows } = await knex.raw<{ rows: JurisdictionVerdict[] }>(
    `SELECT count(*)::integer AS loaded,
            string_agg(name_kk, ', ' ORDER BY code) AS name_kk, string_agg(name_ru, ', ' ORDER BY code) AS name_ru,
            string_agg(name_en, ', ' ORDER BY code) AS name_en,
            coalesce(bool_or(ST_Covers(geom, ?)), false) AS covered
     FROM areas WHERE code = ANY(string_to_array(?, ','))`,
    [geometryFromGeoJSON(geojson), codes.join(',')],
  );
  return rows[0] as JurisdictionVerdict;
}
