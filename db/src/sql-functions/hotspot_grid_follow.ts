import type { SqlFunction } from './index.js';

/**
 * The clustered map from cells (migration 0022): the live hotspots counted per grid cell of each
 * zoom band the map clusters at, so a country or city view sums a few thousand cells instead of
 * grouping every hotspot in view.
 *
 * A cell at zoom z is a square of GRID_CELL_DEGREES / 2^z degrees (about 64 screen pixels, as the
 * clusters always were), numbered from the origin: gx = floor(lon * 2^z / 90). Each zoom's cells
 * nest in the one above (gx >> 1), so zooms below GRID_MIN_ZOOM are answered from that band, and
 * zooms above GRID_MAX_ZOOM (street level, few hotspots in view) from the rows, through the GiST
 * index on the anchor.
 */
export const GRID_MIN_ZOOM = 4;
export const GRID_MAX_ZOOM = 12;
export const GRID_CELL_DEGREES = 90;

/** The grid number of coordinate `coordinate` at zoom `zoom` (both SQL); the rows' clusters use it too. */
export const gridNumber = (coordinate: string, zoom: string) => `floor(${coordinate} * 2 ^ ${zoom} / 90)::integer`;

/** A coordinate as a whole number of 1e-7 degrees: sums of these are exact, so cells add up to a recount. */
export const fixedPoint = (coordinate: string) => `round(${coordinate} * 1e7)::bigint`;

/** The two halves of a uuid as bigints: XOR-ed over a cell, a cell of one hotspot names it. */
export const uuidHalf = (id: string, half: 'hi' | 'lo') =>
  `('x' || substr(replace(${id}::text, '-', ''), ${half === 'hi' ? 1 : 17}, 16))::bit(64)::bigint`;

/**
 * The filter dimensions a cell keeps: the year of registration (the map's default period is this
 * year), the map's layers (status, category), the area filter, and who may see it. The year comes
 * right after the zoom, so one year's cells are one range of the key's index.
 */
export const GRID_KEY = [
  'zoom',
  'registered_year',
  'gx',
  'gy',
  'area_id',
  'category_id',
  'status',
  'confidential',
] as const;
/** Open hotspots by deadline month (the not-yet-due ones decide `overdue`); due_month first, for the range read. */
export const GRID_DUE_KEY = [
  'zoom',
  'due_month',
  'registered_year',
  'gx',
  'gy',
  'area_id',
  'category_id',
  'status',
  'confidential',
] as const;
/** An open hotspot without a deadline is never overdue: filed under a month that never comes. */
export const NO_DEADLINE_MONTH = '9999-12-01';

/**
 * The grid cells of the live rows `r` (with a point `r.anchor`), one per band, as columns named
 * after GRID_KEY plus sx, sy, hi, lo, and due_month; `d` is +1 or -1. Shared by the trigger
 * and the recount, so both file a row in the same cell.
 */
export const gridRowsOf = (rows: string, d: 1 | -1, filter = '') => `
  SELECT z.zoom::smallint AS zoom, extract(year FROM r.registered_on)::smallint AS registered_year,
         ${gridNumber('ST_X(r.anchor)', 'z.zoom')} AS gx,
         ${gridNumber('ST_Y(r.anchor)', 'z.zoom')} AS gy, r.area_id, r.category_id, r.status, r.confidential,
         ${d} AS d,
         ${fixedPoint('ST_X(r.anchor)')} AS sx, ${fixedPoint('ST_Y(r.anchor)')} AS sy,
         ${uuidHalf('r.id', 'hi')} AS hi, ${uuidHalf('r.id', 'lo')} AS lo,
         CASE WHEN r.status IN ('registered', 'in_progress')
              THEN coalesce(date_trunc('month', r.due_on)::date, DATE '${NO_DEADLINE_MONTH}') END AS due_month
  FROM ${rows} r CROSS JOIN generate_series(${GRID_MIN_ZOOM}, ${GRID_MAX_ZOOM}) AS z (zoom)
  WHERE r.deleted_at IS NULL AND r.anchor IS NOT NULL${filter}`;

const KEY = GRID_KEY.join(', ');
const DUE_KEY = GRID_DUE_KEY.join(', ');

