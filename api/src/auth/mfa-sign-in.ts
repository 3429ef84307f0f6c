import type { Knex } from 'knex';
import { appendAudit } from '../accounts/repo.js';
import type { AuthMethod } from '../contract/mfa.js';
import { DomainError } from '../errors.js';
import { acceptedStep, enrolmentFor, newRecoveryCodes, newTotpSecret, parseCode } from './mfa-codes.js';
import * as mfa from './mfa-repo.js';
import type { AuthPolicy } from './policy.js';
import { type AuthUser, insertSession } from './repo.js';
import { newSecret, sha256 } from './tokens.js';

export interface Origin {
  ip: string;
  userAgent: string | null;
}

export interface StartedSession {
  user: AuthUser;
  token: string;
  csrfToken: string;
  expiresAt: Date;
  method: AuthMethod;
}

export interface PendingSignIn {
  mfa: 'required' | 'enrol';
  challenge: string;
  expiresAt: Date;
  enrolment?: Awaited<ReturnType<typeof enrolmentFor>>;
}

/** Wrong codes an account may give within the policy's window, across sign-ins and signed-in checks. */
const ACCOUNT_CODE_FAILURES = 10;

export async function refuseAfterCodeFailures(knex: Knex, userId: number, policy: AuthPolicy): Promise<void> {
  const since = new Date(Date.now() - policy.windowMinutes * 60_000);
  if ((await mfa.recentCodeFailures(knex, userId, since)) >= ACCOUNT_CODE_FAILURES) {
    throw new DomainError(
      'locked',
      `Too many wrong codes. Try again in ${policy.windowMinutes} minutes, or ask an administrator.`,
      { retryAfterSeconds: policy.windowMinutes * 60, code: 'mfa_locked' },
    );
  }
}

/** A sign-in waiting for its code lives this long. */
const CHALLENGE_MINUTES = 5;
/** Codes one waiting sign-in takes before the person must give the password again. */
const CHALLENGE_ATTEMPTS = 5;

export function mfaRequiredFor(user: Pick<AuthUser, 'role'>, policy: AuthPolicy): boolean {
  return policy.mfaRequiredRoles.includes(user.role);
}

/**
 * The one place a session starts, whether after the password alone or after the second factor:
 * a fresh token every time (a session id planted before sign-in is worthless), and how it was
 * established, which the person sees in their sessions list.
 */
async function startSession(
  knex: Knex,
  user: AuthUser,
  origin: Origin,
  policy: AuthPolicy,
  method: AuthMethod,
): Promise<StartedSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + policy.absoluteHours * 3_600_000);
  await knex.transaction(async (trx) => {
    await insertSession(trx, {
      token_hash: sha256(token),
      user_id: user.id,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip: origin.ip,
      user_agent: origin.userAgent?.slice(0, 300) ?? null,
      auth_method: method,
    });
    await appendAudit(trx, {
      user_id: user.id,
      actor: user.login,
      ip: origin.ip,
      action: 'session.sign_in',
      entity: 'user',
      entity_id: String(user.id),
      ...(method === 'password' ? {} : { after: { method } }),
    });
  });
  return { user, token, csrfToken, expiresAt, method };
}

/**
 * What follows a right password: a session when no second factor is involved; otherwise a pending
 * sign-in (no session) that the code completes. An account with a confirmed factor is always asked
 * for it, whatever its role; one whose role requires a factor and has none must enrol first.
 */
export async function afterPassword(
  knex: Knex,
  user: AuthUser,
  origin: Origin,
  policy: AuthPolicy,
): Promise<StartedSession | PendingSignIn> {
  const factor = await mfa.factorOf(knex, user.id);
  const enrolled = !!factor?.confirmed_at;
  if (!enrolled && !mfaRequiredFor(user, policy)) return startSession(knex, user, origin, policy, 'password');
  const challenge = newSecret();
  const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES * 60_000);
  let enrolment: PendingSignIn['enrolment'];
  await knex.transaction(async (trx) => {
    if (!enrolled) {
      // A new secret for each enrolling sign-in: a QR code shown earlier stops working.
      const secret = newTotpSecret();
      await mfa.putPendingFactor(trx, user.id, secret);
      enrolment = await enrolmentFor(secret, user.login);
    }
    await mfa.insertChallenge(trx, {
      token_hash: sha256(challenge),
      user_id: user.id,
      kind: enrolled ? 'required' : 'enrol',
      ip: origin.ip,
      user_agent: origin.userAgent?.slice(0, 300) ?? null,
      expires_at: expiresAt,
    });
  });
  return { mfa: enrolled ? 'required' : 'enrol', challenge, expiresAt, enrolment };
}

