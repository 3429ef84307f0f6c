import type { Knex } from 'knex';
import { dayAfter, dayBefore, nextMonthStart } from '../time.js';
import type { Viewer } from '../auth/visibility.js';
import { filteredHotspots, inAreaOrBelow, type ResolvedFilters } from '../hotspots/filter-sql.js';
import { visibleCellsSql, visibleHotspotsSql, type HotspotReader } from '../sql/visible-hotspots.js';

/**
 * The statistics from the cells of migration 0020 (live hotspots counted by area, category,
 * agency, severity, status, confidentiality, duplicate or not, and the months of registration,
 * resolution and — for open ones — deadline), in O(cells) instead of O(rows).
 *
 * Cells know months; periods are days. The answer stays exact this way: a bound that is not a
 * month's edge (registered 10 March, resolved by today, overdue before today) makes its month an
 * "edge month". Every hotspot whose registration, resolution or (open) deadline falls in an edge
 * month is read from the rows — few, through the indexes on those dates — and every other one
 * from its cell, where month precision decides its bounds exactly. The two parts are disjoint by
 * construction (the same months, tested on the cell's key or the row's date), and each is filtered
 * by the same filters, so their union counts every hotspot once.
 */

/** Filters a cell can answer; any other (text, bbox, overdue, instructions) needs the rows. */
const CELL_FILTERS = new Set([
  'registered_from',
  'registered_to',
  'resolved_from',
  'resolved_to',
  'status',
  'severity',
  'categoryIds',
  'agencyIds',
  'area',
]);

export function answerableFromCells(filters: ResolvedFilters): boolean {
  return Object.entries(filters).every(([name, value]) => value === undefined || CELL_FILTERS.has(name));
}

const monthOf = (date: string) => `${date.slice(0, 7)}-01`;
const nextMonth = nextMonthStart;
/** The month of an inclusive upper bound, unless the bound is its month's last day. */
const edgeOfUpTo = (date: string | undefined) =>
  date === undefined || monthOf(dayAfter(date)) !== monthOf(date) ? [] : [monthOf(date)];
/** The month of a lower bound, unless the bound is its month's first day. */
const edgeOfFrom = (date: string | undefined) => (date === undefined || date.endsWith('-01') ? [] : [monthOf(date)]);

interface EdgeMonths {
  registered: string[];
  resolved: string[];
  due: string[];
}

/**
 * Whether the period's end cuts its month: some hotspot the reader counts was resolved (or
 * dismissed) later in that month. Usually the end is today and nothing is resolved after today, so
 * the month need not be read from the rows (thousands of this month's resolutions at national
 * scale); one probe of the resolved_on index tells.
 */
async function endCutsItsMonth(knex: Knex, reader: HotspotReader, periodEnd: string): Promise<boolean> {
  if (edgeOfUpTo(periodEnd).length === 0) return false;
  const later = await knex
    .from(knex.raw(visibleHotspotsSql(reader)))
    .where('h.resolved_on', '>', periodEnd)
    .where('h.resolved_on', '<', nextMonth(monthOf(periodEnd)))
    .first(knex.raw('1 AS found'));
  return later !== undefined;
}

function edgeMonths(filters: ResolvedFilters, periodEnd: string, today: string, endCuts: boolean): EdgeMonths {
  const unique = (months: string[]) => [...new Set(months)];
  return {
    registered: unique([...edgeOfFrom(filters.registered_from), ...edgeOfUpTo(filters.registered_to)]),
    resolved: unique([
      ...edgeOfFrom(filters.resolved_from),
      ...edgeOfUpTo(filters.resolved_to),
      ...(endCuts ? edgeOfUpTo(periodEnd) : []),
    ]),
    // Overdue: an open hotspot whose deadline is before today, i.e. up to the day before.
    due: edgeOfUpTo(dayBefore(today)),
  };
}

/** The hotspots in the edge months, as a condition on the rows (each a range the date indexes serve). */
function rowsInEdgeMonths(edges: EdgeMonths): { sql: string; bindings: string[] } {
  const parts: string[] = [];
  const bindings: string[] = [];
  const range = (column: string, months: string[], extra = '') => {
    for (const month of months) {
      parts.push(`(${extra}h.${column} >= ?::date AND h.${column} < ?::date)`);
      bindings.push(month, nextMonth(month));
    }
  };
  range('registered_on', edges.registered);
  range('resolved_on', edges.resolved);
  range('due_on', edges.due, "h.status IN ('registered', 'in_progress') AND ");
  return { sql: parts.join(' OR '), bindings };
}

/**
 * One summand per cell or edge row, in the same shape; the aggregates below sum `n`. Wrapped in an
 * object: a knex Raw is thenable, and an async function returning one would run it.
 *
 * The edge months' rows are read only when some cell under the filters lies in an edge month: a
 * row the filters keep lies in a cell the month-precise filters keep, so when there is none (a
 * past year's statistics: its open hotspots' deadlines are rarely this month) the rows are not
 * searched — walking this month's open deadlines to find none cost more than the cells at 1M.
 */
