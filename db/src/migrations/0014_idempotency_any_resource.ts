import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Idempotency keys for every create a person may retry after a lost answer, not only hotspots:
 * meetings, agenda items, instructions, reports on an agency's part, hotspot comments. A key row
 * now names what it made in `resource` (the id as text: a meeting's number, a hotspot's UUID);
 * hotspot_id stays for the hotspot registrations, whose UUID is drawn before the row exists and
 * is checked by the deferred foreign key. The request hash covers the operation (method, path,
 * parameters) as well as the body, so one key sent to another route is refused, not replayed.
 * The key row is still written first in the create's transaction, so a concurrent repeat waits.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE idempotency_keys ALTER COLUMN hotspot_id DROP NOT NULL`,
    `ALTER TABLE idempotency_keys ADD COLUMN resource text CHECK (length(resource) <= 200)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `DELETE FROM idempotency_keys WHERE hotspot_id IS NULL`,
    `ALTER TABLE idempotency_keys DROP COLUMN resource`,
    `ALTER TABLE idempotency_keys ALTER COLUMN hotspot_id SET NOT NULL`,
  ]);
}
