import { CELL_KEY, cellKeyOf } from './hotspot_cells_follow.js';
import type { SqlFunction } from './index.js';

const KEY = CELL_KEY.join(', ');
const PAIRS = CELL_KEY.map((column) => `'${column}', x.${column}`).join(', ');

/**
 * The cells as they should be — a recount of the live hotspots — against the cells as stored:
 * one row per cell whose count differs (stored or counted 0 when the cell is missing on that side;
 * grouped rather than joined, as NULL keys must match and a FULL JOIN on IS NOT DISTINCT FROM cannot run).
 * Empty when hotspot_cells is right. The repair (hotspot_cells_repair) and the tests ask it.
 */
export const hotspotCellsDifferences: SqlFunction = {
  signature: 'hotspot_cells_differences()',
  statement: `CREATE OR REPLACE FUNCTION hotspot_cells_differences()
  RETURNS TABLE (cell jsonb, stored integer, counted integer)
  LANGUAGE plpgsql STABLE AS $$
  BEGIN
    RETURN QUERY
      SELECT jsonb_build_object(${PAIRS}), sum(x.stored)::integer, sum(x.counted)::integer
      FROM (
        SELECT ${KEY}, n AS stored, 0 AS counted FROM hotspot_cells
        UNION ALL
        SELECT ${cellKeyOf('h')}, 0, 1 FROM hotspots h WHERE h.deleted_at IS NULL) x
      GROUP BY ${KEY}
      HAVING sum(x.stored) <> sum(x.counted);
  END $$`,
};
