import { randomUUID } from 'node:crypto';
import { geometryFromGeoJSON } from '@oshaq/db';
import { akimatMayTransition } from '../contract/transitions.js';
import type { Knex } from 'knex';
import type { HotspotCreate, HotspotPatch, HotspotRegistration, TransitionRequest } from '../contract/hotspots.js';
import { duplicatesOutOfReach, duplicateStanding, duplicateTarget } from './nearby-repo.js';
import type { Status } from '../contract/common.js';
import { DomainError, invalid } from '../errors.js';
import type { Actor } from '../auth/middleware.js';
import { forbidden } from '../errors.js';
import { canTransition, allowedTransitions, isClosing } from './rules.js';
import {
  checkDates,
  checkGeometry,
  codeToId,
  lockForChange,
  recordEvent,
  repo,
  type HotspotServiceOptions,
} from './service.js';
import { claimKey, findKeyUse, type IdempotencyKey, type KeyUse } from '../idempotency/repo.js';

/**
 * What a create did: made the hotspot, or found its Idempotency-Key already used — by the same
 * request (a retry: answer the hotspot made then) or by a different one (refused).
 */
export type CreateOutcome =
  { kind: 'created'; id: string } | { kind: 'replayed'; id: string } | { kind: 'key_reused'; id: string };

const outcomeOfUse = (use: KeyUse, key: IdempotencyKey): CreateOutcome => ({
  kind: use.request_hash === key.requestHash ? 'replayed' : 'key_reused',
  // A key that made something else (idempotency/once.ts) has another hash: refused, naming that.
  id: use.hotspot_id ?? use.resource ?? '',
});

/**
 * Registers a hotspot and its `created` event in one transaction. With an idempotency key, the
 * key is claimed in that same transaction, so a hotspot exists exactly when its key does.
 */
export async function createHotspot(
  knex: Knex,
  actor: Actor,
  input: HotspotCreate,
  options: HotspotServiceOptions,
  key?: IdempotencyKey,
): Promise<CreateOutcome> {
  // A retry is answered before any check: the request was accepted once, whatever changed since.
  const used = key && (await findKeyUse(knex, key));
  if (key && used) return outcomeOfUse(used, key);
  const today = options.today();
  const registeredOn = input.registered_on ?? today;
  checkDates({ registered_on: registeredOn, due_on: input.due_on }, today);
  await checkGeometry(knex, input.geometry, options);
  const id = randomUUID();
  return knex.transaction(async (trx): Promise<CreateOutcome> => {
    if (key && !(await claimKey(trx, key, id))) {
      // The same key in flight at once: the other request committed first, and made the hotspot.
      const other = await findKeyUse(trx, key);
      if (other) return outcomeOfUse(other, key);
      throw new DomainError(
        'conflict',
        'This Idempotency-Key was being used at the same moment: send the request again.',
      );
    }
    const categoryId = await codeToId(trx, 'categories', input.category, 'category');
    const duplicateOf = await originalOf(trx, actor, (input as Partial<HotspotRegistration>).duplicate_of, {
      categoryId,
      geometry: input.geometry,
    });
    const agencyId = input.agency ? await codeToId(trx, 'agencies', input.agency, 'agency') : null;
    if (input.external_ref && (await trx('hotspots').where({ external_ref: input.external_ref }).first('id'))) {
      throw new DomainError('conflict', `A hotspot with external_ref "${input.external_ref}" already exists.`);
    }
    await trx('hotspots').insert({
      id,
      title: input.title,
      description: input.description,
      category_id: categoryId,
      severity: input.severity,
      geom: geometryFromGeoJSON(JSON.stringify(input.geometry)),
      agency_id: agencyId,
      source: input.source ?? null,
      external_ref: input.external_ref ?? null,
      registered_on: registeredOn,
      due_on: input.due_on ?? null,
      confidential: input.confidential,
      duplicate_of: duplicateOf,
      created_by: actor.name,
      updated_by: actor.name,
    });
    await recordEvent(
      trx,
      actor,
      { hotspot_id: id, kind: 'created' },
      { after: { ...input, registered_on: registeredOn } },
    );
    return { kind: 'created', id };
  });
}

