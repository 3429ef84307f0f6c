import { GRID_DUE_KEY, GRID_KEY } from './hotspot_grid_follow.js';
import { GRID_DUE_RECOUNT, GRID_RECOUNT } from './hotspot_grid_differences.js';
import type { SqlFunction } from './index.js';

/** Rebuilds both grid tables from a recount (migration 0022 fills them with the same statements). */
export const GRID_REBUILD = [
  `DELETE FROM hotspot_grid`,
  `INSERT INTO hotspot_grid (${GRID_KEY.join(', ')}, n, sx, sy, id_hi, id_lo)
    SELECT * FROM (${GRID_RECOUNT}) r`,
  `DELETE FROM hotspot_grid_due`,
  `INSERT INTO hotspot_grid_due (${GRID_DUE_KEY.join(', ')}, n) SELECT * FROM (${GRID_DUE_RECOUNT}) r`,
];

/**
 * Recomputes the map's grid cells in one transaction and returns what it found wrong (rebuilding
 * only then). Writes to hotspots wait meanwhile (SHARE lock); readers go on.
 */
export const hotspotGridRepair: SqlFunction = {
  signature: 'hotspot_grid_repair()',
  statement: `CREATE OR REPLACE FUNCTION hotspot_grid_repair()
  RETURNS TABLE (cell jsonb, stored integer, counted integer)
  LANGUAGE plpgsql AS $$
  BEGIN
    LOCK TABLE hotspots IN SHARE MODE;
    LOCK TABLE hotspot_grid IN EXCLUSIVE MODE;
    LOCK TABLE hotspot_grid_due IN EXCLUSIVE MODE;
    CREATE TEMP TABLE hotspot_grid_found ON COMMIT DROP AS SELECT * FROM hotspot_grid_differences();
    IF EXISTS (SELECT FROM hotspot_grid_found) THEN
      ${GRID_REBUILD.join(';\n      ')};
    END IF;
    RETURN QUERY SELECT f.cell, f.stored, f.counted FROM hotspot_grid_found f;
    DROP TABLE hotspot_grid_found;
  END $$`,
};
