import { inSnapshot } from '../sql/snapshot.js';
import type { Knex } from 'knex';
import { bboxOverlaps, fixedPoint } from '@oshaq/db';
import type { Viewer } from '../auth/visibility.js';
import type { Bbox } from '../contract/common.js';
import { filteredHotspots, type ResolvedFilters } from '../hotspots/filter-sql.js';
import type { HotspotReader } from '../sql/visible-hotspots.js';
import { gridClusterRows, gridWindow, gridYears, rowCell, type GridWindow } from './grid.js';

/**
 * The live hotspots (under the filters) whose anchor lies in the window's cells, with their cell
 * numbers `cx`, `cy` at its zoom: through the GiST index on the anchor (envelope), then exact.
 */
function membersOf(knex: Knex, reader: HotspotReader, filters: ResolvedFilters, window: GridWindow, today: string) {
  const cell = rowCell(window.zoom);
  return filteredHotspots(knex, reader, { ...filters, bbox: undefined }, today)
    .where(bboxOverlaps('h.anchor', window.envelope))
    .whereRaw(`${cell.x} BETWEEN ? AND ?`, [window.x0, window.x1])
    .whereRaw(`${cell.y} BETWEEN ? AND ?`, [window.y0, window.y1])
    .select(knex.raw(`${cell.x} AS cx, ${cell.y} AS cy`));
}

/**
 * The clusters from the rows: for street zooms (above the grid's bands, where few hotspots are in
 * view) and for filters the grid does not keep. The same columns as gridClusterRows (grid.ts), by
 * the same arithmetic (sums of fixed-point coordinates, so both place a cluster identically).
 */
function rowClusterRows(
  knex: Knex,
  reader: HotspotReader,
  filters: ResolvedFilters,
  window: GridWindow,
  today: string,
) {
  return membersOf(knex, reader, filters, window, today)
    .clearSelect()
    .select(
      knex.raw(
        `${rowCell(window.zoom).x} AS cx, ${rowCell(window.zoom).y} AS cy, count(*) AS n,
         count(*) FILTER (WHERE h.status IN ('registered', 'in_progress')) AS open,
         count(*) FILTER (WHERE h.status = 'resolved') AS resolved,
         sum(${fixedPoint('ST_X(h.anchor)')}) AS sx, sum(${fixedPoint('ST_Y(h.anchor)')}) AS sy,
         CASE WHEN count(*) = 1 THEN min(h.id::text) END AS hotspot_id,
         count(*) FILTER (WHERE hotspot_is_overdue(h.status, h.due_on, ?::date)) AS overdue`,
        [today],
      ),
    )
    .groupBy('cx', 'cy');
}

export type ClusterSource = 'grid' | 'rows';

/**
 * The clusters' rows: from the grid whenever it can answer (gridYears), else from the rows; a
 * test may ask for either source (the grid refuses filters it cannot answer). Wrapped in an
 * object: a query builder is thenable, and an async function returning one would run it.
 */
export async function clusterRows(
  knex: Knex,
  reader: HotspotReader,
  filters: ResolvedFilters,
  bbox: Bbox,
  zoom: number,
  today: string,
  source?: ClusterSource,
): Promise<{ query: Knex.QueryBuilder; source: ClusterSource }> {
  const window = gridWindow(bbox, zoom);
  const years = source === 'rows' ? undefined : await gridYears(knex, reader, filters, zoom);
  if (source === 'grid' && !years) throw new Error('the grid cannot answer these filters');
  if (!years) return { query: rowClusterRows(knex, reader, filters, window, today), source: 'rows' };
  // This month's open hotspots due from today on: not overdue yet, and their month's cell cannot tell.
  const notDueRows = (from: string, before: string) =>
    membersOf(knex, reader, filters, window, today)
      .whereRaw(`h.status IN ('registered', 'in_progress')`)
      .where('h.due_on', '>=', from)
      .where('h.due_on', '<', before)
      .select(knex.raw('1 AS n'));
  return { query: gridClusterRows(knex, reader, filters, years, window, today, notDueRows), source: 'grid' };
}

/**
 * Clusters on a grid: one feature per occupied cell with its count and the mean position of its
 * members, so a country-wide view returns hundreds of features whatever the number of hotspots.
 * Zoomed out (zoom ≤ GRID_MAX_ZOOM) and with the filters the map's layers and periods set, they
 * are summed from the grid cells that statement triggers keep (migration 0022); otherwise grouped
 * from rows.
 */
export async function clusterJson(
  knex: Knex,
  viewer: Viewer,
  filters: ResolvedFilters,
  bbox: Bbox,
  zoom: number,
  today: string,
  source?: ClusterSource,
): Promise<string> {
  // One snapshot: the grid's probe of which years to read and the cells read must see the same writes.
  return inSnapshot(knex, async (trx) => {
    const { query: rows } = await clusterRows(trx, viewer, filters, bbox, zoom, today, source);
    return featureCollection(trx, rows, zoom);
  });
}

/** The clusters' rows as a FeatureCollection, built in SQL. */
async function featureCollection(knex: Knex, rows: Knex.QueryBuilder, zoom: number): Promise<string> {
  // A cluster's extent is its grid cell (90 / 2^zoom degrees): zooming there splits it. Not the
  // members' extent: the grid cannot keep that exactly, and a bound left behind would show where a
  // hotspot that left the cell (or became confidential) was.
  const features: { feature: string }[] = await knex
    .from(rows.as('c'))
    .select(
      knex.raw(
        `json_build_object(
        'type', 'Feature',
        'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(
          round(c.sx::numeric / c.n / 1e7, 6), round(c.sy::numeric / c.n / 1e7, 6))),
        'properties', json_build_object(
          'count', c.n, 'open', c.open, 'resolved', c.resolved, 'overdue', c.overdue,
          'bbox', json_build_array(c.cx * ?::float8, c.cy * ?::float8, (c.cx + 1) * ?::float8, (c.cy + 1) * ?::float8),
          'hotspot_id', c.hotspot_id))::text AS feature`,
        Array(4).fill(90 / 2 ** zoom),
      ),
    )
    .orderBy(['c.cy', 'c.cx']);
  return `{"type":"FeatureCollection","features":[${features.map((row) => row.feature).join(',')}]}`;
}