/**
 * How much farther than its category's radius a named original may be: the form asks for nearby
 * hotspots from one point of the place (a polygon's middle), the check measures to the whole shape.
 */
const DUPLICATE_TOLERANCE_M = 50;

/**
 * The hotspot a new one repeats: one the person can see and not deleted, of the same category and
 * within the category's radius of the new one's place (else it is another issue, counted apart).
 * Named a duplicate itself, its original is taken, so every duplicate points at the issue counted.
 */
async function originalOf(
  trx: Knex.Transaction,
  actor: Actor,
  id: string | undefined,
  place: { categoryId: number; geometry: HotspotCreate['geometry'] },
): Promise<string | null> {
  if (!id) return null;
  const target = await duplicateTarget(trx, actor.viewer, id, place.geometry);
  if (!target) {
    throw invalid('duplicate_of', 'unknown_hotspot', `names no hotspot you can see: ${id}`, { id });
  }
  if (target.category_id !== place.categoryId) {
    throw invalid('duplicate_of', 'duplicate_other_category', 'names a hotspot of another category');
  }
  if (target.distance_m > target.duplicate_radius_m + DUPLICATE_TOLERANCE_M) {
    throw invalid(
      'duplicate_of',
      'duplicate_too_far',
      `names a hotspot ${target.distance_m} m away, beyond the category's radius of ${target.duplicate_radius_m} m`,
      { distance: target.distance_m, radius: target.duplicate_radius_m },
    );
  }
  return target.duplicate_of ?? target.id;
}

/**
 * An original moved away from its duplicates: the same rule as registering a duplicate, seen from
 * the other end. Counted once, they must still be near it, or the counts would hide an issue in
 * another street. Refused on the geometry with its own code, naming the duplicates left out of
 * reach (farthest first), so the staff either place it nearer or un-mark those first.
 */
async function keepDuplicatesInReach(trx: Knex.Transaction, actor: Actor, id: string, geometry: unknown) {
  const far = await duplicatesOutOfReach(trx, actor.viewer, id, geometry, DUPLICATE_TOLERANCE_M);
  const [farthest] = far;
  if (!farthest) return;
  throw invalid(
    'geometry',
    'duplicates_out_of_reach',
    `would leave its duplicate${far.length > 1 ? 's' : ''} ${far.map((d) => d.reference).join(', ')} beyond ` +
      `the category's radius of ${farthest.duplicate_radius_m} m (the farthest ${farthest.distance_m} m away): ` +
      'place it nearer, or first mark them as no longer duplicates (duplicate_of: null)',
    {
      references: far.map((d) => d.reference).join(', '),
      distance: farthest.distance_m,
      radius: farthest.duplicate_radius_m,
    },
  );
}

/**
 * Writes a change and moves the version, only if the version is still the one the change was
 * checked against. lockForChange already holds the row (SELECT … FOR UPDATE), so this cannot
 * miss; the condition makes "checked If-Match" and "applied" one statement all the same, so a
 * future change that drops the lock cannot let two editors with the same If-Match both succeed.
 */
export async function writeVersion(trx: Knex.Transaction, id: string, from: number, columns: Record<string, unknown>) {
  const updated = await trx('hotspots')
    .where({ id, version: from })
    .update({ ...columns, version: from + 1 });
  if (updated !== 1) {
    throw new DomainError('stale', 'Someone else changed this hotspot at the same moment. Review it and try again.');
  }
}

