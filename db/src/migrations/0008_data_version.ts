import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

// Placeholder: filled in by the work on this feature.
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, []);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, []);
}
