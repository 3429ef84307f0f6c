import { HAS_OVERDUE_INSTRUCTIONS } from '../meetings/sql.js';
import type { Knex } from 'knex';
import { intersectsBbox } from '@oshaq/db';
import type { HotspotFilters } from '../contract/hotspots.js';
import { visibleHotspots, visibleHotspotsSql, type HotspotReader } from '../sql/visible-hotspots.js';
import { containsPattern } from '../sql/like.js';

/** Filters after codes have been turned into ids (the service checks that they exist). */
export interface ResolvedFilters extends Omit<HotspotFilters, 'category' | 'agency'> {
  categoryIds?: number[];
  agencyIds?: number[];
  /**
   * How `q` finds its matches. `index` (unset): the trigram index first, every match, then the other
   * filters — bounded by the word's matches, so right for rare words and for reads that need every
   * match. `planner`: a plain condition the planner may test while it walks an index in the page's
   * order — right for a common word, where a page of 100 lies within a few thousand rows
   * (hotspots/search-page.ts chooses, from the count it makes first).
   */
  qPath?: 'index' | 'planner';
}

/**
 * `column` names the area or any area under it (the area filter, for rows and for cells alike), as
 * whereRaw's arguments. The column is the caller's constant.
 */
export function inAreaOrBelow(column: string, area: number): [string, number[]] {
  return [
    `${column} IN (WITH RECURSIVE sub AS (
       SELECT id FROM areas WHERE id = ?
       UNION SELECT a.id FROM areas a JOIN sub ON a.parent_id = sub.id)
     SELECT id FROM sub)`,
    [area],
  ];
}

/**
 * The live hotspots a reader may read (sql/visible-hotspots.ts), as `h`, under the list/statistics/
 * export filters. The bbox test is on the envelope first (&&) so the GiST index is used, then
 * exact. `today` decides `overdue`.
 */
export function filteredHotspots(
  knex: Knex,
  reader: HotspotReader,
  filters: ResolvedFilters,
  today: string,
): Knex.QueryBuilder {
  const query: Knex.QueryBuilder = filters.q
    ? searchedHotspots(knex, reader, filters.q, filters.qPath ?? 'index')
    : visibleHotspots(knex, reader);
  if (filters.bbox) query.where(intersectsBbox('h.geom', filters.bbox));
  if (filters.status) query.whereIn('h.status', filters.status);
  if (filters.severity) query.whereIn('h.severity', filters.severity);
  if (filters.categoryIds) query.whereIn('h.category_id', filters.categoryIds);
  if (filters.agencyIds) query.whereIn('h.agency_id', filters.agencyIds);
  if (filters.area !== undefined) {
    query.whereRaw(...inAreaOrBelow('h.area_id', filters.area));
  }
  if (filters.registered_from) query.where('h.registered_on', '>=', filters.registered_from);
  if (filters.registered_to) query.where('h.registered_on', '<=', filters.registered_to);
  if (filters.resolved_from) query.where('h.resolved_on', '>=', filters.resolved_from);
  if (filters.resolved_to) query.where('h.resolved_on', '<=', filters.resolved_to);
  // The rule is the database's (db/src/sql-functions/hotspot_is_overdue.ts); the planner inlines it,
  // so `overdue=true` still reads the partial index of open hotspots by deadline.
  const overdue = 'hotspot_is_overdue(h.status, h.due_on, ?::date)';
  if (filters.overdue === true) query.whereRaw(overdue, [today]);
  if (filters.overdue === false) query.whereRaw(`NOT (${overdue})`, [today]);
  if (filters.overdue_instructions !== undefined)
    query.whereRaw(`${filters.overdue_instructions ? '' : 'NOT '}${HAS_OVERDUE_INSTRUCTIONS}`, [today]);
  return query;
}

/**
 * The visible hotspots whose stored search text (migration 0019: reference, title and description,
 * folded) holds `q`, as `h`. On the `index` path they are the source itself, found through the
 * trigram index hotspots_search_trgm and fenced by OFFSET 0 so the planner cannot put the other
 * filters first: beside a status filter it preferred the open hotspots' index and tested every open
 * hotspot (at a million, 5 s for a page). Each match is read once, the other filters then test it,
 * and a count cut at N stops after N matches. On the `planner` path the condition is a plain one.
 */
function searchedHotspots(knex: Knex, reader: HotspotReader, q: string, path: 'index' | 'planner'): Knex.QueryBuilder {
  const pattern = containsPattern(q);
  if (path === 'planner') return visibleHotspots(knex, reader).whereRaw('h.search_text LIKE kk_fold(?)', [pattern]);
  return knex.from(
    knex.raw(
      `(SELECT * FROM ${visibleHotspotsSql(reader, { as: 's' })} WHERE s.search_text LIKE kk_fold(?) OFFSET 0) AS h`,
      [pattern],
    ),
  );
}
