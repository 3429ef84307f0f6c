import type { Knex } from 'knex';
import { auditAs } from '../accounts/repo.js';
import { DomainError } from '../errors.js';
import type { Actor } from './middleware.js';
import type { AuthPolicy } from './policy.js';
import * as repo from './throttle-repo.js';

/** The problem code a refused sign-in carries, whatever counter refused it: clients word it themselves. */
const THROTTLED_CODE = 'sign_in_throttled';

/** One attempt reserved on its counters: released when the password turns out right. */
export interface Reservation {
  counters: { id: number; scope: repo.ThrottleScope; failures: number; window: string }[];
  /** Failures of this login (or pair, from a familiar address) before this attempt: sets the pause. */
  previousFailures: number;
}

export const windowSeconds = (policy: AuthPolicy) => policy.windowMinutes * 60;

export function limits(policy: AuthPolicy): Record<repo.ThrottleScope, number> {
  return { pair: policy.pairFailureLimit, login: policy.loginFailureLimit, address: policy.addressFailureLimit };
}

/** The counter that refused an attempt: which one, and in which of its windows. */
interface RefusingCounter {
  id: number;
  scope: repo.ThrottleScope;
  window: string;
}

class Refused extends Error {
  constructor(
    readonly counter: RefusingCounter,
    readonly retryAfterSeconds: number,
  ) {
    super('refused');
  }
}

export class SignInThrottled extends DomainError {
  readonly scope: repo.ThrottleScope;
  constructor(
    readonly counter: RefusingCounter,
    retryAfterSeconds: number,
  ) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      'locked',
      `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (after the time in Retry-After), or ask an administrator to clear the lock.`,
      { retryAfterSeconds, code: THROTTLED_CODE },
    );
    this.scope = counter.scope;
  }
}

/**
 * Reserves one attempt on the login's counters before its password is checked: per (login,
 * address), per login (skipped from an address it signed in from lately, so whoever guesses from
 * elsewhere does not lock the owner out) and per address. Counters are taken in one fixed order
 * (pair, login, address) inside one transaction, so parallel attempts queue on each row and cannot
 * deadlock. When any counter is past its limit the transaction rolls back: a refused attempt
 * counts nowhere and cannot prolong a block. Throws SignInThrottled then.
 */
export async function reserveAttempt(
  knex: Knex,
  attempt: { login: string; ip: string },
  policy: AuthPolicy,
): Promise<Reservation> {
  const familiar = await repo.isFamiliar(knex, attempt.login, attempt.ip, policy.familiarDays);
  const keys: repo.ThrottleKey[] = [
    { scope: 'pair', login: attempt.login, ip: attempt.ip },
    ...(familiar ? [] : [{ scope: 'login' as const, login: attempt.login, ip: '' }]),
    { scope: 'address', login: '', ip: attempt.ip },
  ];
  const max = limits(policy);
  const seconds = windowSeconds(policy);
  try {
    const counters = await knex.transaction(async (trx) => {
      const counted: Reservation['counters'] = [];
      for (const key of keys) {
        const row = await repo.countAttempt(trx, key, seconds);
        if (row.failures > max[key.scope]) {
          throw new Refused({ id: row.id, scope: key.scope, window: row.window }, row.retry_after);
        }
        counted.push({ id: row.id, scope: key.scope, failures: row.failures, window: row.window });
      }
      return counted;
    });
    // Now and then, not on every attempt: counters of ended windows are only clutter.
    if (Math.random() < 0.02) await repo.pruneEnded(knex, seconds);
    const ownFailures = counters.filter((counter) => counter.scope !== 'address').map((c) => c.failures);
    return { counters, previousFailures: Math.max(0, ...ownFailures) - 1 };
  } catch (error) {
    if (error instanceof Refused) throw new SignInThrottled(error.counter, error.retryAfterSeconds);
    throw error;
  }
}

/** The password was right: the pair's counter is cleared, the wider ones give back this attempt. */
export async function releaseAttempt(knex: Knex, reservation: Reservation): Promise<void> {
  for (const counter of reservation.counters) {
    if (counter.scope === 'pair') await repo.deleteCounter(knex, counter.id);
    else await repo.releaseAttempt(knex, counter.id, counter.window);
  }
}

/** An administrator lifts a block: the counter goes, and the audit trail keeps what it held. */
export async function clearSignInLock(knex: Knex, actor: Actor, id: number): Promise<void> {
  await knex.transaction(async (trx) => {
    const counter = await repo.counterById(trx, id);
    if (!counter) throw new DomainError('not_found', `There is no sign-in lock ${id} (it may have ended).`);
    await repo.deleteCounter(trx, id);
    await auditAs(trx, actor, {
      action: 'sign_in_lock.clear',
      entity: 'sign_in_lock',
      entity_id: String(id),
      before: {
        scope: counter.scope,
        login: counter.login || null,
        ip: counter.ip || null,
        failures: counter.failures,
        refused: counter.refused,
      },
    });
  });
}
