import type { Knex } from 'knex';
import { appendAudit } from '../accounts/repo.js';
import type { AuthPolicy } from './policy.js';
import type { SignInThrottled } from './throttle.js';
import { windowSeconds } from './throttle.js';
import { countRefusal } from './throttle-repo.js';

/**
 * Whether the n-th refusal of a window is written to the audit trail: the first (the lock as an
 * attempt first meets it) and then each power of ten. The audit log is append-only, so a running
 * total cannot be kept in one row; counted on the counter instead (the sign-in locks page shows it)
 * and audited at 1, 10, 100, 1,000 …, an attacker's 1,000 refused guesses write four rows that
 * still say who was locked, from where, since when and roughly how hard it was hammered.
 */
export function auditsRefusal(n: number): boolean {
  if (n < 1) return false;
  let power = 1;
  while (power < n) power *= 10;
  return power === n;
}

/**
 * Records an attempt refused while its counter was past its limit: counted on that counter, and
 * audited only at the counts `auditsRefusal` picks (`sign_in_lock.locked` for the first,
 * `sign_in_lock.refused` after). Each parallel refusal gets its own count from one UPDATE, so
 * exactly one request writes each of those rows.
 */
export async function recordRefusal(
  knex: Knex,
  refused: SignInThrottled,
  attempt: { actor: string; ip: string },
  policy: AuthPolicy,
): Promise<void> {
  const { counter } = refused;
  const row = await countRefusal(knex, counter.id, counter.window, windowSeconds(policy));
  // The counter was cleared or its window restarted in between: nothing left to count against.
  if (!row || !auditsRefusal(row.refused)) return;
  await appendAudit(knex, {
    actor: attempt.actor,
    ip: attempt.ip,
    action: row.refused === 1 ? 'sign_in_lock.locked' : 'sign_in_lock.refused',
    entity: 'sign_in_lock',
    entity_id: String(counter.id),
    after: {
      scope: row.scope,
      login: row.login || null,
      ip: row.ip || null,
      failures: row.failures,
      refused: row.refused,
      until: row.until,
    },
  });
}
