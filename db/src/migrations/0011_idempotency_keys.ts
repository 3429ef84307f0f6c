import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Idempotency keys for registering hotspots (the Idempotency-Key header): a create that committed
 * but whose answer was lost (a 503 on the re-read, a flaky office network) is retried with the
 * same key and answered with the hotspot already made, not a duplicate.
 *
 * Keys belong to a person (users.id, as the audit log records them): two people may pick the same
 * key. The key row is written first in the create's transaction, so a concurrent repeat waits on
 * the primary key until the first commits, then finds it. hotspot_id is known before the hotspot
 * row exists (the API draws it), hence the deferred foreign key. Keys older than a day are
 * deleted as new ones arrive, through the index on created_at.
 *
 * The table moves only together with an insert into hotspots; it is tracked by the data version
 * like every other table, which costs nothing more than the hotspot insert already does.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE idempotency_keys (
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
      request_hash text NOT NULL,
      hotspot_id uuid NOT NULL REFERENCES hotspots (id) DEFERRABLE INITIALLY DEFERRED,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, key)
    )`,
    `CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`,
    `SELECT data_version_track('idempotency_keys'::regclass)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [`DROP TABLE idempotency_keys`]);
}
