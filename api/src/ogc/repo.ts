import type { Knex } from 'knex';
import { intersectsBbox } from '@oshaq/db';
import type { Viewer } from '../auth/visibility.js';
import type { Bbox } from '../contract/common.js';
import { countRowsUpTo, type MatchCount } from '../hotspots/match-count.js';
import { featureJson } from '../hotspots/sql.js';
import { inSnapshot } from '../sql/snapshot.js';
import { visibleHotspots } from '../sql/visible-hotspots.js';
import type { PageCursor } from './links.js';

export type CollectionId = 'hotspots' | 'areas';
export const COLLECTION_IDS: readonly CollectionId[] = ['hotspots', 'areas'];

/** Filters of an items request; `from`/`to` are inclusive dates (YYYY-MM-DD), either may be open. */
export interface ItemFilters {
  bbox?: Bbox;
  from?: string;
  to?: string;
}

interface Source {
  /** The rows a collection publishes to a viewer, without the joins only the feature JSON needs. */
  rows(knex: Knex, viewer: Viewer): Knex.QueryBuilder;
  /** Adds the joins the feature JSON reads. */
  joins(query: Knex.QueryBuilder): Knex.QueryBuilder;
  /** One row as a GeoJSON Feature for a viewer, built in SQL; `today` decides a hotspot's `overdue`. */
  feature(knex: Knex, viewer: Viewer, today: string): Knex.Raw;
  id: string;
  /** The SQL type of the id, so a cursor or path value is compared as what it is. */
  idType: 'uuid' | 'integer';
  geom: string;
  /** The date the `datetime` parameter filters on; none for collections without one. */
  date?: string;
}

// Same shape as the reference API's areas (api/src/reference/repo.ts), which keeps it private.
const AREA_FEATURE = `json_build_object(
  'type', 'Feature', 'id', a.id, 'geometry', ST_AsGeoJSON(a.geom, 6)::json,
  'properties', json_build_object('id', a.id, 'code', a.code, 'level', a.level, 'name_kk', a.name_kk,
    'name_ru', a.name_ru, 'name_en', a.name_en, 'parent_id', a.parent_id))`;

