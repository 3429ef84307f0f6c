import type { Knex } from 'knex';
import type { Actor } from '../auth/middleware.js';
import { RESTORE_WINDOW_HOURS, type HotspotDeletion } from '../contract/hotspot-deletion.js';
import { DomainError } from '../errors.js';
import { liveDuplicatesOf, liveOriginalOf, recordedStandIn } from './nearby-repo.js';
import { lockForChange, recordEvent, repo } from './service.js';
import { writeVersion } from './writes.js';

/*
 * Deleting a hotspot (with its reason) and undoing it within RESTORE_WINDOW_HOURS. A deleted
 * original hands the issue to its duplicates, so what was entered stays counted once.
 */

/**
 * A deleted hotspot's live duplicates now stand for the issue, or it would be counted nowhere:
 * the earliest becomes the one counted and the others name it. Each change is an edit in their
 * history (and the audit), and moves their version. Answers the one now counted (the stand-in),
 * which the deletion records so that a restore finds it.
 */
async function promoteDuplicates(trx: Knex.Transaction, actor: Actor, id: string): Promise<string | undefined> {
  const [first, ...rest] = await liveDuplicatesOf(trx, actor.viewer, id);
  if (!first) return undefined;
  const moves: [{ id: string; version: number }, string | null][] = [
    [first, null],
    ...rest.map((duplicate): [{ id: string; version: number }, string] => [duplicate, first.id]),
  ];
  for (const [duplicate, to] of moves) {
    await writeVersion(trx, duplicate.id, duplicate.version, {
      duplicate_of: to,
      updated_by: actor.name,
      updated_at: trx.fn.now(),
    });
    await recordEvent(
      trx,
      actor,
      { hotspot_id: duplicate.id, kind: 'edited', changes: { duplicate_of: { from: id, to } } },
      { before: { duplicate_of: id }, after: { duplicate_of: to } },
    );
  }
  return first.id;
}

/**
 * Soft delete: the record and its history stay for the audit; lists, counts and exports no longer
 * show it. Why it was deleted is kept with it and in the audit trail. Answers the deleted version,
 * which a restore may name in If-Match.
 */
export async function deleteHotspot(
  knex: Knex,
  actor: Actor,
  id: string,
  expectedVersion: number | '*' | undefined,
  why: HotspotDeletion,
): Promise<number> {
  return knex.transaction(async (trx) => {
    const current = await lockForChange(trx, id, expectedVersion, actor);
    const note = why.note?.trim() || null;
    await writeVersion(trx, id, current.version, {
      deleted_at: trx.fn.now(),
      deleted_by: actor.name,
      deleted_reason: why.reason,
      deleted_note: note,
    });
    const standIn = await promoteDuplicates(trx, actor, id);
    // The stand-in is kept with the deletion in the audit (recordedStandIn reads it on an index).
    await recordEvent(
      trx,
      actor,
      { hotspot_id: id, kind: 'deleted', note },
      {
        before: { version: current.version },
        after: { reason: why.reason, note, ...(standIn ? { stand_in: standIn } : {}) },
      },
    );
    return current.version + 1;
  });
}

/**
 * What a restored hotspot repeats, so the issue stays counted once: the live original its issue
 * now belongs to (liveOriginalOf, locked), followed from the original it repeated when deleted
 * or else from the duplicate that took over from it (its duplicates stood for the issue
 * meanwhile, and may themselves have been deleted and handed it on). Null when none is left: it
 * is the one counted again.
 */
async function issueOnRestore(
  trx: Knex.Transaction,
  actor: Actor,
  id: string,
  duplicateOf: string | null,
): Promise<string | null> {
  const start = duplicateOf ?? (await recordedStandIn(trx, id));
  if (!start) return null;
  const original = await liveOriginalOf(trx, actor.viewer, start);
  return original && original !== id ? original : null;
}

/**
 * Undoes a deletion made less than RESTORE_WINDOW_HOURS ago: anyone who may delete may undo (the
 * office keeps the record together), so a colleague can put back what was deleted in error. Later
 * the deletion stands (409, code restore_window_passed); a live hotspot answers 409 not_deleted.
 */
export async function restoreHotspot(
  knex: Knex,
  actor: Actor,
  id: string,
  expectedVersion: number | '*' | undefined,
): Promise<void> {
  await knex.transaction(async (trx) => {
    const row = await repo.findDeletedHotspot(trx, actor.viewer, id, RESTORE_WINDOW_HOURS);
    if (!row) throw new DomainError('not_found', `Hotspot ${id} does not exist.`);
    if (!row.deleted) {
      throw new DomainError('conflict', 'This hotspot is not deleted: there is nothing to undo.', {
        code: 'not_deleted',
      });
    }
    if (!row.restorable) {
      throw new DomainError(
        'conflict',
        `This hotspot was deleted more than ${RESTORE_WINDOW_HOURS} hours ago: the deletion can no longer be undone.`,
        { code: 'restore_window_passed' },
      );
    }
    if (expectedVersion !== undefined && expectedVersion !== '*' && expectedVersion !== row.version) {
      throw new DomainError(
        'stale',
        `This hotspot changed since (now version ${row.version}, you named version ${expectedVersion}).`,
      );
    }
    const duplicateOf = await issueOnRestore(trx, actor, id, row.duplicate_of);
    await writeVersion(trx, id, row.version, {
      deleted_at: null,
      deleted_by: null,
      deleted_reason: null,
      deleted_note: null,
      duplicate_of: duplicateOf,
      updated_by: actor.name,
      updated_at: trx.fn.now(),
    });
    await recordEvent(
      trx,
      actor,
      { hotspot_id: id, kind: 'restored' },
      { before: { deleted_by: row.deleted_by, reason: row.deleted_reason }, after: { version: row.version + 1 } },
    );
    if (duplicateOf !== row.duplicate_of) {
      const change = { from: row.duplicate_of, to: duplicateOf };
      await recordEvent(
        trx,
        actor,
        { hotspot_id: id, kind: 'edited', changes: { duplicate_of: change } },
        { before: { duplicate_of: change.from }, after: { duplicate_of: change.to } },
      );
    }
  });
}
