import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Why a hotspot was deleted: a code from a short list (the web words it) and an optional note.
 * A deletion can be undone for a while (api/src/hotspots/deletion.ts), which clears them again.
 * Rows deleted before this migration have no reason; a live hotspot never has one.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE hotspots
       ADD COLUMN deleted_reason text
         CHECK (deleted_reason IN ('registered_in_error', 'duplicate', 'other')),
       ADD COLUMN deleted_note text CHECK (length(deleted_note) <= 500),
       ADD CONSTRAINT hotspots_deleted_reason_only_when_deleted
         CHECK (deleted_at IS NOT NULL OR (deleted_reason IS NULL AND deleted_note IS NULL))`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE hotspots DROP CONSTRAINT hotspots_deleted_reason_only_when_deleted,
       DROP COLUMN deleted_note, DROP COLUMN deleted_reason`,
  ]);
}
