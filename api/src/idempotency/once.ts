import type { Knex } from 'knex';
import { DomainError } from '../errors.js';
import { claimKeyFor, findKeyUse, type IdempotencyKey, recordResource, requestHash } from './repo.js';

/**
 * Idempotency-Key for the creates that are not hotspot registrations (meetings, agenda items,
 * instructions, reports, comments): the create runs in a transaction that first claims the key,
 * so the thing exists exactly when its key does, and a concurrent repeat waits on the claim.
 */

/** What a create did: made something, or found its key used by the same request or another one. */
export type Outcome =
  { kind: 'created'; resource: string } | { kind: 'replayed'; resource: string } | { kind: 'key_reused' };

/**
 * The key of one person's request: the hash covers the operation (method and path with its
 * parameters) as well as the body, so a key sent to another route or resource is refused.
 */
export function keyOf(userId: number | null, key: string | undefined, operation: string, body: unknown) {
  if (key === undefined || userId === null) return undefined;
  return { userId, key, requestHash: requestHash({ operation, body }) } satisfies IdempotencyKey;
}

function outcomeOf(use: { request_hash: string; resource: string | null }, key: IdempotencyKey): Outcome {
  if (use.request_hash !== key.requestHash || use.resource === null) return { kind: 'key_reused' };
  return { kind: 'replayed', resource: use.resource };
}

/**
 * Runs a create once per key. `create` gets the transaction to write in (the services' own
 * knex.transaction then nests as a savepoint) and returns the id of what it made, as text.
 */
export async function once(
  knex: Knex,
  key: IdempotencyKey | undefined,
  create: (knex: Knex) => Promise<string>,
): Promise<Outcome> {
  if (!key) return { kind: 'created', resource: await create(knex) };
  // A retry is answered before any check: the request was accepted once, whatever changed since.
  const used = await findKeyUse(knex, key);
  if (used) return outcomeOf(used, key);
  return knex.transaction(async (trx): Promise<Outcome> => {
    if (!(await claimKeyFor(trx, key))) {
      // The same key in flight at once: the other request committed first, and made the thing.
      const other = await findKeyUse(trx, key);
      if (other) return outcomeOf(other, key);
      throw new DomainError(
        'conflict',
        'This Idempotency-Key was being used at the same moment: send the request again.',
      );
    }
    const resource = await create(trx);
    await recordResource(trx, key, resource);
    return { kind: 'created', resource };
  });
}
