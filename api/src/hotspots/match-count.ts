import type { Knex } from 'knex';
import type { HotspotListQuery } from '../contract/hotspots.js';
import type { Viewer } from '../auth/visibility.js';
import { inSnapshot } from '../sql/snapshot.js';
import type { HotspotReader } from '../sql/visible-hotspots.js';
import { filteredHotspots, type ResolvedFilters } from './filter-sql.js';
import { countHotspots, listHotspotFeatures, type FeaturePage, type Keyset } from './repo.js';

/** How many match: exactly, or only that there are more than `moreThan`. */
export type MatchCount = { exact: true; matched: number } | { exact: false; moreThan: number };

/**
 * Counts matches up to `limit` and stops there: `count(*)` over the query cut at limit + 1 rows, so
 * a common word in a million hotspots reads a thousand and one of them, not every match. (An exact
 * count must visit every matching row — for a search, fold and compare each one's text.)
 */
export function countHotspotsUpTo(
  knex: Knex,
  reader: HotspotReader,
  filters: ResolvedFilters,
  today: string,
  limit: number,
): Promise<MatchCount> {
  return countRowsUpTo(knex, filteredHotspots(knex, reader, filters, today), limit);
}

/**
 * The same cut count over any query of matching rows (its select is replaced), so every list that
 * counts — the hotspot list, the OGC items — stops at the same place in the same way.
 */
export async function countRowsUpTo(knex: Knex, matching: Knex.QueryBuilder, limit: number): Promise<MatchCount> {
  const cut = matching
    .clearSelect()
    .select(knex.raw('1'))
    .limit(limit + 1);
  const [row] = await knex.from(cut.as('m')).count({ n: '*' });
  const n = Number(row?.n ?? 0);
  return n > limit ? { exact: false, moreThan: limit } : { exact: true, matched: n };
}

/**
 * A page of features and how many match (exactly, or up to `countLimit` when one is given), from
 * one snapshot so the two never disagree about a write between them.
 *
 * A search counts first: the count, found through the trigram index, says whether the word is rare
 * (an exact count, at most `countLimit` matches: the page sorts those) or common (more than that:
 * the page's query leaves the planner free to walk an index in the page's order and test each row's
 * text, stopping at the page's end — at a million, 72 ms instead of 5 s for `водоснаб` among open
 * hotspots, where reading all 27,543 matches first would take most of a second).
 */
export function hotspotPageCounted(
  knex: Knex,
  viewer: Viewer,
  filters: ResolvedFilters,
  sort: HotspotListQuery['sort'],
  limit: number,
  after: Keyset | undefined,
  today: string,
  countLimit: number | undefined,
): Promise<[FeaturePage, MatchCount]> {
  return inSnapshot(knex, async (trx) => {
    const page = (qPath?: ResolvedFilters['qPath']) =>
      listHotspotFeatures(trx, viewer, { ...filters, qPath }, sort, limit, after, today);
    if (countLimit === undefined) {
      const exact = countHotspots(trx, viewer, filters, today).then((matched): MatchCount => ({
        exact: true,
        matched,
      }));
      return Promise.all([page(), exact]);
    }
    if (!filters.q) return Promise.all([page(), countHotspotsUpTo(trx, viewer, filters, today, countLimit)]);
    const count = await countHotspotsUpTo(trx, viewer, filters, today, countLimit);
    return [await page(count.exact ? 'index' : 'planner'), count];
  });
}

/** The collection's count members: `numberMatched` when exact, `numberMatchedMoreThan` otherwise. */
export function countMembers(count: MatchCount): string {
  return count.exact ? `"numberMatched":${count.matched}` : `"numberMatchedMoreThan":${count.moreThan}`;
}
