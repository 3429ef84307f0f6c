import { inSnapshot } from '../sql/snapshot.js';
import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import { filteredHotspots, type ResolvedFilters } from '../hotspots/filter-sql.js';
import type { HotspotReader } from '../sql/visible-hotspots.js';
import { answerableFromCells, cellStatistics } from './cells.js';

type Row = Record<string, unknown> & { entered: number; resolved: number };

const ENTERED = 'count(*)::int';

/**
 * Counts for the meeting's headline and breakdowns, over exactly the hotspots the list shows
 * with the same filters. `periodEnd` bounds "resolved by the period's end". The headline counts
 * what `counted` reads (confidential hotspots too, as counts only, when stats/service.ts says
 * so); the breakdowns, which would tell a hotspot's category, place or agency, what the viewer sees.
 *
 * Read from the statistics cells (cells.ts, O(cells)) when every filter is one a cell can answer —
 * period, area, category, agency, severity, status — and from the rows otherwise (text, bbox,
 * overdue…). Both give the same answer (api/test/stats-cells.test.ts compares them).
 */
export async function statistics(
  knex: Knex,
  readers: { counted: HotspotReader; viewer: Viewer },
  filters: ResolvedFilters,
  periodEnd: string,
  today: string,
) {
  // One snapshot: the totals and the breakdowns are several queries, and a write between them gave
  // answers that did not add up (a concurrent test in review: `entered` 17, its categories 20).
  return inSnapshot(knex, (trx) =>
    answerableFromCells(filters)
      ? cellStatistics(trx, readers, filters, periodEnd, today)
      : rawStatistics(trx, readers, filters, periodEnd, today),
  );
}

/** The statistics counted from the rows, under any filter. */
export async function rawStatistics(
  knex: Knex,
  readers: { counted: HotspotReader; viewer: Viewer },
  filters: ResolvedFilters,
  periodEnd: string,
  today: string,
) {
  // A hotspot registered again as a duplicate (duplicate_of set) is the same issue: counted once in
  // every figure (entered, resolved, open, overdue…), so a resolution rate never passes 100%.
  const all = () => filteredHotspots(knex, readers.counted, filters, today).whereNull('h.duplicate_of');
  const base = () => filteredHotspots(knex, readers.viewer, filters, today).whereNull('h.duplicate_of');
  const resolvedCount = knex.raw(
    "count(*) FILTER (WHERE h.status = 'resolved' AND h.resolved_on <= ?::date)::int AS resolved",
    [periodEnd],
  );
  const [totals] = await all().select(
    knex.raw('count(*) FILTER (WHERE h.confidential)::int AS confidential'),
    knex.raw(`${ENTERED} AS entered`),
    resolvedCount,
    knex.raw("count(*) FILTER (WHERE h.status = 'registered')::int AS registered"),
    knex.raw("count(*) FILTER (WHERE h.status = 'in_progress')::int AS in_progress"),
    knex.raw("count(*) FILTER (WHERE h.status = 'dismissed')::int AS dismissed"),
    knex.raw('count(*) FILTER (WHERE hotspot_is_overdue(h.status, h.due_on, ?::date))::int AS overdue', [today]),
  );
  const breakdown = (key: string, expr: string, join?: (q: Knex.QueryBuilder) => unknown): Promise<Row[]> => {
    const query = base().select(knex.raw(`${expr} AS ${key}`), knex.raw(`${ENTERED} AS entered`), resolvedCount);
    join?.(query);
    return query.groupByRaw(expr).orderByRaw('entered DESC, 1');
  };
  const [byCategory, byArea, byAgency, bySeverity] = await Promise.all([
    breakdown('category', 'c.code', (q) => q.join('categories as c', 'c.id', 'h.category_id')),
    breakdown('area_id', 'h.area_id'),
    breakdown('agency', 'ag.code', (q) => q.leftJoin('agencies as ag', 'ag.id', 'h.agency_id')),
    breakdown('severity', 'h.severity'),
  ]);
  // Entered by the month of registration, resolved by the month of resolution: the meeting's trend.
  const [enteredByMonth, resolvedByMonth] = await Promise.all([
    base()
      .select(knex.raw("to_char(h.registered_on, 'YYYY-MM') AS month"), knex.raw('count(*)::int AS n'))
      .groupByRaw('1'),
    base()
      .where('h.status', 'resolved')
      .where('h.resolved_on', '<=', periodEnd)
      .select(knex.raw("to_char(h.resolved_on, 'YYYY-MM') AS month"), knex.raw('count(*)::int AS n'))
      .groupByRaw('1'),
  ]);
  const months = new Map<string, { month: string; entered: number; resolved: number }>();
  const bump = (rows: { month: string; n: number }[], key: 'entered' | 'resolved') => {
    for (const { month, n } of rows) {
      const entry = months.get(month) ?? { month, entered: 0, resolved: 0 };
      entry[key] = n;
      months.set(month, entry);
    }
  };
  bump(enteredByMonth as { month: string; n: number }[], 'entered');
  bump(resolvedByMonth as { month: string; n: number }[], 'resolved');
  const byMonth = [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  return { totals, byCategory, byArea, byAgency, bySeverity, byMonth };
}