/**
 * The grouped change of the rows of \`delta\` (gridRowsOf) to hotspot_grid and hotspot_grid_due, in one
 * statement (two data-modifying CTEs on two tables), collecting the cells it emptied.
 */
const apply = (delta: string) => `
    WITH grid_delta AS (${delta}),
    applied AS (
      INSERT INTO hotspot_grid AS c (${KEY}, n, sx, sy, id_hi, id_lo)
      SELECT ${KEY}, sum(d)::integer, sum(d * sx), sum(d * sy), bit_xor(hi), bit_xor(lo)
      FROM grid_delta GROUP BY ${KEY}
      HAVING sum(d) <> 0 OR sum(d * sx) <> 0 OR sum(d * sy) <> 0 OR bit_xor(hi) <> 0 OR bit_xor(lo) <> 0
      ORDER BY ${KEY}
      ON CONFLICT ON CONSTRAINT hotspot_grid_key DO UPDATE SET
        n = c.n + EXCLUDED.n, sx = c.sx + EXCLUDED.sx, sy = c.sy + EXCLUDED.sy,
        id_hi = c.id_hi # EXCLUDED.id_hi, id_lo = c.id_lo # EXCLUDED.id_lo
      RETURNING c.ctid, c.n),
    applied_due AS (
      INSERT INTO hotspot_grid_due AS c (${DUE_KEY}, n)
      SELECT ${DUE_KEY}, sum(d)::integer FROM grid_delta WHERE due_month IS NOT NULL
      GROUP BY ${DUE_KEY} HAVING sum(d) <> 0 ORDER BY ${DUE_KEY}
      ON CONFLICT ON CONSTRAINT hotspot_grid_due_key DO UPDATE SET n = c.n + EXCLUDED.n
      RETURNING c.ctid, c.n)
    SELECT (SELECT array_agg(ctid) FILTER (WHERE n = 0) FROM applied),
           (SELECT array_agg(ctid) FILTER (WHERE n = 0) FROM applied_due)
      INTO emptied, emptied_due;`;

/**
 * Keeps hotspot_grid and hotspot_grid_due equal to the live hotspots in the writing transaction,
 * like hotspot_cells_follow: statement triggers with transition tables, one grouped upsert per
 * statement and table, in key order (no deadlocks between writers), emptied cells deleted.
 *
 * Counts, coordinate sums and the XOR of ids add and subtract exactly, so a cell always equals a
 * recount. No extent is kept: a minimum cannot be taken back without reading the cell's rows, and a
 * bound left behind would show where a hotspot that left the cell (or turned confidential) was. A
 * cluster's extent is its grid cell (api/src/clusters).
 *
 * "No deadlocks between writers" holds for transactions writing hotspots in one statement, as
 * nearly all the API's writes do; one with more (a deletion handing the issue to its duplicates)
 * locks its cells in two sorted runs, and a writer between them can deadlock with it. PostgreSQL
 * then cancels one, rolled back whole, which the API answers 503 with Retry-After.
 */
export const hotspotGridFollow: SqlFunction = {
  signature: 'hotspot_grid_follow()',
  statement: `CREATE OR REPLACE FUNCTION hotspot_grid_follow() RETURNS trigger
  LANGUAGE plpgsql AS $$
  DECLARE
    emptied tid[];
    emptied_due tid[];
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      DELETE FROM hotspot_grid;
      DELETE FROM hotspot_grid_due;
      RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
      ${apply(gridRowsOf('new_rows', 1))}
    ELSIF TG_OP = 'DELETE' THEN
      ${apply(gridRowsOf('old_rows', -1))}
    ELSE
      ${apply(`${gridRowsOf('new_rows', 1)} UNION ALL ${gridRowsOf('old_rows', -1)}`)}
    END IF;
    IF emptied IS NOT NULL THEN
      DELETE FROM hotspot_grid WHERE ctid = ANY (emptied) AND n = 0;
    END IF;
    IF emptied_due IS NOT NULL THEN
      DELETE FROM hotspot_grid_due WHERE ctid = ANY (emptied_due) AND n = 0;
    END IF;
    RETURN NULL;
  END $$`,
};