async function summands(knex: Knex, reader: HotspotReader, filters: ResolvedFilters, periodEnd: string, today: string) {
  const edges = edgeMonths(filters, periodEnd, today, await endCutsItsMonth(knex, reader, periodEnd));
  const columns = knex.raw(
    `c.area_id, c.category_id, c.agency_id, c.severity, c.status, c.confidential,
     NOT c.is_duplicate AS entered, c.registered_month AS reg_month, c.resolved_month AS res_month,
     (c.status = 'resolved' AND c.resolved_month <= ?::date) AS resolved,
     (c.status IN ('registered', 'in_progress') AND c.due_month <= ?::date) AS overdue, c.n`,
    [monthOf(periodEnd), monthOf(dayBefore(today))],
  );
  const cells = knex.from(knex.raw(visibleCellsSql(reader)));
  // A duplicate is the same issue as its original: left out of every figure, as the raw path does.
  cells.where('c.is_duplicate', false);
  if (filters.registered_from) cells.where('c.registered_month', '>=', monthOf(filters.registered_from));
  if (filters.registered_to) cells.where('c.registered_month', '<=', monthOf(filters.registered_to));
  if (filters.resolved_from) cells.where('c.resolved_month', '>=', monthOf(filters.resolved_from));
  if (filters.resolved_to) cells.where('c.resolved_month', '<=', monthOf(filters.resolved_to));
  if (filters.status) cells.whereIn('c.status', filters.status);
  if (filters.severity) cells.whereIn('c.severity', filters.severity);
  if (filters.categoryIds) cells.whereIn('c.category_id', filters.categoryIds);
  if (filters.agencyIds) cells.whereIn('c.agency_id', filters.agencyIds);
  if (filters.area !== undefined) {
    cells.whereRaw(...inAreaOrBelow('c.area_id', filters.area));
  }
  const edge = rowsInEdgeMonths(edges);
  if (!edge.sql) return { source: knex.raw('?', [cells.select(columns)]) };
  // The cells under the filters, read once, each marked when it lies in an edge month.
  const marked = cells.select(
    'c.*',
    knex.raw(
      `coalesce(c.registered_month = ANY (?::date[]), false)
       OR coalesce(c.resolved_month = ANY (?::date[]), false)
       OR coalesce(c.due_month = ANY (?::date[]), false) AS edge`,
      [edges.registered, edges.resolved, edges.due],
    ),
  );
  const rows = filteredHotspots(knex, reader, filters, today)
    .whereRaw('EXISTS (SELECT 1 FROM stats_cells WHERE stats_cells.edge)')
    .whereRaw(`(${edge.sql})`, edge.bindings)
    .whereNull('h.duplicate_of')
    .select(
      knex.raw(
        `h.area_id, h.category_id, h.agency_id, h.severity, h.status, h.confidential,
         h.duplicate_of IS NULL AS entered, date_trunc('month', h.registered_on)::date AS reg_month,
         date_trunc('month', h.resolved_on)::date AS res_month,
         (h.status = 'resolved' AND h.resolved_on <= ?::date) AS resolved,
         hotspot_is_overdue(h.status, h.due_on, ?::date) AS overdue, 1 AS n`,
        [periodEnd, today],
      ),
    );
  return {
    source: knex.raw('WITH stats_cells AS ? SELECT ? FROM stats_cells AS c WHERE NOT c.edge UNION ALL ?', [
      marked,
      columns,
      rows,
    ]),
  };
}

const TOTALS = ['confidential', 'entered', 'resolved', 'registered', 'in_progress', 'dismissed', 'overdue'] as const;
const total = (condition: string) => `coalesce(sum(n) FILTER (WHERE ${condition}), 0)::int`;

interface Ranked {
  kind: 'category' | 'area_id' | 'agency' | 'severity' | 'entered_month' | 'resolved_month';
  key: string | number | null;
  entered: number;
  resolved: number;
}

/**
 * The reader whose summands serve both figures: the viewer when it sees every hotspot, else
 * `counted`, which then reads what the viewer reads and perhaps confidential hotspots too
 * (stats/service.ts: the viewer itself, or counts including confidential ones). The breakdowns
 * then leave confidential ones out by their own column, as the viewer's source would have.
 */
function oneSourceFor(readers: { counted: HotspotReader; viewer: Viewer }) {
  const counted = readers.counted as Partial<Viewer>;
  if (readers.viewer.seesConfidential) {
    // A counted reader narrower than the viewer would need a filter of its own: none asks for one.
    if (counted.seesConfidential === false) throw new Error('the headline must count what the breakdowns show');
    return { source: readers.viewer as HotspotReader, shown: 'true' };
  }
  return { source: readers.counted, shown: readers.counted === readers.viewer ? 'true' : 'NOT confidential' };
}

