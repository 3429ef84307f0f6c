import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * A default deadline per category and severity, in days after registration, which the form
 * proposes when a hotspot is registered (the person may change it). An object such as
 * {"critical": 3, "high": 7}; a severity it does not name has no default. Categories are already
 * part of the data version, so the cached category list follows a change.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE categories ADD COLUMN due_days jsonb NOT NULL DEFAULT '{}'::jsonb
       CHECK (jsonb_typeof(due_days) = 'object')`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [`ALTER TABLE categories DROP COLUMN due_days`]);
}
