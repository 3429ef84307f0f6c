import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { appendAudit } from '../accounts/repo.js';
import { verifyPassword } from '../accounts/passwords.js';
import { DomainError } from '../errors.js';
import type { AuthPolicy } from './policy.js';
import { signInDelayMs } from './policy.js';
import * as repo from './repo.js';
import { newSecret, sha256 } from './tokens.js';

// Verifying against a fixed hash when the login is unknown keeps the answer's timing the same.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$lOmaP/YysrpP1tB+YAMGEg$q/idsnJ+ztovFrUTEAMNE0p3KruvGAgbJGTuolKBu78';

export interface SignedIn {
  user: repo.AuthUser;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

const FAILED = 'Sign-in failed: the login or the password is wrong.';

/**
 * Checks a login and password, slowing and then locking repeated failures per login and per
 * address with the same words whether or not the login exists; starts a new session (a fresh
 * token every time, so a session id planted before sign-in is worthless).
 */
export async function signIn(
  knex: Knex,
  attempt: { login: string; password: string; ip: string; userAgent: string | null },
  policy: AuthPolicy,
): Promise<SignedIn> {
  const login = attempt.login.trim().toLowerCase();
  const since = new Date(Date.now() - policy.windowMinutes * 60_000);
  const failures = await repo.recentFailures(knex, login, attempt.ip, since);
  if (failures.by_login >= policy.loginFailureLimit || failures.by_ip >= policy.addressFailureLimit) {
    await repo.recordAttempt(knex, { login, ip: attempt.ip, success: false });
    await appendAudit(knex, {
      actor: login || '(empty login)',
      ip: attempt.ip,
      action: 'session.sign_in_failed',
      entity: 'user',
      after: { locked: true },
    });
    throw new DomainError(
      'locked',
      `Too many failed sign-ins. Try again in ${policy.windowMinutes} minutes, or ask an administrator.`,
      { retryAfterSeconds: policy.windowMinutes * 60 },
    );
  }
  await sleep(signInDelayMs(Math.max(failures.by_login, failures.by_ip), policy));
  const user = await repo.userForSignIn(knex, login);
  const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, attempt.password);
  await repo.recordAttempt(knex, { login, ip: attempt.ip, success: ok && !!user });
  if (!ok || !user) {
    await appendAudit(knex, {
      actor: login || '(empty login)',
      ip: attempt.ip,
      action: 'session.sign_in_failed',
      entity: 'user',
    });
    throw new DomainError('unauthorized', FAILED);
  }
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + policy.absoluteHours * 3_600_000);
  await knex.transaction(async (trx) => {
    await repo.insertSession(trx, {
      token_hash: sha256(token),
      user_id: user.id,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip: attempt.ip,
      user_agent: attempt.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(trx, {
      user_id: user.id,
      actor: user.login,
      ip: attempt.ip,
      action: 'session.sign_in',
      entity: 'user',
      entity_id: String(user.id),
    });
  });
  const { password_hash: _omit, ...publicUser } = user;
  return { user: publicUser, token, csrfToken, expiresAt };
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
