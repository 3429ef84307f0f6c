import type { Knex } from 'knex';
import { auditAs } from '../accounts/repo.js';
import { DomainError, invalid } from '../errors.js';
import type { Actor } from './middleware.js';
import { acceptedStep, enrolmentFor, newRecoveryCodes, newTotpSecret, parseCode } from './mfa-codes.js';
import * as mfa from './mfa-repo.js';
import { mfaRequiredFor, refuseAfterCodeFailures } from './mfa-sign-in.js';
import type { AuthPolicy } from './policy.js';
import { type AuthUser, endUserSessions } from './repo.js';

const iso = (value: Date | string | null) => (value instanceof Date ? value.toISOString() : value);

export async function hasFactor(knex: Knex, userId: number): Promise<boolean> {
  return !!(await mfa.factorOf(knex, userId))?.confirmed_at;
}

export async function factorStatus(knex: Knex, user: AuthUser, policy: AuthPolicy) {
  const factor = await mfa.factorOf(knex, user.id);
  const enrolled = !!factor?.confirmed_at;
  return {
    enrolled,
    required: mfaRequiredFor(user, policy),
    confirmed_at: enrolled ? iso(factor.confirmed_at) : null,
    recovery_codes_left: enrolled ? await mfa.recoveryCodesLeft(knex, user.id) : 0,
  };
}

/**
 * Checks a code of an account with a confirmed factor: a TOTP code not used before, or (when
 * allowed) an unspent recovery code, which this spends. A wrong one is audited and counts
 * toward the same per-account limit as wrong codes at sign-in.
 */
export async function checkFactorCode(
  knex: Knex,
  user: { id: number; login: string },
  code: string,
  context: { ip: string; policy: AuthPolicy; allowRecovery: boolean },
): Promise<'totp' | 'recovery'> {
  const parsed = parseCode(code);
  // Under the account's lock, like codes at sign-in: count, check and record one guess at a time.
  const accepted = await knex.transaction(async (trx) => {
    await mfa.lockFactor(trx, user.id);
    await refuseAfterCodeFailures(trx, user.id, context.policy);
    const factor = await mfa.factorOf(trx, user.id);
    if (!factor?.confirmed_at) throw new DomainError('conflict', 'This account has no second factor.');
    if (parsed.kind === 'totp') {
      const step = await acceptedStep(factor.secret, parsed.code, factor.last_step);
      if (step !== undefined && (await mfa.acceptStep(trx, user.id, step, false))) return 'totp' as const;
    } else if (parsed.kind === 'recovery' && context.allowRecovery) {
      if (await mfa.spendRecoveryCode(trx, user.id, parsed.hash)) return 'recovery' as const;
    }
    await auditAs(
      trx,
      { name: user.login, userId: user.id, ip: context.ip },
      { action: 'mfa.code_failed', entity: 'user', entity_id: String(user.id) },
    );
    return undefined;
  });
  if (accepted) return accepted;
  throw invalid('code', 'mfa_code_wrong', 'is wrong or was already used: type the code the app shows now');
}

/** Begins enrolment from the account page: a new secret to add to an app, not yet asked at sign-in. */
export async function beginEnrolment(knex: Knex, user: AuthUser) {
  const secret = newTotpSecret();
  if (!(await mfa.putPendingFactor(knex, user.id, secret))) {
    throw new DomainError('conflict', 'You already have a second factor: remove it first, or renew recovery codes.');
  }
  return enrolmentFor(secret, user.login);
}

/** Confirms an enrolment begun on the account page with the app's first code; returns recovery codes, once. */
export async function confirmEnrolment(knex: Knex, user: AuthUser, code: string, actor: Actor): Promise<string[]> {
  const factor = await mfa.factorOf(knex, user.id);
  if (!factor || factor.confirmed_at) {
    throw new DomainError('conflict', 'There is no enrolment to confirm: start it again.');
  }
  const parsed = parseCode(code);
  const step = parsed.kind === 'totp' ? await acceptedStep(factor.secret, parsed.code, factor.last_step) : undefined;
  return knex.transaction(async (trx) => {
    if (step === undefined || !(await mfa.acceptStep(trx, user.id, step, true))) {
      throw invalid('code', 'mfa_code_wrong', 'is wrong: type the 6-digit code the app shows now');
    }
    const fresh = newRecoveryCodes();
    await mfa.replaceRecoveryCodes(trx, user.id, fresh.hashes);
    await auditAs(trx, actor, { action: 'mfa.enrol', entity: 'user', entity_id: String(user.id) });
    return fresh.codes;
  });
}

/** New recovery codes (the old ones stop working); the caller has checked the password and a code. */
export async function renewRecoveryCodes(knex: Knex, user: AuthUser, actor: Actor): Promise<string[]> {
  return knex.transaction(async (trx) => {
    const fresh = newRecoveryCodes();
    await mfa.replaceRecoveryCodes(trx, user.id, fresh.hashes);
    await auditAs(trx, actor, { action: 'mfa.recovery_codes_renew', entity: 'user', entity_id: String(user.id) });
    return fresh.codes;
  });
}

/** A person removes their own factor, only when their role does not require one (password and code checked). */
export async function removeOwnFactor(knex: Knex, user: AuthUser, policy: AuthPolicy, actor: Actor): Promise<void> {
  if (mfaRequiredFor(user, policy)) {
    throw new DomainError(
      'forbidden',
      `Your role (${user.role}) must sign in with a second factor: it cannot be removed.`,
    );
  }
  await knex.transaction(async (trx) => {
    await mfa.removeFactor(trx, user.id);
    await auditAs(trx, actor, { action: 'mfa.remove', entity: 'user', entity_id: String(user.id) });
  });
}

/**
 * An administrator resets a lost factor: it and the recovery codes go, every session of the
 * account ends, and the person enrols again at the next sign-in (when the role requires it).
 */
export async function resetFactor(knex: Knex, userId: number, actor: Actor) {
  return knex.transaction(async (trx) => {
    if (!(await mfa.userExists(trx, userId))) throw new DomainError('not_found', `There is no account ${userId}.`);
    const removed = await mfa.removeFactor(trx, userId);
    const ended = await endUserSessions(trx, userId);
    await auditAs(trx, actor, {
      action: 'user.mfa_reset',
      entity: 'user',
      entity_id: String(userId),
      after: { factor_removed: removed, sessions_ended: ended },
    });
    return { factor_removed: removed, sessions_ended: ended };
  });
}
