import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { appendAudit, auditAs } from '../accounts/repo.js';
import { verifyPassword } from '../accounts/passwords.js';
import { DomainError } from '../errors.js';
import type { Actor } from './middleware.js';
import type { AuthPolicy } from './policy.js';
import { signInDelayMs } from './policy.js';
import { recordRefusal } from './refusals.js';
import { afterPassword, type PendingSignIn, type StartedSession } from './mfa-sign-in.js';
import * as repo from './repo.js';
import { type Reservation, releaseAttempt, reserveAttempt, SignInThrottled } from './throttle.js';
import { recordAttempt } from './throttle-repo.js';
import { sha256 } from './tokens.js';

// Verifying against a fixed hash when the login is unknown keeps the answer's timing the same.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$lOmaP/YysrpP1tB+YAMGEg$q/idsnJ+ztovFrUTEAMNE0p3KruvGAgbJGTuolKBu78';

const FAILED = 'Sign-in failed: the login or the password is wrong.';

/**
 * Checks a login and password with the same words whether or not the login exists. The attempt is
 * reserved on the throttle's counters first (throttle.ts), so however many guesses arrive at
 * once, at most the limit of them is ever checked; a right password gives its reservation back.
 */
export async function signIn(
  knex: Knex,
  attempt: { login: string; password: string; ip: string; userAgent: string | null },
  policy: AuthPolicy,
): Promise<StartedSession | PendingSignIn> {
  const login = attempt.login.trim().toLowerCase();
  const user = await checkPassword(knex, { login, password: attempt.password, ip: attempt.ip }, policy);
  const { password_hash: _omit, ...publicUser } = user;
  // A session now, or a pending sign-in that a second-factor code completes (auth/mfa-sign-in.ts).
  return afterPassword(knex, publicUser, attempt, policy);
}

/**
 * The throttled password check shared by sign-in and step-up: refused (429) while a counter is
 * past its limit. A checked wrong password is audited as `session.sign_in_failed` (the limits
 * bound how many); a refused attempt is counted on its counter and only the lock and each power
 * of ten of refusals are audited (refusals.ts).
 */
export async function checkPassword(
  knex: Knex,
  attempt: { login: string; password: string; ip: string },
  policy: AuthPolicy,
): Promise<repo.AuthUser & { password_hash: string }> {
  const { login, ip } = attempt;
  const actor = login || '(empty login)';
  let reservation: Reservation;
  try {
    reservation = await reserveAttempt(knex, { login, ip }, policy);
  } catch (error) {
    // Not one audit row per refusal: the lock and a running count (auth/refusals.ts).
    if (error instanceof SignInThrottled) await recordRefusal(knex, error, { actor, ip }, policy);
    throw error;
  }
  await sleep(signInDelayMs(reservation.previousFailures, policy));
  const user = await repo.userForSignIn(knex, login);
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, attempt.password);
  await recordAttempt(knex, { login, ip, success: ok && !!user });
  if (!ok || !user) {
    await appendAudit(knex, { actor, ip, action: 'session.sign_in_failed', entity: 'user' });
    throw new DomainError('unauthorized', FAILED);
  }
  await releaseAttempt(knex, reservation);
  return user;
}

/** The session's user when the session is live; touches it (at most once a minute) to keep it so. */
export async function sessionUser(knex: Knex, token: string, policy: AuthPolicy) {
  const tokenHash = sha256(token);
  const session = await repo.liveSession(knex, tokenHash, new Date(Date.now() - policy.idleMinutes * 60_000));
  if (!session) return undefined;
  if (Date.now() - new Date(session.last_seen_at).getTime() > 60_000) await repo.touchSession(knex, tokenHash);
  const { csrf_token: csrfToken, last_seen_at: _seen, ...user } = session;
  return { user, csrfToken, tokenHash };
}

export async function signOut(knex: Knex, tokenHash: string, user: repo.AuthUser, ip: string) {
  await knex.transaction(async (trx) => {
    await repo.endSession(trx, tokenHash);
    await appendAudit(trx, {
      user_id: user.id,
      actor: user.login,
      ip,
      action: 'session.sign_out',
      entity: 'user',
      entity_id: String(user.id),
    });
  });
}

/** A person changes their own language; audited like an administrator's change of it. */
export async function setOwnLanguage(knex: Knex, user: repo.AuthUser, language: string, actor: Actor) {
  await knex.transaction(async (trx) => {
    await repo.setLanguage(trx, user.id, language);
    await auditAs(trx, actor, {
      action: 'user.update',
      entity: 'user',
      entity_id: String(user.id),
      before: { language: user.language },
      after: { language },
    });
  });
}
