import type { SqlFunction } from './index.js';

/**
 * The cell a hotspot row `r` is counted in (migration 0020): the dimensions statistics group or
 * filter by, dates to their month. `due_month` only for open hotspots, the only ones that can be
 * overdue, so closing one moves it to a cell without a deadline. Shared by the trigger below and
 * the recount in hotspot_cells_differences.ts, so both file a row in the same cell.
 */
export const CELL_KEY = [
  'area_id',
  'category_id',
  'agency_id',
  'severity',
  'status',
  'confidential',
  'is_duplicate',
  'registered_month',
  'resolved_month',
  'due_month',
] as const;

export const cellKeyOf = (r: string) => `${r}.area_id, ${r}.category_id, ${r}.agency_id, ${r}.severity, ${r}.status,
      ${r}.confidential, ${r}.duplicate_of IS NOT NULL,
      date_trunc('month', ${r}.registered_on)::date, date_trunc('month', ${r}.resolved_on)::date,
      CASE WHEN ${r}.status IN ('registered', 'in_progress') THEN date_trunc('month', ${r}.due_on)::date END`;

const KEY = CELL_KEY.join(', ');

/**
 * Keeps hotspot_cells equal to the live hotspots, in the writing transaction: the three statement
 * triggers of migration 0020 (one per event: transition tables allow one event a trigger) call it
 * once per statement with every row the statement wrote, so an import of 100k rows is one grouped
 * upsert, not 100k (a fourth, on TRUNCATE, empties the cells). Deleted hotspots (deleted_at set) are in no cell: deleting is an UPDATE that
 * takes the row out of its cell, restoring puts it back.
 *
 * The deltas are applied in key order, so two transactions touching the same cells lock them in
 * the same order and cannot deadlock each other when each writes hotspots in one statement (see
 * hotspot_grid_follow.ts for more in one transaction). A cell that reaches 0 is deleted (by its ctid,
 * which the upsert returns; this transaction holds its lock): the readers sum cells and group by
 * their keys, and a zero cell would show a month or a category with nothing in it.
 */
export const hotspotCellsFollow: SqlFunction = {
  signature: 'hotspot_cells_follow()',
  statement: `CREATE OR REPLACE FUNCTION hotspot_cells_follow() RETURNS trigger
  LANGUAGE plpgsql AS $$
  DECLARE
    emptied tid[];
  BEGIN
    IF TG_OP = 'TRUNCATE' THEN
      DELETE FROM hotspot_cells;
      RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
      WITH delta (${KEY}, d) AS (
        SELECT ${cellKeyOf('r')}, 1 FROM new_rows r WHERE r.deleted_at IS NULL),
      applied AS (
        INSERT INTO hotspot_cells AS c (${KEY}, n)
        SELECT ${KEY}, sum(d)::integer FROM delta GROUP BY ${KEY} ORDER BY ${KEY}
        ON CONFLICT ON CONSTRAINT hotspot_cells_key DO UPDATE SET n = c.n + EXCLUDED.n
        RETURNING c.ctid, c.n)
      SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM applied;
    ELSIF TG_OP = 'DELETE' THEN
      WITH delta (${KEY}, d) AS (
        SELECT ${cellKeyOf('r')}, -1 FROM old_rows r WHERE r.deleted_at IS NULL),
      applied AS (
        INSERT INTO hotspot_cells AS c (${KEY}, n)
        SELECT ${KEY}, sum(d)::integer FROM delta GROUP BY ${KEY} ORDER BY ${KEY}
        ON CONFLICT ON CONSTRAINT hotspot_cells_key DO UPDATE SET n = c.n + EXCLUDED.n
        RETURNING c.ctid, c.n)
      SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM applied;
    ELSE
      WITH delta (${KEY}, d) AS (
        SELECT ${cellKeyOf('r')}, 1 FROM new_rows r WHERE r.deleted_at IS NULL
        UNION ALL
        SELECT ${cellKeyOf('r')}, -1 FROM old_rows r WHERE r.deleted_at IS NULL),
      applied AS (
        INSERT INTO hotspot_cells AS c (${KEY}, n)
        SELECT ${KEY}, sum(d)::integer FROM delta GROUP BY ${KEY} HAVING sum(d) <> 0 ORDER BY ${KEY}
        ON CONFLICT ON CONSTRAINT hotspot_cells_key DO UPDATE SET n = c.n + EXCLUDED.n
        RETURNING c.ctid, c.n)
      SELECT array_agg(ctid) FILTER (WHERE n = 0) INTO emptied FROM applied;
    END IF;
    IF emptied IS NOT NULL THEN
      DELETE FROM hotspot_cells WHERE ctid = ANY (emptied) AND n = 0;
    END IF;
    RETURN NULL;
  END $$`,
};
