import type { Knex } from 'knex';
import { dayBefore, nextMonthStart } from '../time.js';
import { GRID_MAX_ZOOM, GRID_MIN_ZOOM, gridNumber } from '@oshaq/db';
import type { Bbox } from '../contract/common.js';
import { gridCell } from '../contract/clusters.js';
import { inAreaOrBelow, type ResolvedFilters } from '../hotspots/filter-sql.js';
import { visibleGridSql, visibleHotspotsSql, type HotspotReader } from '../sql/visible-hotspots.js';

/**
 * The grid the clusters are counted on (db/src/sql-functions/hotspot_grid_follow.ts): at zoom z a
 * cell is 90 / 2^z degrees (about 64 screen pixels). A request's bbox picks the cells it touches,
 * whole: a cluster counts every hotspot of its cell, so its number does not change as the view
 * pans by a few pixels, and cells and rows give the same answer.
 */
export interface GridWindow {
  zoom: number;
  /** The first and last cell numbers the bbox touches, at `zoom`. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** The cells' outline: the rows' clusters find their members in it through the GiST index. */
  envelope: Bbox;
}

export function gridWindow(bbox: Bbox, zoom: number): GridWindow {
  // The same arithmetic as gridNumber's SQL (a power of two, then a division by 90, in doubles),
  // so a point on a cell's edge falls in the same cell here and there.
  const scale = 2 ** zoom;
  const number = (coordinate: number) => gridCell(coordinate, zoom);
  const [x0, x1, y0, y1] = [number(bbox.minLon), number(bbox.maxLon), number(bbox.minLat), number(bbox.maxLat)];
  const edge = (cell: number) => (cell * 90) / scale;
  return {
    zoom,
    x0,
    x1,
    y0,
    y1,
    envelope: { minLon: edge(x0), minLat: edge(y0), maxLon: edge(x1 + 1), maxLat: edge(y1 + 1) },
  };
}

/** Filters the grid keeps (the map's layers, the area, the period by years); any other one needs the rows. */
const GRID_FILTERS = new Set(['status', 'categoryIds', 'area', 'registered_from', 'registered_to']);

/**
 * The registration years the grid's cells are asked for, each named: the year is the key's second
 * column, so a list of years is one contiguous range of the index per year, where an open range
 * would walk every cell of the zoom band to pick out the view's.
 */
export type GridYears = number[];

/**
 * The period as whole years, when the grid can answer it: each bound a year's edge, or a bound
 * inside a year with no hotspot the reader sees registered between it and that year's edge (the
 * default period, 1 January to today, is this year: nothing is registered after today). One probe
 * of the registered_on index per bound that is not an edge. Undefined: the rows must answer.
 */
export async function gridYears(
  knex: Knex,
  reader: HotspotReader,
  filters: ResolvedFilters,
  zoom: number,
): Promise<GridYears | undefined> {
  const names = Object.entries(filters).filter(([, value]) => value !== undefined);
  if (zoom > GRID_MAX_ZOOM || !names.every(([name]) => GRID_FILTERS.has(name))) return undefined;
  const { registered_from: from, registered_to: to } = filters;
  const noneBetween = async (after: string, before: string) =>
    (await knex
      .from(knex.raw(visibleHotspotsSql(reader)))
      .where('h.registered_on', '>', after)
      .where('h.registered_on', '<', before)
      .first(knex.raw('1 AS found'))) === undefined;
  const year = (date: string) => Number(date.slice(0, 4));
  if (from && !from.endsWith('-01-01') && !(await noneBetween(dayBefore(`${from.slice(0, 4)}-01-01`), from)))
    return undefined;
  if (to && !to.endsWith('-12-31') && !(await noneBetween(to, `${year(to) + 1}-01-01`))) return undefined;
  if (from && to) return yearsFrom(year(from), year(to));
  // Open ends: the data's first and last years (two probes of the registered_on index).
  const span = (await knex
    .from(knex.raw(visibleHotspotsSql(reader)))
    .first(
      knex.raw('extract(year FROM min(h.registered_on))::integer AS first'),
      knex.raw('extract(year FROM max(h.registered_on))::integer AS last'),
    )) as { first: number | null; last: number | null };
  const first = from ? year(from) : span.first;
  const last = to ? year(to) : span.last;
  if (first === null || last === null) return [];
  return yearsFrom(first, last);
}

