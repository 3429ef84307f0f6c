import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * The SQL behind the Idempotency-Key of hotspot creation (table from migration 0011). A key is
 * one person's; it remembers which hotspot it created and a hash of the request that did.
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
  hotspot_id: string;
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

/** The hotspot a key created within the last day, if any. */
export async function findKeyUse(knex: Knex, key: IdempotencyKey): Promise<KeyUse | undefined> {
  return knex('idempotency_keys')
    .where({ user_id: key.userId, key: key.key })
    .andWhereRaw(`created_at >= now() - ${KEPT_FOR}`)
    .first('request_hash', 'hotspot_id');
}

/**
 * Claims a key for a hotspot about to be created, in the create's transaction. A concurrent claim
 * of the same key waits here until the first transaction ends: if it committed, this returns
 * false (the key is used) and the caller answers with that hotspot; if it rolled back, the claim
 * goes through. Expired keys are forgotten first, so an old key may be used again.
 */
export async function claimKey(trx: Knex.Transaction, key: IdempotencyKey, hotspotId: string): Promise<boolean> {
  await trx('idempotency_keys').whereRaw(`created_at < now() - ${KEPT_FOR}`).delete();
  const claimed = await trx('idempotency_keys')
    .insert({ user_id: key.userId, key: key.key, request_hash: key.requestHash, hotspot_id: hotspotId })
    .onConflict(['user_id', 'key'])
    .ignore()
    .returning('hotspot_id');
  return claimed.length === 1;
}
