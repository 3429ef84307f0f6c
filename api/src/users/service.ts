import type { Knex } from 'knex';
import { hashPassword, refusePassword } from '../accounts/passwords.js';
import { auditAs } from '../accounts/repo.js';
import { endAccess } from '../auth/credentials.js';
import type { Actor } from '../auth/middleware.js';
import { endUserSessions } from '../auth/repo.js';
import { revokeUserTokens } from '../auth/token-repo.js';
import type { z } from 'zod';
import type { userPatch } from '../contract/auth.js';
import { DomainError, invalid } from '../errors.js';
import * as repo from './repo.js';

/**
 * An administrator changes an account. A new password (a reset), a new role or a deactivation
 * ends what the account had opened — its sessions and its API tokens — and a reset also lifts its
 * sign-in locks, so the owner can use the new password at once.
 */
export async function patchUser(knex: Knex, id: number, patch: z.infer<typeof userPatch>, actor: Actor) {
  const { agency, password, ...columns } = patch;
  // Hashed before the transaction: argon2 takes a while, and rows should not stay locked meanwhile.
  const hash = password === undefined ? undefined : await hashPassword(password);
  await knex.transaction(async (trx) => {
    await repo.lockUser(trx, id);
    const before = await repo.userById(trx, id);
    if (!before) throw new DomainError('not_found', `There is no account ${id}.`);
    const update: Record<string, unknown> = { ...columns };
    if (password !== undefined) {
      refusePassword('password', password, [before.login, ...before.full_name.split(/\s+/)]);
      update.password_hash = hash;
    }
    if (agency !== undefined) {
      const found = agency ? await repo.agencyIdByCode(trx, agency) : null;
      if (agency && !found) throw invalid('agency', 'unknown_code', `has an unknown code: ${agency}`, { code: agency });
      update.agency_id = found ?? null;
    }
    await repo.updateUser(trx, id, update);
    const roleChanged = patch.role !== undefined && patch.role !== before.role;
    const ends = patch.active === false || roleChanged || password !== undefined;
    const ended = ends ? await endAccess(trx, before, { clearLocks: password !== undefined }) : undefined;
    await auditAs(trx, actor, {
      action: 'user.update',
      entity: 'user',
      entity_id: String(id),
      before,
      after: {
        ...patch,
        password: password === undefined ? undefined : '(changed)',
        ...(ended
          ? { sessions_ended: ended.ended, tokens_revoked: ended.tokensRevoked, locks_cleared: ended.locksCleared }
          : {}),
      },
    });
  });
}

/** Ends every session of an account and, unless told otherwise, revokes its API tokens. */
export async function endSessions(knex: Knex, id: number, options: { revokeTokens: boolean }, actor: Actor) {
  return knex.transaction(async (trx) => {
    const user = await repo.userById(trx, id);
    if (!user) throw new DomainError('not_found', `There is no account ${id}.`);
    const ended = await endUserSessions(trx, id);
    const tokensRevoked = options.revokeTokens ? await revokeUserTokens(trx, id) : 0;
    await auditAs(trx, actor, {
      action: 'user.end_sessions',
      entity: 'user',
      entity_id: String(id),
      after: { ended, tokens_revoked: tokensRevoked },
    });
    return { ended, tokens_revoked: tokensRevoked };
  });
}