const WRONG = 'The code is wrong or was already used: type the code the app shows now.';

/**
 * Completes a pending sign-in with a code: a TOTP code (not used before), or a recovery code
 * (spent by this use). Completing an enrolment confirms the factor and hands out recovery codes,
 * once. Wrong codes count against the challenge and, across challenges, against the account.
 */
export async function answerChallenge(
  knex: Knex,
  answer: { challenge: string; code: string; ip: string },
  policy: AuthPolicy,
): Promise<StartedSession & { recoveryCodes?: string[] }> {
  const tokenHash = sha256(answer.challenge);
  const pending = await mfa.reserveAttempt(knex, tokenHash, CHALLENGE_ATTEMPTS);
  if (!pending) {
    throw new DomainError('unauthorized', 'This sign-in has expired or had too many wrong codes: sign in again.', {
      code: 'mfa_sign_in_over',
    });
  }
  const user = await mfa.activeUser(knex, pending.user_id);
  if (!user)
    throw new DomainError('unauthorized', 'This sign-in has expired: sign in again.', { code: 'mfa_sign_in_over' });
  const parsed = parseCode(answer.code);
  const enrolling = pending.kind === 'enrol';
  const origin = { ip: answer.ip, userAgent: pending.user_agent };
  const outcome = await knex.transaction(async (trx) => {
    // Each challenge needs the password, but a thief who has it could open many: wrong codes are
    // capped per account, counted and recorded under the account's lock (see lockFactor).
    await mfa.lockFactor(trx, user.id);
    await refuseAfterCodeFailures(trx, user.id, policy);
    const factor = await mfa.factorOf(trx, user.id);
    let method: AuthMethod | undefined;
    if (factor && parsed.kind === 'totp') {
      const step = await acceptedStep(factor.secret, parsed.code, factor.last_step);
      if (step !== undefined && (await mfa.acceptStep(trx, user.id, step, enrolling))) method = 'password+totp';
    } else if (factor?.confirmed_at && !enrolling && parsed.kind === 'recovery') {
      if (await mfa.spendRecoveryCode(trx, user.id, parsed.hash)) method = 'password+recovery';
    }
    if (!method || !(await mfa.useChallenge(trx, tokenHash))) {
      // Recorded in the same transaction, before the lock is released: the next check counts it.
      await appendAudit(trx, {
        user_id: user.id,
        actor: user.login,
        ip: answer.ip,
        action: 'session.mfa_failed',
        entity: 'user',
        entity_id: String(user.id),
        after: { attempt: pending.attempts },
      });
      return undefined;
    }
    let codes: string[] | undefined;
    if (enrolling) {
      const fresh = newRecoveryCodes();
      await mfa.replaceRecoveryCodes(trx, user.id, fresh.hashes);
      await appendAudit(trx, {
        user_id: user.id,
        actor: user.login,
        ip: answer.ip,
        action: 'mfa.enrol',
        entity: 'user',
        entity_id: String(user.id),
      });
      codes = fresh.codes;
    }
    // In the same transaction: recovery codes are never stored without the answer that shows them.
    return { session: await startSession(trx, user, origin, policy, method), codes };
  });
  if (!outcome) {
    const left = CHALLENGE_ATTEMPTS - pending.attempts;
    throw left > 0
      ? new DomainError('unauthorized', WRONG, { code: 'mfa_code_wrong' })
      : new DomainError('unauthorized', `${WRONG} This sign-in is over: sign in again.`, { code: 'mfa_sign_in_over' });
  }
  return { ...outcome.session, recoveryCodes: outcome.codes };
}

/** The answer to a right password when a code must follow (contract/mfa.ts mfaChallenge). */
export function pendingAnswer(pending: PendingSignIn) {
  return {
    mfa: pending.mfa,
    challenge: pending.challenge,
    expires_at: pending.expiresAt.toISOString(),
    ...(pending.enrolment ? { enrolment: pending.enrolment } : {}),
  };
}
