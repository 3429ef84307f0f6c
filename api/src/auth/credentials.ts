import type { Knex } from 'knex';
import { hashPassword, refusePassword } from '../accounts/passwords.js';
import { auditAs } from '../accounts/repo.js';
import { DomainError, invalid } from '../errors.js';
import type { Actor } from './middleware.js';
import type { AuthPolicy } from './policy.js';
import { endOtherSessions, endUserSessions, setPasswordHash } from './repo.js';
import { checkPassword } from './service.js';
import { type StepUpProof, verifyStepUp } from './step-up.js';
import { clearLogin } from './throttle-repo.js';
import { revokeUserTokens } from './token-repo.js';

/**
 * What a new password, a new role or a deactivation must end: the account's sessions (but the one
 * making a change of its own), its API tokens (a stolen cookie may have minted some) and its
 * sign-in locks (the owner has a new password to use).
 */
export async function endAccess(
  trx: Knex.Transaction,
  account: { id: number; login: string },
  options: { keepSession?: string; clearLocks: boolean },
): Promise<{ ended: number; tokensRevoked: number; locksCleared: number }> {
  const ended =
    options.keepSession === undefined
      ? await endUserSessions(trx, account.id)
      : await endOtherSessions(trx, account.id, options.keepSession);
  const tokensRevoked = await revokeUserTokens(trx, account.id);
  const locksCleared = options.clearLocks ? await clearLogin(trx, account.login) : 0;
  return { ended, tokensRevoked, locksCleared };
}

/** A person changes their own password: the current one first, a weak one refused. */
export async function changeOwnPassword(
  knex: Knex,
  user: { id: number; login: string; full_name: string },
  change: { current: string; next: string; sessionTokenHash?: string },
  actor: Actor,
  policy: AuthPolicy,
): Promise<void> {
  // Through the sign-in throttle: a stolen session must not guess the password here faster than at sign-in.
  try {
    await checkPassword(knex, { login: user.login, password: change.current, ip: actor.ip ?? 'unknown' }, policy);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'unauthorized') {
      throw invalid('current_password', 'password_wrong', 'is not your current password');
    }
    throw error;
  }
  refusePassword('new_password', change.next, [user.login, ...user.full_name.split(/\s+/)]);
  const hash = await hashPassword(change.next);
  await knex.transaction(async (trx) => {
    await setPasswordHash(trx, user.id, hash);
    // Whoever may have learnt the old password loses what it opened; this page stays signed in.
    const ended = await endAccess(trx, user, { keepSession: change.sessionTokenHash ?? '', clearLocks: true });
    await auditAs(trx, actor, {
      action: 'user.password_change',
      entity: 'user',
      entity_id: String(user.id),
      after: { sessions_ended: ended.ended, tokens_revoked: ended.tokensRevoked, locks_cleared: ended.locksCleared },
    });
  });
}

/**
 * "End my other sessions": a person who sees a session they do not know ends every one but the
 * page asking (all of them when asked with an API token). Behind step-up, so a stolen cookie
 * cannot keep signing its owner out; audited with how many ended.
 */
export async function endOwnOtherSessions(
  knex: Knex,
  user: { id: number },
  proof: StepUpProof,
  context: { keepSession?: string; actor: Actor; policy: AuthPolicy },
): Promise<number> {
  await verifyStepUp(knex, user.id, proof, { ip: context.actor.ip ?? 'unknown', policy: context.policy });
  return knex.transaction(async (trx) => {
    const ended = await endOtherSessions(trx, user.id, context.keepSession);
    await auditAs(trx, context.actor, {
      action: 'session.end_others',
      entity: 'user',
      entity_id: String(user.id),
      after: { sessions_ended: ended },
    });
    return ended;
  });
}
