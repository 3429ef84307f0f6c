import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * The SQL behind the Idempotency-Key (table from migrations 0011 and 0014). A key is one person's;
 * it remembers what it created (a hotspot's id, or any other resource's as text) and a hash of the
 * request that did. Hotspot registration claims with its drawn UUID (claimKey); the other creates
 * claim first and name what they made after (claimKeyFor, recordResource) — see once.ts.
 */

/** How long a key is remembered: long enough for any retry a person or a client makes. */
const KEPT_FOR = `interval '24 hours'`;

export interface IdempotencyKey {
  userId: number;
  key: string;
  /** sha256 of the parsed body in canonical JSON: a repeat must ask for the same hotspot. */
  requestHash: string;
}

export interface KeyUse {
  request_hash: string;
  /** Set when the key registered a hotspot. */
  hotspot_id: string | null;
  /** Set when the key made anything else (migration 0014). */
  resource: string | null;
}

/** JSON with object keys sorted at every level, so equal bodies hash equal whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const requestHash = (body: unknown) => createHash('sha256').update(canonicalJson(body)).digest('hex');

/** What a key created within the last day, if anything. */
export async function findKeyUse(knex: Knex, key: IdempotencyKey): Promise<KeyUse | undefined> {
  return knex('idempotency_keys')
    .where({ user_id: key.userId, key: key.key })
    .andWhereRaw(`created_at >= now() - ${KEPT_FOR}`)
    .first('request_hash', 'hotspot_id', 'resource');
}

/**
 * Claims a key for a hotspot about to be created, in the create's transaction. A concurrent claim
 * of the same key waits here until the first transaction ends: if it committed, this returns
 * false (the key is used) and the caller answers with that hotspot; if it rolled back, the claim
 * goes through. Expired keys are forgotten first, so an old key may be used again.
 */
export async function claimKey(trx: Knex.Transaction, key: IdempotencyKey, hotspotId: string): Promise<boolean> {
  return claim(trx, key, { hotspot_id: hotspotId });
}

/** As claimKey, for a create whose id is known only once it is made: recordResource names it. */
export async function claimKeyFor(trx: Knex.Transaction, key: IdempotencyKey): Promise<boolean> {
  return claim(trx, key, {});
}

async function claim(trx: Knex.Transaction, key: IdempotencyKey, made: { hotspot_id?: string }): Promise<boolean> {
  await trx('idempotency_keys').whereRaw(`created_at < now() - ${KEPT_FOR}`).delete();
  const claimed = await trx('idempotency_keys')
    .insert({ user_id: key.userId, key: key.key, request_hash: key.requestHash, ...made })
    .onConflict(['user_id', 'key'])
    .ignore()
    .returning('key');
  return claimed.length === 1;
}

/** Names what a claimed key made, in the same transaction as the claim. */
export async function recordResource(trx: Knex.Transaction, key: IdempotencyKey, resource: string): Promise<void> {
  await trx('idempotency_keys').where({ user_id: key.userId, key: key.key }).update({ resource });
}
