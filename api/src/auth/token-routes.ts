import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { tokenCreate, tokenCreated, tokenInfo, tokenRenew } from '../contract/auth.js';
import type { RouteTable } from '../http/route-table.js';
import { actorOf } from './middleware.js';
import type { AuthPolicy } from './policy.js';
import { liveTokens } from './token-repo.js';
import { mintToken, renewOwnToken, revokeOwnToken } from './token-service.js';
import { idParam } from '../contract/common.js';

const STEP_UP = {
  400: { description: 'The password is not the account’s current one (it counts as a failed sign-in)' },
  429: { description: 'Too many wrong passwords: the sign-in throttle refuses (Retry-After)' },
};

/** Personal API tokens: the rules (step-up, audit) are in token-service.ts. */
export function tokenRoutes(table: RouteTable, db: Database, policy: AuthPolicy): void {
  const knex = db.knex;
  const tokenId = z.object({ id: idParam('must be a token id') }).strict();
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
      res.json(await liveTokens(knex, req.auth!.user.id));
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
      res.status(201).json(await mintToken(knex, actorOf(req), req.auth!.user.id, body, policy));
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
      res.json(await renewOwnToken(knex, actorOf(req), req.auth!.user.id, params.id, body, policy));
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
      await revokeOwnToken(knex, actorOf(req), req.auth!.user.id, params.id);
      res.status(204).end();
    },
  );
}
