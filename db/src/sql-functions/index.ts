import type { Knex } from 'knex';
import { areaLevelRank } from './area_level_rank.js';
import { areaPiecesFollow } from './area_pieces_follow.js';
import { auditLogRefuseChange } from './audit_log_refuse_change.js';
import { dataVersionBump } from './data_version_bump.js';
import { dataVersionTrack } from './data_version_track.js';
import { hotspotCellsDifferences } from './hotspot_cells_differences.js';
import { hotspotCellsFollow } from './hotspot_cells_follow.js';
import { hotspotCellsRepair } from './hotspot_cells_repair.js';
import { hotspotGridDifferences } from './hotspot_grid_differences.js';
import { hotspotGridFollow } from './hotspot_grid_follow.js';
import { hotspotGridRepair } from './hotspot_grid_repair.js';
import { hotspotIsOverdue } from './hotspot_is_overdue.js';
import { hotspotReference } from './hotspot_reference.js';
import { hotspotsBeforeWrite } from './hotspots_before_write.js';
import { kkFold } from './kk_fold.js';
import { kkFoldSearchText } from './kk_fold_search_text.js';
import { kkLoose } from './kk_loose.js';
import { kkSortKey } from './kk_sort_key.js';
import { nextHotspotReference } from './next_hotspot_reference.js';
import { smallestAreaContaining } from './smallest_area_containing.js';

/** One SQL function (or trigger function) of the schema, in its current definition. */
export interface SqlFunction {
  /** Name and argument types, as `::regprocedure` and DROP FUNCTION take them. */
  signature: string;
  /** One `CREATE OR REPLACE FUNCTION` statement: applying it again changes nothing. */
  statement: string;
}

/**
 * Every function of the schema, each defined once, in its file here (named after the function).
 * Migrations create tables, indexes and triggers; functions are applied from these files, like
 * Flyway's repeatable migrations: `applyAllSqlFunctions` runs after the versioned migrations on
 * every start, so an edited definition reaches every database, fresh or upgraded, without a new
 * migration, and no migration carries an old body that a later one silently replaces.
 *
 * A migration that needs a function while it runs (a trigger it creates, an index expression, a
 * backfill) applies that function first with `applySqlFunctions`; so a definition must stay valid
 * at the point of the migrations that apply it (a test builds a fresh database on every run, and
 * fails at once if it does not). Changing a function that an index is built on (kk_fold) needs a
 * migration that rebuilds the index. CREATE OR REPLACE cannot rename parameters or change the
 * result type: that takes a migration dropping the old function.
 *
 * Listed in dependency order: a LANGUAGE sql body is checked when it is created, so the functions
 * and tables it calls must exist (plpgsql bodies are checked only when they run).
 */
export const SQL_FUNCTIONS = {
  area_level_rank: areaLevelRank,
  kk_fold: kkFold,
  kk_fold_search_text: kkFoldSearchText,
  kk_loose: kkLoose,
  kk_sort_key: kkSortKey,
  hotspot_reference: hotspotReference,
  next_hotspot_reference: nextHotspotReference,
  hotspots_before_write: hotspotsBeforeWrite,
  hotspot_is_overdue: hotspotIsOverdue,
  audit_log_refuse_change: auditLogRefuseChange,
  data_version_bump: dataVersionBump,
  data_version_track: dataVersionTrack,
  area_pieces_follow: areaPiecesFollow,
  smallest_area_containing: smallestAreaContaining,
  hotspot_cells_follow: hotspotCellsFollow,
  hotspot_cells_differences: hotspotCellsDifferences,
  hotspot_cells_repair: hotspotCellsRepair,
  hotspot_grid_follow: hotspotGridFollow,
  hotspot_grid_differences: hotspotGridDifferences,
  hotspot_grid_repair: hotspotGridRepair,
} as const satisfies Record<string, SqlFunction>;

export type SqlFunctionName = keyof typeof SQL_FUNCTIONS;

/** Applies these functions' current definitions, in the order given (for a migration's needs). */
export async function applySqlFunctions(knex: Knex, names: SqlFunctionName[]): Promise<void> {
  for (const name of names) await knex.raw(SQL_FUNCTIONS[name].statement);
}

/** An arbitrary constant: the advisory lock that keeps two starting processes from applying at once. */
const APPLY_LOCK = 4_151_998_113;

/**
 * Applies every function's current definition, in one transaction. Two processes starting together
 * would otherwise replace the same catalog rows at once ("tuple concurrently updated"): the
 * advisory lock makes the second wait for the first.
 */
export async function applyAllSqlFunctions(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?)', [APPLY_LOCK]);
    await applySqlFunctions(trx, Object.keys(SQL_FUNCTIONS) as SqlFunctionName[]);
  });
}
