import type { Knex } from 'knex';
import { applySqlFunctions } from '../sql-functions/index.js';
import { GRID_DUE_KEY, GRID_KEY } from '../sql-functions/hotspot_grid_follow.js';
import { GRID_REBUILD } from '../sql-functions/hotspot_grid_repair.js';
import { runStatements } from './run-statements.js';

/**
 * The clustered map from cells instead of rows (issue 14): the live hotspots counted per grid cell
 * of each zoom band the map clusters at (sql-functions/hotspot_grid_follow.ts), with what a
 * cluster shows — count by status, the sums of the members' coordinates (the cluster's position is
 * their mean) and the XOR of their ids (a cell of one names it) — by area, category,
 * status, confidentiality and year of registration: the filters the map's layers, the area filter
 * and the period presets by year (the default: this year) set.
 *
 * `overdue` changes with the date, not with writes: the open hotspots are counted again by their
 * deadline's month in hotspot_grid_due, so a cluster's overdue count is its open ones minus those
 * not yet due (due after this month, read from a few cells, or this month, from the rows).
 *
 * Kept equal by statement triggers with transition tables, like hotspot_cells (migration 0020); no
 * CHECK (n >= 0) and no foreign keys, for the same reasons. `npm run stats:repair` recounts them.
 *
 * A write touches one cell per band, and the cells' counts change in place: with room left on each
 * page (fillfactor 75) those updates are HOT — no new index entry — which halved the triggers' cost
 * for an import of 20,000 hotspots into a million (10.6 → 4.8 s on a loaded 2-core machine).
 */
export async function up(knex: Knex): Promise<void> {
  await applySqlFunctions(knex, ['hotspot_grid_follow', 'hotspot_grid_differences', 'hotspot_grid_repair']);
  await runStatements(knex, [
    `CREATE TABLE hotspot_grid (
      zoom smallint NOT NULL,
      registered_year smallint NOT NULL,
      gx integer NOT NULL,
      gy integer NOT NULL,
      area_id integer,
      category_id integer NOT NULL,
      status text NOT NULL,
      confidential boolean NOT NULL,
      n integer NOT NULL,
      sx bigint NOT NULL,
      sy bigint NOT NULL,
      id_hi bigint NOT NULL,
      id_lo bigint NOT NULL,
      CONSTRAINT hotspot_grid_key UNIQUE NULLS NOT DISTINCT (${GRID_KEY.join(', ')})
    ) WITH (fillfactor = 75)`,
    `CREATE TABLE hotspot_grid_due (
      zoom smallint NOT NULL,
      due_month date NOT NULL,
      registered_year smallint NOT NULL,
      gx integer NOT NULL,
      gy integer NOT NULL,
      area_id integer,
      category_id integer NOT NULL,
      status text NOT NULL,
      confidential boolean NOT NULL,
      n integer NOT NULL,
      CONSTRAINT hotspot_grid_due_key UNIQUE NULLS NOT DISTINCT (${GRID_DUE_KEY.join(', ')})
    ) WITH (fillfactor = 75)`,
    ...GRID_REBUILD,
    // The clusters read this month's open hotspots due from today on (grid.ts) with their place and
    // filter columns: covered, that is an index-only scan (~7,800 rows at a million: 95 → 8 ms).
    // It replaces the plain partial index on due_on, which every overdue filter used the same way.
    `CREATE INDEX hotspots_due_on_open_covering ON hotspots (due_on)
      INCLUDE (anchor, category_id, area_id, confidential, status, deleted_at)
      WHERE status IN ('registered', 'in_progress')`,
    `DROP INDEX hotspots_due_on_open_idx`,
    `CREATE TRIGGER hotspot_grid_insert AFTER INSERT ON hotspots
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_grid_follow()`,
    `CREATE TRIGGER hotspot_grid_update AFTER UPDATE ON hotspots
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION hotspot_grid_follow()`,
    `CREATE TRIGGER hotspot_grid_delete AFTER DELETE ON hotspots
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_grid_follow()`,
    `CREATE TRIGGER hotspot_grid_truncate AFTER TRUNCATE ON hotspots
      FOR EACH STATEMENT EXECUTE FUNCTION hotspot_grid_follow()`,
    // The clusters read them: a repair, or any write that went around the triggers, moves the data
    // version like a write to hotspots does (one row update more per writing statement).
    `SELECT data_version_track('hotspot_grid'::regclass)`,
    `SELECT data_version_track('hotspot_grid_due'::regclass)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `DROP TRIGGER hotspot_grid_truncate ON hotspots`,
    `DROP TRIGGER hotspot_grid_delete ON hotspots`,
    `DROP TRIGGER hotspot_grid_update ON hotspots`,
    `DROP TRIGGER hotspot_grid_insert ON hotspots`,
    `DROP FUNCTION hotspot_grid_repair()`,
    `DROP FUNCTION hotspot_grid_differences()`,
    `DROP FUNCTION hotspot_grid_follow()`,
    `CREATE INDEX hotspots_due_on_open_idx ON hotspots (due_on) WHERE status IN ('registered', 'in_progress')`,
    `DROP INDEX hotspots_due_on_open_covering`,
    `DROP TABLE hotspot_grid_due`,
    `DROP TABLE hotspot_grid`,
  ]);
}
