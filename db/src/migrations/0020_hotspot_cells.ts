import type { Knex } from 'knex';
import { applySqlFunctions } from '../sql-functions/index.js';
import { CELL_KEY, cellKeyOf } from '../sql-functions/hotspot_cells_follow.js';
import { runStatements } from './run-statements.js';

/**
 * Statistics from cells instead of rows (issue 14): the live hotspots counted by every dimension
 * the statistics group or filter by — area, category, agency, severity, status, confidentiality,
 * duplicate or not, registered month, resolved month, and for open hotspots the month of their
 * deadline (what "overdue" needs) — so a year's statistics sum a few thousand cells instead of
 * reading every hotspot. api/src/stats/cells.ts reads them, answering day-precise periods by
 * reading the raw rows of the edge months only.
 *
 * Kept equal to the hotspots in the writing transaction by statement triggers with transition
 * tables (sql-functions/hotspot_cells_follow.ts): one grouped upsert per statement, whatever the
 * number of rows. Every path that writes hotspots goes through them (API, imports, boundary
 * re-imports re-filing hotspots, an area's deletion setting area_id to NULL, psql).
 * `npm run stats:repair` recounts them (sql-functions/hotspot_cells_differences.ts).
 *
 * NULLS NOT DISTINCT makes a hotspot without area, agency or resolution one cell, not one per row.
 * No foreign keys: cells follow the hotspots, which carry the references. No CHECK (n >= 0) either:
 * PostgreSQL checks the row an upsert proposes (a delta of -1) before it finds the cell to add it to.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE hotspot_cells (
      area_id integer,
      category_id integer NOT NULL,
      agency_id integer,
      severity text NOT NULL,
      status text NOT NULL,
      confidential boolean NOT NULL,
      is_duplicate boolean NOT NULL,
      registered_month date NOT NULL,
      resolved_month date,
      due_month date,
      n integer NOT NULL,
      CONSTRAINT hotspot_cells_key UNIQUE NULLS NOT DISTINCT (${CELL_KEY.join(', ')})
    )`,
    `INSERT INTO hotspot_cells (${CELL_KEY.join(', ')}, n)
      SELECT ${cellKeyOf('h')}, count(*) FROM hotspots h WHERE h.deleted_at IS NULL
      GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`,
  ]);
  await applySqlFunctions(knex, ['hotspot_cells_follow', 'hotspot_cells_differences', 'hotspot_cells_repair']);
  await runStatements(knex, [
    `CREATE TRIGGER hotspot_cells_insert AFTER INSERT ON hotspots
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_cells_follow()`,
    `CREATE TRIGGER hotspot_cells_update AFTER UPDATE ON hotspots
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION hotspot_cells_follow()`,
    `CREATE TRIGGER hotspot_cells_delete AFTER DELETE ON hotspots
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hotspot_cells_follow()`,
    // TRUNCATE fires no DELETE trigger: without this, emptied hotspots would leave their cells.
    `CREATE TRIGGER hotspot_cells_truncate AFTER TRUNCATE ON hotspots
      FOR EACH STATEMENT EXECUTE FUNCTION hotspot_cells_follow()`,
    // The statistics read it: a repair that changes cells moves the data version like any write
    // (a hotspot write bumps it already; a second bump in the same transaction costs one row update).
    `SELECT data_version_track('hotspot_cells'::regclass)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `DROP TRIGGER hotspot_cells_truncate ON hotspots`,
    `DROP TRIGGER hotspot_cells_delete ON hotspots`,
    `DROP TRIGGER hotspot_cells_update ON hotspots`,
    `DROP TRIGGER hotspot_cells_insert ON hotspots`,
    `DROP FUNCTION hotspot_cells_repair()`,
    `DROP FUNCTION hotspot_cells_differences()`,
    `DROP FUNCTION hotspot_cells_follow()`,
    `DROP TABLE hotspot_cells`,
  ]);
}