/** The same answer as repo.ts's `rawStatistics`, for filters `answerableFromCells` accepts. */
export async function cellStatistics(
  knex: Knex,
  readers: { counted: HotspotReader; viewer: Viewer },
  filters: ResolvedFilters,
  periodEnd: string,
  today: string,
) {
  // One pass over the cells for the headline and the breakdowns (they were summed twice, once per
  // reader, which halved the statistics' throughput under load), in one statement.
  const { source, shown } = oneSourceFor(readers);
  const summed = await summands(knex, source, filters, periodEnd, today);
  // Every breakdown in one pass (grouping sets), each ranked as the raw path orders it: most
  // entered first, then by key (NULL last). The headline is one more grouping set, by the columns
  // its counts test, summed again below: the summands are aggregated once and never stored.
  const { rows } = (await knex.raw(
    `WITH g AS (
       SELECT GROUPING(u.category_id) = 0 AS by_category, GROUPING(u.area_id) = 0 AS by_area,
         GROUPING(u.agency_id) = 0 AS by_agency, GROUPING(u.severity) = 0 AS by_severity,
         GROUPING(u.reg_month) = 0 AS by_reg_month, GROUPING(u.res_month) = 0 AS by_res_month,
         GROUPING(u.status) = 0 AS by_headline,
         u.category_id, u.area_id, u.agency_id, u.severity, u.reg_month, u.res_month,
         u.status, u.confidential, u.entered AS is_entered, u.resolved AS is_resolved, u.overdue AS is_overdue,
         ${total(`u.entered AND ${shown}`)} AS entered, ${total(`u.resolved AND ${shown}`)} AS resolved,
         bool_or(${shown}) AS seen, sum(u.n) AS n
       FROM (?) AS u
       GROUP BY GROUPING SETS ((u.category_id), (u.area_id), (u.agency_id), (u.severity), (u.reg_month),
         (u.res_month), (u.status, u.confidential, u.entered, u.resolved, u.overdue)))
     SELECT 'totals' AS kind, jsonb_build_object('confidential', ${total('confidential')},
         'entered', ${total('is_entered')}, 'resolved', ${total('is_resolved')},
         'registered', ${total("status = 'registered'")}, 'in_progress', ${total("status = 'in_progress'")},
         'dismissed', ${total("status = 'dismissed'")}, 'overdue', ${total('is_overdue')}) AS key,
       0 AS entered, 0 AS resolved, 0 AS rank
       FROM g WHERE by_headline
     UNION ALL SELECT 'category', to_jsonb(c.code), entered, resolved,
       row_number() OVER (ORDER BY entered DESC, c.code) AS rank
       FROM g JOIN categories c ON c.id = g.category_id WHERE by_category AND seen
     UNION ALL SELECT 'area_id', to_jsonb(area_id), entered, resolved, row_number() OVER (ORDER BY entered DESC, area_id)
       FROM g WHERE by_area AND seen
     UNION ALL SELECT 'agency', to_jsonb(ag.code), entered, resolved, row_number() OVER (ORDER BY entered DESC, ag.code)
       FROM g LEFT JOIN agencies ag ON ag.id = g.agency_id WHERE by_agency AND seen
     UNION ALL SELECT 'severity', to_jsonb(severity), entered, resolved,
       row_number() OVER (ORDER BY entered DESC, severity) FROM g WHERE by_severity AND seen
     UNION ALL SELECT 'entered_month', to_jsonb(to_char(reg_month, 'YYYY-MM')), entered, 0, 0
       FROM g WHERE by_reg_month AND entered > 0
     UNION ALL SELECT 'resolved_month', to_jsonb(to_char(res_month, 'YYYY-MM')), 0, resolved, 0
       FROM g WHERE by_res_month AND resolved > 0`,
    [summed.source],
  )) as { rows: (Omit<Ranked, 'kind'> & { kind: Ranked['kind'] | 'totals'; rank: string | number })[] };
  const counts = rows.find((row) => row.kind === 'totals')!.key as unknown as Record<string, number>;
  // In the order the answer lists them (jsonb keeps keys in its own order).
  const totals = Object.fromEntries(TOTALS.map((name) => [name, counts[name]!]));
  const ranked = (rows.filter((row) => row.kind !== 'totals') as (Ranked & { rank: string | number })[]).sort(
    (a, b) => Number(a.rank) - Number(b.rank),
  );
  const of = (kind: Ranked['kind']) =>
    ranked
      .filter((row) => row.kind === kind)
      .map((row) => ({ [kind]: row.key, entered: row.entered, resolved: row.resolved }));
  const months = new Map<string, { month: string; entered: number; resolved: number }>();
  for (const row of ranked) {
    if (row.kind !== 'entered_month' && row.kind !== 'resolved_month') continue;
    const month = String(row.key);
    const entry = months.get(month) ?? { month, entered: 0, resolved: 0 };
    if (row.kind === 'entered_month') entry.entered = row.entered;
    else entry.resolved = row.resolved;
    months.set(month, entry);
  }
  return {
    totals,
    byCategory: of('category'),
    byArea: of('area_id'),
    byAgency: of('agency'),
    bySeverity: of('severity'),
    byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
  };
}
