import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { auditAs } from '../accounts/repo.js';
import { tokenCreate, tokenCreated, tokenInfo, tokenRenew } from '../contract/auth.js';
import { DomainError } from '../errors.js';
import type { RouteTable } from '../http/route-table.js';
import { actorOf } from './middleware.js';
import type { AuthPolicy } from './policy.js';
import { verifyStepUp } from './step-up.js';
import * as tokens from './token-repo.js';
import { newApiToken, sha256 } from './tokens.js';

const STEP_UP = {
  400: { description: 'The password is not the account’s current one (it counts as a failed sign-in)' },
  429: { description: 'Too many wrong passwords: the sign-in throttle refuses (Retry-After)' },
};

/**
 * Personal API tokens for QGIS, GDAL and scripts. Minting or renewing one asks for the password
 * again (step-up): a borrowed or stolen session must not be able to leave with a long-lived key.
 */
export function tokenRoutes(table: RouteTable, db: Database, policy: AuthPolicy): void {
  const knex = db.knex;
  const tokenId = z.object({ id: z.coerce.number({ error: 'must be a token id' }).int().positive() }).strict();
  table.add(
    {
      method: 'get',
      path: '/me/tokens',
      summary: 'Your API tokens (never the secrets), expired ones included until revoked',
      tags: ['accounts'],
      access: 'signed_in',
      responses: { 200: { description: 'Tokens', schema: z.array(tokenInfo) } },
    },
    async (_input, req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await tokens.liveTokens(knex, req.auth!.user.id));
    },
  );
  table.add(
    {
      method: 'post',
      path: '/me/tokens',
      summary: 'Create an API token (asks for your password again); the secret is shown only in this answer',
      tags: ['accounts'],
      access: 'signed_in',
      body: tokenCreate,
      responses: { 201: { description: 'The token, with its secret', schema: tokenCreated }, ...STEP_UP },
    },
    async ({ body }, req, res) => {
      const actor = actorOf(req);
      const userId = req.auth!.user.id;
      await verifyStepUp(
        knex,
        userId,
        { password: body.password, code: body.code },
        { ip: actor.ip ?? 'unknown', policy },
      );
      const { token, prefix } = newApiToken();
      const row = await knex.transaction(async (trx) => {
        const created = await tokens.insertToken(trx, {
          user_id: userId,
          name: body.name,
          token_hash: sha256(token),
          prefix,
          lifetime_days: body.expires_in_days,
        });
        await auditAs(trx, actor, {
          action: 'token.create',
          entity: 'api_token',
          entity_id: String(created.id),
          after: { name: body.name, prefix, expires_at: created.expires_at },
        });
        return created;
      });
      res.status(201).json({ ...row, token });
    },
  );
  table.add(
    {
      method: 'post',
      path: '/me/tokens/:id/renew',
      summary: 'Renew one of your API tokens for its own lifetime from now (asks for your password again)',
      tags: ['accounts'],
      access: 'signed_in',
      params: tokenId,
      body: tokenRenew,
      responses: { 200: { description: 'The renewed token', schema: tokenInfo }, ...STEP_UP },
    },
    async ({ params, body }, req, res) => {
      const actor = actorOf(req);
      const userId = req.auth!.user.id;
      await verifyStepUp(knex, userId, body, { ip: actor.ip ?? 'unknown', policy });
      const renewed = await knex.transaction(async (trx) => {
        const row = await tokens.renewToken(trx, userId, params.id);
        if (!row) throw new DomainError('not_found', `You have no live token ${params.id}.`);
        await auditAs(trx, actor, {
          action: 'token.renew',
          entity: 'api_token',
          entity_id: String(params.id),
          after: { expires_at: row.expires_at },
        });
        return row;
      });
      res.json(renewed);
    },
  );
  table.add(
    {
      method: 'delete',
      path: '/me/tokens/:id',
      summary: 'Revoke one of your API tokens',
      tags: ['accounts'],
      access: 'signed_in',
      params: tokenId,
      responses: { 204: { description: 'Revoked' } },
    },
    async ({ params }, req, res) => {
      const actor = actorOf(req);
      await knex.transaction(async (trx) => {
        const revoked = await tokens.revokeToken(trx, req.auth!.user.id, params.id);
        if (!revoked) throw new DomainError('not_found', `You have no live token ${params.id}.`);
        await auditAs(trx, actor, { action: 'token.revoke', entity: 'api_token', entity_id: String(params.id) });
      });
      res.status(204).end();
    },
  );
}
