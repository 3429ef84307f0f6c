import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Two leftovers of issue 12's review.
 *
 * Refused sign-ins are counted on the counter that refused them (`refused`, reset with its window)
 * instead of writing one audit row each: an attacker hammering sign-in once filled the append-only
 * audit log. The audit trail keeps the lock itself (its first refusal) and the count at each power
 * of ten (api/src/auth/refusals.ts), so 1,000 refusals write four rows, not 1,000.
 *
 * Categories and agencies gain a version, so two administrators editing the same one cannot lose
 * an edit: PATCH and DELETE take If-Match like hotspots do.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE sign_in_throttles ADD COLUMN refused integer NOT NULL DEFAULT 0 CHECK (refused >= 0)`,
    `ALTER TABLE sign_in_throttles ADD COLUMN last_refused_at timestamptz`,
    `ALTER TABLE categories ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`,
    `ALTER TABLE agencies ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE agencies DROP COLUMN version`,
    `ALTER TABLE categories DROP COLUMN version`,
    `ALTER TABLE sign_in_throttles DROP COLUMN last_refused_at`,
    `ALTER TABLE sign_in_throttles DROP COLUMN refused`,
  ]);
}
