import { serialize } from 'cookie';
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { hashPassword, passwordProblem, verifyPassword } from '../accounts/passwords.js';
import { auditAs } from '../accounts/repo.js';
import {
  mePatch,
  sessionResponse,
  signInRequest,
  tokenCreate,
  tokenCreated,
  tokenInfo,
  currentUser,
  passwordChange,
} from '../contract/auth.js';
import { DomainError, invalid } from '../errors.js';
import type { RouteTable } from '../http/route-table.js';
import { actorOf, SESSION_COOKIE } from './middleware.js';
import type { AuthPolicy } from './policy.js';
import { signIn, signOut } from './service.js';
import { newApiToken, sha256 } from './tokens.js';

function sessionCookie(req: Request, value: string, maxAgeSeconds: number): string {
  return serialize(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: maxAgeSeconds,
  });
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : (value as string | null));

export function authRoutes(table: RouteTable, db: Database, policy: AuthPolicy): void {
  const knex = db.knex;
  table.add(
    {
      method: 'post',
      path: '/session',
      summary: 'Sign in with a login and password; sets an HttpOnly session cookie',
      tags: ['accounts'],
      access: 'public',
      body: signInRequest,
      responses: {
        200: { description: 'Signed in', schema: sessionResponse },
        401: { description: 'Wrong login or password' },
        429: { description: 'Locked after repeated failures' },
      },
    },
    async ({ body }, req, res) => {
      const session = await signIn(
        knex,
        { ...body, ip: req.ip ?? 'unknown', userAgent: req.get('User-Agent') ?? null },
        policy,
      );
      res.setHeader('Set-Cookie', sessionCookie(req, session.token, policy.absoluteHours * 3600));
      res.json({ user: session.user, csrf_token: session.csrfToken, expires_at: session.expiresAt.toISOString() });
    },
  );
  table.add(
    {
      method: 'get',
      path: '/session',
      summary: 'Who is signed in, and the token to send as X-CSRF-Token with changes',
      tags: ['accounts'],
      access: 'signed_in',
      responses: { 200: { description: 'The current session', schema: sessionResponse } },
    },
    (_input, req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json({ user: req.auth?.user, csrf_token: req.auth?.csrfToken ?? '' });
    },
  );
  table.add(
    {
      method: 'delete',
      path: '/session',
      summary: 'Sign out: ends the session on the server',
      tags: ['accounts'],
      access: 'signed_in',
      responses: { 204: { description: 'Signed out' } },
    },
    async (_input, req, res) => {
      if (req.auth?.tokenHash) await signOut(knex, req.auth.tokenHash, req.auth.user, req.ip ?? 'unknown');
      res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
      res.status(204).end();
    },
  );
  table.add(
    {
      method: 'patch',
      path: '/me',
      summary: 'Change your own preferences (language)',
      tags: ['accounts'],
      access: 'signed_in',
      body: mePatch,
      responses: { 200: { description: 'You', schema: currentUser } },
    },
    async ({ body }, req, res) => {
      const user = req.auth!.user;
      await knex.transaction(async (trx) => {
        await trx('users').where({ id: user.id }).update({ language: body.language, updated_at: trx.fn.now() });
        const actor = actorOf(req);
        await auditAs(trx, actor, {
          action: 'user.update',
          entity: 'user',
          entity_id: String(user.id),
          before: { language: user.language },
          after: body,
        });
      });
      res.json({ ...user, language: body.language });
    },
  );
  table.add(
    {
      method: 'post',
      path: '/me/password',
      summary: 'Change your own password; your other sessions end',
      tags: ['accounts'],
      access: 'signed_in',
      body: passwordChange,
      responses: { 204: { description: 'Changed' } },
    },
    async ({ body }, req, res) => {
      const user = req.auth!.user;
      const stored = await knex('users').where({ id: user.id }).first('password_hash');
      if (!stored || !(await verifyPassword(stored.password_hash, body.current_password))) {
        throw invalid('current_password', 'is not your current password');
      }
      const problem = passwordProblem(body.new_password, [user.login, ...user.full_name.split(/\s+/)]);
      if (problem) throw invalid('new_password', problem);
      const hash = await hashPassword(body.new_password);
      const actor = actorOf(req);
      await knex.transaction(async (trx) => {
        await trx('users').where({ id: user.id }).update({ password_hash: hash, updated_at: trx.fn.now() });
        // Whoever may have learnt the old password loses the sessions it opened.
        await trx('sessions')
          .where({ user_id: user.id })
          .whereNull('ended_at')
          .whereNot('token_hash', req.auth?.tokenHash ?? '')
          .update({ ended_at: trx.fn.now() });
        await auditAs(trx, actor, { action: 'user.password_change', entity: 'user', entity_id: String(user.id) });
      });
      res.status(204).end();
    },
  );
  tokenRoutes(table, db);
}

function tokenRoutes(table: RouteTable, db: Database): void {
  const knex = db.knex;
  const tokenId = z.object({ id: z.coerce.number({ error: 'must be a token id' }).int().positive() }).strict();
  const columns = ['id', 'name', 'prefix', 'created_at', 'last_used_at'];
  const shape = (row: Record<string, unknown>) => ({
    ...row,
    created_at: iso(row.created_at),
    last_used_at: iso(row.last_used_at),
  });
  table.add(
    {
      method: 'get',
      path: '/me/tokens',
      summary: 'Your API tokens (never the secrets)',
      tags: ['accounts'],
      access: 'signed_in',
      responses: { 200: { description: 'Tokens', schema: z.array(tokenInfo) } },
    },
    async (_input, req, res) => {
      const rows = await knex('api_tokens')
        .where({ user_id: req.auth!.user.id })
        .whereNull('revoked_at')
        .orderBy('id')
        .select(columns);
      res.json(rows.map(shape));
    },
  );
  table.add(
    {
      method: 'post',
      path: '/me/tokens',
      summary: 'Create an API token for QGIS, GDAL or scripts; the secret is shown only in this answer',
      tags: ['accounts'],
      access: 'signed_in',
      body: tokenCreate,
      responses: { 201: { description: 'The token, with its secret', schema: tokenCreated } },
    },
    async ({ body }, req, res) => {
      const { token, prefix } = newApiToken();
      const actor = actorOf(req);
      const row = await knex.transaction(async (trx) => {
        const [created] = await trx('api_tokens')
          .insert({ user_id: actor.userId, name: body.name, token_hash: sha256(token), prefix })
          .returning(columns);
        await auditAs(trx, actor, {
          action: 'token.create',
          entity: 'api_token',
          entity_id: String(created.id),
          after: { name: body.name, prefix },
        });
        return created as Record<string, unknown>;
      });
      res.status(201).json({ ...shape(row), token });
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
        const revoked = await trx('api_tokens')
          .where({ id: params.id, user_id: actor.userId })
          .whereNull('revoked_at')
          .update({ revoked_at: trx.fn.now() });
        if (!revoked) throw new DomainError('not_found', `You have no live token ${params.id}.`);
        await auditAs(trx, actor, { action: 'token.revoke', entity: 'api_token', entity_id: String(params.id) });
      });
      res.status(204).end();
    },
  );
}

export type { Response };
