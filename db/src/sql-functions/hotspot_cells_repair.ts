import { CELL_KEY, cellKeyOf } from './hotspot_cells_follow.js';
import type { SqlFunction } from './index.js';

const KEY = CELL_KEY.join(', ');

/**
 * Recomputes every cell in one statement (so one transaction) and returns what it found wrong.
 * Writes to hotspots wait meanwhile (SHARE lock), so the recount is of a table nobody changes;
 * readers go on. A repair that changed something moves the data version (the table is tracked, as
 * every table the API reads), so no cached statistics outlive it.
 */
export const hotspotCellsRepair: SqlFunction = {
  signature: 'hotspot_cells_repair()',
  statement: `CREATE OR REPLACE FUNCTION hotspot_cells_repair()
  RETURNS TABLE (cell jsonb, stored integer, counted integer)
  LANGUAGE plpgsql AS $$
  BEGIN
    LOCK TABLE hotspots IN SHARE MODE;
    LOCK TABLE hotspot_cells IN EXCLUSIVE MODE;
    CREATE TEMP TABLE hotspot_cells_found ON COMMIT DROP AS SELECT * FROM hotspot_cells_differences();
    IF EXISTS (SELECT FROM hotspot_cells_found) THEN
      DELETE FROM hotspot_cells;
      INSERT INTO hotspot_cells (${KEY}, n)
        SELECT ${cellKeyOf('h')}, count(*)::integer FROM hotspots h WHERE h.deleted_at IS NULL
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
    END IF;
    RETURN QUERY SELECT f.cell, f.stored, f.counted FROM hotspot_cells_found f;
    DROP TABLE hotspot_cells_found;
  END $$`,
};