/** Applies an edit if the client saw the current version; records what changed, field by field. */
export async function updateHotspot(
  knex: Knex,
  actor: Actor,
  id: string,
  expectedVersion: number | '*',
  patch: HotspotPatch,
  options: HotspotServiceOptions,
): Promise<void> {
  if (patch.geometry) await checkGeometry(knex, patch.geometry, options);
  await knex.transaction(async (trx) => {
    const current = await lockForChange(trx, id, expectedVersion, actor);
    const before = await repo.editableValues(trx, actor.viewer, id);
    const registeredOn = patch.registered_on ?? current.registered_on;
    const dueOn = patch.due_on === undefined ? (before.due_on as string | null) : patch.due_on;
    checkDates({ registered_on: registeredOn, due_on: dueOn }, options.today());
    if (current.resolved_on && registeredOn > current.resolved_on) {
      throw invalid(
        'registered_on',
        'after_resolved',
        `must not be after the date it was closed (${current.resolved_on})`,
        {
          date: current.resolved_on,
        },
      );
    }
    const standing = await duplicateStanding(trx, actor.viewer, id);
    before.duplicate_of = standing?.duplicate_of ?? null;
    const columns: Record<string, unknown> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, value] of Object.entries(patch)) {
      if (JSON.stringify(before[field]) === JSON.stringify(value)) continue;
      changes[field] = { from: before[field] ?? null, to: value };
      if (field === 'category') columns.category_id = await codeToId(trx, 'categories', value as string, 'category');
      else if (field === 'agency')
        columns.agency_id = value ? await codeToId(trx, 'agencies', value as string, 'agency') : null;
      else if (field === 'geometry') columns.geom = geometryFromGeoJSON(JSON.stringify(value));
      else columns[field] = value;
    }
    if (Object.keys(changes).length === 0) return;
    // A duplicate that stays one must still repeat its original: the registration's check again.
    if (standing?.duplicate_of && !changes.duplicate_of && (changes.category || changes.geometry)) {
      await originalOf(trx, actor, standing.duplicate_of, {
        categoryId: (columns.category_id as number | undefined) ?? standing.category_id,
        geometry: (patch.geometry ?? before.geometry) as HotspotCreate['geometry'],
      });
    }
    if (!standing?.duplicate_of && changes.geometry) await keepDuplicatesInReach(trx, actor, id, patch.geometry);
    await writeVersion(trx, id, current.version, { ...columns, updated_by: actor.name, updated_at: trx.fn.now() });
    const after = Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to]));
    const was = Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.from]));
    await recordEvent(trx, actor, { hotspot_id: id, kind: 'edited', changes }, { before: was, after });
  });
}

/** Moves a hotspot along its workflow; the change and its history event are one transaction. */
export async function transitionHotspot(
  knex: Knex,
  actor: Actor,
  id: string,
  expectedVersion: number | '*' | undefined,
  request: TransitionRequest,
  options: HotspotServiceOptions,
): Promise<void> {
  const today = options.today();
  await knex.transaction(async (trx) => {
    const current = await lockForChange(trx, id, expectedVersion, actor);
    const from = current.status as Status;
    if (actor.role === 'akimat' && !akimatMayTransition(from, request.to)) {
      throw forbidden(`Akimat staff may start work on a hotspot and resolve it, not move it to ${request.to}.`);
    }
    if (!canTransition(from, request.to)) {
      const allowed = allowedTransitions(from);
      throw new DomainError(
        'conflict',
        `A ${from} hotspot cannot move to ${request.to}; from ${from} it can move to ${allowed.join(' or ')}.`,
      );
    }
    const note = request.note?.trim() || null;
    if (isClosing(request.to) && !note) {
      throw invalid('note', 'note_required', `is required when a hotspot is ${request.to}: say what was done or why`, {
        status: request.to,
      });
    }
    const on = request.on ?? today;
    if (on > today) throw invalid('on', 'date_in_future', `must not be in the future (today is ${today})`, { today });
    if (on < current.registered_on)
      throw invalid(
        'on',
        'before_registered',
        `must not be before the hotspot was registered (${current.registered_on})`,
        {
          date: current.registered_on,
        },
      );
    await writeVersion(trx, id, current.version, {
      status: request.to,
      resolved_on: isClosing(request.to) ? on : null,
      resolution_note: isClosing(request.to) ? note : null,
      updated_by: actor.name,
      updated_at: trx.fn.now(),
    });
    await recordEvent(
      trx,
      actor,
      { hotspot_id: id, kind: 'status_changed', from_status: from, to_status: request.to, note },
      { before: { status: from }, after: { status: request.to, note, on } },
    );
  });
}

export async function commentOnHotspot(knex: Knex, actor: Actor, id: string, note: string): Promise<void> {
  await knex.transaction(async (trx) => {
    const current = await lockForChange(trx, id, undefined, actor);
    // A comment changes what GET returns (the history), so it moves the version and the ETag too.
    await writeVersion(trx, id, current.version, {});
    await recordEvent(trx, actor, { hotspot_id: id, kind: 'commented', note });
  });
}
