import type { Knex } from 'knex';
import { applySqlFunctions } from '../sql-functions/index.js';
import { runStatements } from './run-statements.js';

/**
 * Case folding and sorting for Kazakh and Russian Cyrillic that behave the same on both
 * databases: kk_fold() and kk_sort_key(), defined in sql-functions/ (which say how). Applied here
 * because later migrations build on them (0010's search index is on kk_fold).
 */
export async function up(knex: Knex): Promise<void> {
  await applySqlFunctions(knex, ['kk_fold', 'kk_sort_key']);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, ['DROP FUNCTION kk_sort_key(text)', 'DROP FUNCTION kk_fold(text)']);
}
