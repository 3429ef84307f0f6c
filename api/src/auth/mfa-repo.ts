import type { Knex } from 'knex';
import type { AuthUser } from './repo.js';

/** An active account by id, in the shape sessions carry (as auth/repo.ts reads it by login). */
export async function activeUser(knex: Knex, id: number): Promise<AuthUser | undefined> {
  return (await knex('users as u')
    .leftJoin('agencies as ag', 'ag.id', 'u.agency_id')
    .where({ 'u.id': id, 'u.active': true })
    .first('u.id', 'u.login', 'u.full_name', 'u.role', 'u.agency_id', 'ag.code as agency', 'u.language')) as
    AuthUser | undefined;
}

export async function userExists(knex: Knex, id: number): Promise<boolean> {
  return (await knex('users').where({ id }).first('id')) !== undefined;
}

export interface Factor {
  secret: string;
  confirmed_at: Date | null;
  last_step: number | null;
}

export async function factorOf(knex: Knex, userId: number): Promise<Factor | undefined> {
  return (await knex('mfa_factors').where({ user_id: userId }).first('secret', 'confirmed_at', 'last_step')) as
    Factor | undefined;
}

/** Begins (or begins again) an enrolment; false when the account already has a confirmed factor. */
export async function putPendingFactor(knex: Knex, userId: number, secret: string): Promise<boolean> {
  const { rows } = await knex.raw<{ rows: unknown[] }>(
    `INSERT INTO mfa_factors (user_id, secret) VALUES (?, ?)
     ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, last_step = NULL, created_at = now()
     WHERE mfa_factors.confirmed_at IS NULL
     RETURNING user_id`,
    [userId, secret],
  );
  return rows.length === 1;
}

/** An already confirmed factor, as the demo set-up enrols its accounts. */
export async function putConfirmedFactor(knex: Knex, userId: number, secret: string): Promise<void> {
  await knex('mfa_factors').insert({ user_id: userId, secret, confirmed_at: knex.fn.now() });
}

/**
 * Records the step of an accepted code, only if it is later than the last one: of two requests
 * with the same code, the row lock lets one through. `confirm` also confirms a pending enrolment.
 */
export async function acceptStep(knex: Knex, userId: number, step: number, confirm: boolean): Promise<boolean> {
  const query = knex('mfa_factors')
    .where({ user_id: userId })
    .where((where) => {
      where.whereNull('last_step').orWhere('last_step', '<', step);
    });
  if (confirm) query.whereNull('confirmed_at');
  else query.whereNotNull('confirmed_at');
  return (await query.update({ last_step: step, ...(confirm ? { confirmed_at: knex.fn.now() } : {}) })) === 1;
}

export async function replaceRecoveryCodes(knex: Knex, userId: number, hashes: string[]): Promise<void> {
  await knex('mfa_recovery_codes').where({ user_id: userId }).delete();
  await knex('mfa_recovery_codes').insert(hashes.map((code_hash) => ({ user_id: userId, code_hash })));
}

/** Spends a recovery code; false when it is unknown or already spent. */
export async function spendRecoveryCode(knex: Knex, userId: number, hash: string): Promise<boolean> {
  return (
    (await knex('mfa_recovery_codes')
      .where({ user_id: userId, code_hash: hash })
      .whereNull('used_at')
      .update({ used_at: knex.fn.now() })) === 1
  );
}

export async function recoveryCodesLeft(knex: Knex, userId: number): Promise<number> {
  const row = await knex('mfa_recovery_codes')
    .where({ user_id: userId })
    .whereNull('used_at')
    .first(knex.raw('count(*)::int AS n'));
  return (row as { n: number }).n;
}

/** Removes the factor, its recovery codes and any sign-in waiting for a code. */
export async function removeFactor(knex: Knex, userId: number): Promise<boolean> {
  await knex('mfa_recovery_codes').where({ user_id: userId }).delete();
  await knex('mfa_challenges').where({ user_id: userId }).delete();
  // RETURNING, not the delete's count: knex-pglite answers a DELETE with an object, not a number.
  return (await knex('mfa_factors').where({ user_id: userId }).delete().returning('user_id')).length > 0;
}

export interface Challenge {
  user_id: number;
  kind: 'required' | 'enrol';
  ip: string | null;
  user_agent: string | null;
}

export async function insertChallenge(
  knex: Knex,
  challenge: Challenge & { token_hash: string; expires_at: Date },
): Promise<void> {
  await knex('mfa_challenges').insert(challenge);
  // Old challenges are kept a day (the per-account count of wrong codes reads them), then swept.
  await knex('mfa_challenges')
    .where('expires_at', '<', new Date(Date.now() - 86_400_000))
    .delete();
}

/**
 * Counts one attempt on a live challenge before its code is checked, so parallel guesses cannot
 * exceed the limit; undefined when the challenge is unknown, spent, expired or out of attempts.
 */
export async function reserveAttempt(knex: Knex, tokenHash: string, maxAttempts: number) {
  const [row] = await knex('mfa_challenges')
    .where({ token_hash: tokenHash })
    .whereNull('used_at')
    .where('expires_at', '>', knex.fn.now())
    .where('attempts', '<', maxAttempts)
    .increment('attempts', 1)
    .returning(['user_id', 'kind', 'ip', 'user_agent', 'attempts']);
  return row as (Challenge & { attempts: number }) | undefined;
}

/** Spends the challenge; false when another request spent it first. */
export async function useChallenge(knex: Knex, tokenHash: string): Promise<boolean> {
  return (
    (await knex('mfa_challenges')
      .where({ token_hash: tokenHash })
      .whereNull('used_at')
      .update({ used_at: knex.fn.now() })) === 1
  );
}

/**
 * Locks the account's factor row until the transaction ends: code checks of one account then run
 * one after another, so the per-account count of wrong codes is read, checked and added to under
 * the lock and parallel guesses cannot all be checked before any of them is recorded.
 */
export async function lockFactor(trx: Knex.Transaction, userId: number): Promise<void> {
  await trx('mfa_factors').where({ user_id: userId }).forUpdate().first('user_id');
}

/** Audit actions that record a wrong second-factor code, at sign-in or when signed in. */
const CODE_FAILED_ACTIONS = ['session.mfa_failed', 'mfa.code_failed'];

/**
 * Wrong codes for an account since `since`, read from the audit trail (which records each one
 * anyway), so sign-in challenges and signed-in checks count against one limit.
 */
export async function recentCodeFailures(knex: Knex, userId: number, since: Date): Promise<number> {
  const row = await knex('audit_log')
    .where({ user_id: userId })
    .whereIn('action', CODE_FAILED_ACTIONS)
    .where('at', '>', since)
    .first(knex.raw('count(*)::int AS n'));
  return (row as { n: number }).n;
}

/** Whether each account has a confirmed factor (the administrators' list shows it). */
export function enrolledSql(userColumn: string): string {
  return `EXISTS (SELECT 1 FROM mfa_factors f WHERE f.user_id = ${userColumn} AND f.confirmed_at IS NOT NULL)`;
}

/** A person's live sessions, newest first, with how each was established. */
export async function liveSessionsOf(knex: Knex, userId: number, idleSince: Date) {
  return (await knex('sessions')
    .where({ user_id: userId })
    .whereNull('ended_at')
    .where('expires_at', '>', knex.fn.now())
    .where('last_seen_at', '>', idleSince)
    .orderBy('created_at', 'desc')
    .select('token_hash', 'auth_method', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent')) as {
    token_hash: string;
    auth_method: string;
    created_at: Date;
    last_seen_at: Date;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  }[];
}