const SOURCES: Record<CollectionId, Source> = {
  hotspots: {
    rows: (knex, viewer) => visibleHotspots(knex, viewer),
    joins: (query) =>
      query.join('categories as c', 'c.id', 'h.category_id').leftJoin('agencies as ag', 'ag.id', 'h.agency_id'),
    feature: (knex, viewer, today) => knex.raw(`${featureJson(viewer)}::text AS feature`, [today]),
    id: 'h.id',
    idType: 'uuid',
    geom: 'h.geom',
    date: 'h.registered_on',
  },
  areas: {
    rows: (knex) => knex('areas as a'),
    joins: (query) => query,
    feature: (knex) => knex.raw(`${AREA_FEATURE}::text AS feature`),
    id: 'a.id',
    idType: 'integer',
    geom: 'a.geom',
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT4_MAX = 2_147_483_647;

/** Whether a value could be an id of this collection, checked before SQL would refuse the cast. */
export function isFeatureId(collection: CollectionId, value: string): boolean {
  if (SOURCES[collection].idType === 'uuid') return UUID.test(value);
  return /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= INT4_MAX;
}

function matching(knex: Knex, viewer: Viewer, collection: CollectionId, filters: ItemFilters): Knex.QueryBuilder {
  const source = SOURCES[collection];
  const query = source.rows(knex, viewer);
  // The envelope test (&&) uses the GiST index; the exact one drops features whose outline misses the box.
  if (filters.bbox) query.where(intersectsBbox(source.geom, filters.bbox));
  if (source.date && filters.from) query.where(source.date, '>=', filters.from);
  if (source.date && filters.to) query.where(source.date, '<=', filters.to);
  return query;
}

/**
 * How many features match, counted only up to `countLimit` (hotspots/match-count.ts): an exact
 * count reads every match on every page, and GIS clients page through a layer page by page.
 */
export function countItemsUpTo(
  knex: Knex,
  viewer: Viewer,
  collection: CollectionId,
  filters: ItemFilters,
  countLimit: number,
): Promise<MatchCount> {
  return countRowsUpTo(knex, matching(knex, viewer, collection, filters), countLimit);
}

/** A page and its count from one snapshot, so a write between them cannot make them disagree. */
export function pageOfItemsCounted(
  knex: Knex,
  viewer: Viewer,
  collection: CollectionId,
  filters: ItemFilters,
  limit: number,
  cursor: PageCursor | undefined,
  today: string,
  countLimit: number,
): Promise<[ItemPage, MatchCount]> {
  return inSnapshot(knex, (trx) =>
    Promise.all([
      pageOfItems(trx, viewer, collection, filters, limit, cursor, today),
      countItemsUpTo(trx, viewer, collection, filters, countLimit),
    ]),
  );
}

async function anyBeyond(
  knex: Knex,
  viewer: Viewer,
  collection: CollectionId,
  filters: ItemFilters,
  comparison: '<' | '>',
  id: string,
): Promise<boolean> {
  const source = SOURCES[collection];
  const row = await matching(knex, viewer, collection, filters)
    .whereRaw(`${source.id} ${comparison} ?::${source.idType}`, [id])
    .first(knex.raw('1 AS found'));
  return row !== undefined;
}

export interface ItemPage {
  /** Each element is one GeoJSON Feature as JSON text, built by the database. */
  features: string[];
  /** Where the neighbouring pages start, when there are features there. */
  next?: PageCursor;
  prev?: PageCursor;
}

/**
 * One page in id order (a total order: ids are unique). A `before` cursor reads backwards from
 * it and turns the rows round, so a prev link shows the same page the client saw going forward.
 * An empty page (its neighbours deleted meanwhile) has no next or prev.
 */
export async function pageOfItems(
  knex: Knex,
  viewer: Viewer,
  collection: CollectionId,
  filters: ItemFilters,
  limit: number,
  cursor: PageCursor | undefined,
  today: string,
): Promise<ItemPage> {
  const source = SOURCES[collection];
  const forward = cursor?.direction !== 'before';
  const query = source
    .joins(matching(knex, viewer, collection, filters))
    .select(source.feature(knex, viewer, today), knex.raw(`${source.id}::text AS key`));
  if (cursor) query.whereRaw(`${source.id} ${forward ? '>' : '<'} ?::${source.idType}`, [cursor.id]);
  const rows: { feature: string; key: string }[] = await query
    .orderBy(source.id, forward ? 'asc' : 'desc')
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  if (!forward) page.reverse();
  const first = page[0]?.key;
  const last = page[page.length - 1]?.key;
  if (first === undefined || last === undefined) return { features: [] };
  // One side is known from the extra row read; the other needs a look only when a cursor was given.
  const hasNext = forward ? more : await anyBeyond(knex, viewer, collection, filters, '>', last);
  const hasPrev = forward
    ? cursor !== undefined && (await anyBeyond(knex, viewer, collection, filters, '<', first))
    : more;
  return {
    features: page.map((row) => row.feature),
    ...(hasNext ? { next: { direction: 'after' as const, id: last } } : {}),
    ...(hasPrev ? { prev: { direction: 'before' as const, id: first } } : {}),
  };
}

export async function itemJson(
  knex: Knex,
  viewer: Viewer,
  collection: CollectionId,
  id: string,
  today: string,
): Promise<string | undefined> {
  const source = SOURCES[collection];
  const row = await source
    .joins(source.rows(knex, viewer))
    .whereRaw(`${source.id} = ?::${source.idType}`, [id])
    .first(source.feature(knex, viewer, today));
  return (row as { feature: string } | undefined)?.feature;
}

export interface Extent {
  /** minLon, minLat, maxLon, maxLat of every published feature; absent for an empty collection. */
  bbox?: [number, number, number, number];
  /** First and last date (inclusive) of the collection's date, when it has one. */
  dates?: [string, string];
}

export async function extentOf(knex: Knex, viewer: Viewer, collection: CollectionId): Promise<Extent> {
  const source = SOURCES[collection];
  const dates = source.date ? [`min(${source.date})::text AS first`, `max(${source.date})::text AS last`] : [];
  const row = (await source
    .rows(knex, viewer)
    .first(
      knex.raw(`ST_XMin(ST_Extent(${source.geom})) AS xmin`),
      knex.raw(`ST_YMin(ST_Extent(${source.geom})) AS ymin`),
      knex.raw(`ST_XMax(ST_Extent(${source.geom})) AS xmax`),
      knex.raw(`ST_YMax(ST_Extent(${source.geom})) AS ymax`),
      ...dates.map((column) => knex.raw(column)),
    )) as Record<string, number | string | null> | undefined;
  if (!row || row.xmin === null) return {};
  // Rounded outwards to the 6 decimals features are written with, so the box still holds them all.
  const down = (value: unknown) => Math.floor(Number(value) * 1e6) / 1e6;
  const up = (value: unknown) => Math.ceil(Number(value) * 1e6) / 1e6;
  return {
    bbox: [down(row.xmin), down(row.ymin), up(row.xmax), up(row.ymax)],
    ...(source.date && row.first && row.last ? { dates: [String(row.first), String(row.last)] } : {}),
  };
}
