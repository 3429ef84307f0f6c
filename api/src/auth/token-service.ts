import type { Knex } from 'knex';
import { auditAs } from '../accounts/repo.js';
import { DomainError } from '../errors.js';
import type { Actor } from './middleware.js';
import type { AuthPolicy } from './policy.js';
import { verifyStepUp, type StepUpProof } from './step-up.js';
import * as tokens from './token-repo.js';
import { newApiToken, sha256 } from './tokens.js';

/**
 * Personal API tokens for QGIS, GDAL and scripts. Minting or renewing one asks for the password
 * again (step-up): a borrowed or stolen session must not be able to leave with a long-lived key.
 * Each change and its audit row are one transaction.
 */

/** Mints a token after the step-up; the secret is returned here only (the database keeps its hash). */
export async function mintToken(
  knex: Knex,
  actor: Actor,
  userId: number,
  input: StepUpProof & { name: string; expires_in_days: number },
  policy: AuthPolicy,
): Promise<tokens.TokenRow & { token: string }> {
  await verifyStepUp(
    knex,
    userId,
    { password: input.password, code: input.code },
    { ip: actor.ip ?? 'unknown', policy },
  );
  const { token, prefix } = newApiToken();
  const row = await knex.transaction(async (trx) => {
    const created = await tokens.insertToken(trx, {
      user_id: userId,
      name: input.name,
      token_hash: sha256(token),
      prefix,
      lifetime_days: input.expires_in_days,
    });
    await auditAs(trx, actor, {
      action: 'token.create',
      entity: 'api_token',
      entity_id: String(created.id),
      after: { name: input.name, prefix, expires_at: created.expires_at },
    });
    return created;
  });
  return { ...row, token };
}

/** Renews one of the person's live tokens for its own lifetime from now, after the step-up. */
export async function renewOwnToken(
  knex: Knex,
  actor: Actor,
  userId: number,
  id: number,
  proof: StepUpProof,
  policy: AuthPolicy,
): Promise<tokens.TokenRow> {
  await verifyStepUp(knex, userId, proof, { ip: actor.ip ?? 'unknown', policy });
  return knex.transaction(async (trx) => {
    const row = await tokens.renewToken(trx, userId, id);
    if (!row) throw new DomainError('not_found', `You have no live token ${id}.`);
    await auditAs(trx, actor, {
      action: 'token.renew',
      entity: 'api_token',
      entity_id: String(id),
      after: { expires_at: row.expires_at },
    });
    return row;
  });
}

export async function revokeOwnToken(knex: Knex, actor: Actor, userId: number, id: number): Promise<void> {
  await knex.transaction(async (trx) => {
    const revoked = await tokens.revokeToken(trx, userId, id);
    if (!revoked) throw new DomainError('not_found', `You have no live token ${id}.`);
    await auditAs(trx, actor, { action: 'token.revoke', entity: 'api_token', entity_id: String(id) });
  });
}
