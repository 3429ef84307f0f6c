import { GRID_DUE_KEY, GRID_KEY, gridRowsOf } from './hotspot_grid_follow.js';
import type { SqlFunction } from './index.js';

const KEY = GRID_KEY.join(', ');
const DUE_KEY = GRID_DUE_KEY.join(', ');
const pairs = (key: readonly string[]) => key.map((column) => `'${column}', x.${column}`).join(', ');

/** The cells hotspot_grid should hold: a recount of the live hotspots (migration 0022). */
export const GRID_RECOUNT = `SELECT ${KEY}, count(*)::integer AS n, sum(sx) AS sx, sum(sy) AS sy,
    bit_xor(hi) AS id_hi, bit_xor(lo) AS id_lo
  FROM (${gridRowsOf('hotspots', 1)}) g GROUP BY ${KEY}`;

/** The cells hotspot_grid_due should hold. */
export const GRID_DUE_RECOUNT = `SELECT ${DUE_KEY}, count(*)::integer AS n
  FROM (${gridRowsOf('hotspots', 1)}) g WHERE due_month IS NOT NULL GROUP BY ${DUE_KEY}`;

/**
 * The grid cells (hotspot_grid, hotspot_grid_due) against a recount of the live hotspots: one row
 * per cell whose count, coordinate sums or id XOR differ.
 * Grouped rather than joined, as NULL keys must match. Empty when the grid is right.
 */
export const hotspotGridDifferences: SqlFunction = {
  signature: 'hotspot_grid_differences()',
  statement: `CREATE OR REPLACE FUNCTION hotspot_grid_differences()
  RETURNS TABLE (cell jsonb, stored integer, counted integer)
  LANGUAGE plpgsql STABLE AS $$
  BEGIN
    RETURN QUERY
      SELECT jsonb_build_object('table', 'hotspot_grid', ${pairs(GRID_KEY)}),
             sum(x.stored)::integer, sum(x.counted)::integer
      FROM (
        SELECT ${KEY}, n AS stored, 0 AS counted, sx, sy, id_hi, id_lo FROM hotspot_grid
        UNION ALL
        SELECT ${KEY}, 0, n, -sx, -sy, id_hi, id_lo FROM (${GRID_RECOUNT}) r) x
      GROUP BY ${KEY}
      HAVING sum(x.stored) <> sum(x.counted) OR sum(x.sx) <> 0 OR sum(x.sy) <> 0
          OR bit_xor(x.id_hi) <> 0 OR bit_xor(x.id_lo) <> 0
      UNION ALL
      SELECT jsonb_build_object('table', 'hotspot_grid_due', ${pairs(GRID_DUE_KEY)}),
             sum(x.stored)::integer, sum(x.counted)::integer
      FROM (
        SELECT ${DUE_KEY}, n AS stored, 0 AS counted FROM hotspot_grid_due
        UNION ALL
        SELECT ${DUE_KEY}, 0, n FROM (${GRID_DUE_RECOUNT}) r) x
      GROUP BY ${DUE_KEY}
      HAVING sum(x.stored) <> sum(x.counted);
  END $$`,
};