const yearsFrom = (first: number, last: number) =>
  Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);

const OPEN = "('registered', 'in_progress')";

/** The first day of `today`'s month and of the next one. */
function monthAround(today: string): [string, string] {
  return [`${today.slice(0, 7)}-01`, nextMonthStart(today)];
}

/**
 * The clusters from the grid cells, in O(cells): the cells of the band that answers `zoom` (zooms
 * below GRID_MIN_ZOOM sum that band's cells, which nest: gx >> shift), in the columns
 * clusterFeatures (repo.ts) turns into features. `overdue` is the open ones less those not yet
 * due: cells whose deadline month is after today's, and this month's open rows due from today on
 * (a month's deadlines, read through the open-deadline index; `notDueRows` builds them).
 */
export function gridClusterRows(
  knex: Knex,
  reader: HotspotReader,
  filters: ResolvedFilters,
  years: GridYears,
  window: GridWindow,
  today: string,
  notDueRows: (from: string, before: string) => Knex.QueryBuilder,
): Knex.QueryBuilder {
  const band = Math.max(window.zoom, GRID_MIN_ZOOM);
  const shift = band - window.zoom;
  const cellsOf = (table: 'hotspot_grid' | 'hotspot_grid_due') => {
    const query = knex
      .from(knex.raw(visibleGridSql(reader, table)))
      .where('g.zoom', band)
      .whereBetween('g.gx', [window.x0 * 2 ** shift, (window.x1 + 1) * 2 ** shift - 1])
      .whereBetween('g.gy', [window.y0 * 2 ** shift, (window.y1 + 1) * 2 ** shift - 1]);
    if (filters.status) query.whereIn('g.status', filters.status);
    if (filters.categoryIds) query.whereIn('g.category_id', filters.categoryIds);
    if (filters.area !== undefined) query.whereRaw(...inAreaOrBelow('g.area_id', filters.area));
    query.whereIn('g.registered_year', years);
    return query;
  };
  const [monthStart, nextMonth] = monthAround(today);
  const counts = cellsOf('hotspot_grid')
    .select(
      knex.raw(
        `g.gx >> ? AS cx, g.gy >> ? AS cy, sum(g.n) AS n,
        coalesce(sum(g.n) FILTER (WHERE g.status IN ${OPEN}), 0) AS open,
        coalesce(sum(g.n) FILTER (WHERE g.status = 'resolved'), 0) AS resolved,
        sum(g.sx) AS sx, sum(g.sy) AS sy,
        CASE WHEN sum(g.n) = 1
          THEN (lpad(to_hex(bit_xor(g.id_hi)), 16, '0') || lpad(to_hex(bit_xor(g.id_lo)), 16, '0'))::uuid::text
        END AS hotspot_id`,
        [shift, shift],
      ),
    )
    .groupBy('cx', 'cy');
  const dueLater = cellsOf('hotspot_grid_due')
    .where('g.due_month', '>', monthStart)
    .select(knex.raw('g.gx >> ? AS cx, g.gy >> ? AS cy, g.n', [shift, shift]));
  const notDue = knex
    .from(dueLater.unionAll([notDueRows(today, nextMonth)], true).as('u'))
    .select('cx', 'cy', knex.raw('sum(n) AS n'))
    .groupBy('cx', 'cy');
  return knex
    .from(counts.as('c'))
    .leftJoin(notDue.as('d'), function () {
      this.on('d.cx', 'c.cx').andOn('d.cy', 'c.cy');
    })
    .select('c.*', knex.raw('c.open - coalesce(d.n, 0) AS overdue'));
}

/** Cell numbers of the rows' anchors at `zoom`, as the grid numbers them. */
export const rowCell = (zoom: number) => ({
  x: gridNumber('ST_X(h.anchor)', String(zoom)),
  y: gridNumber('ST_Y(h.anchor)', String(zoom)),
});
