import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { createUser } from '../accounts/create-user.js';
import { actorOf } from '../auth/middleware.js';
import { endSessions, endSessionsResult, userCreate, userInfo, userPatch } from '../contract/auth.js';
import type { RouteTable } from '../http/route-table.js';
import { allUsers, userById } from './repo.js';
import * as service from './service.js';
import { idParam } from '../contract/common.js';

const userId = z.object({ id: idParam('must be a user id') }).strict();

/** Administrators manage accounts; every change is audited with before and after. */
export function userRoutes(table: RouteTable, db: Database): void {
  const knex = db.knex;
  const admin = ['admin'] as const;
  table.add(
    {
      method: 'get',
      path: '/users',
      summary: 'All accounts',
      tags: ['accounts'],
      access: admin,
      responses: { 200: { description: 'Accounts', schema: z.array(userInfo) } },
    },
    async (_input, _req, res) => {
      res.json(await allUsers(knex));
    },
  );
  table.add(
    {
      method: 'post',
      path: '/users',
      summary: 'Create an account',
      tags: ['accounts'],
      access: admin,
      body: userCreate,
      responses: { 201: { description: 'Created', schema: userInfo } },
    },
    async ({ body }, req, res) => {
      const actor = actorOf(req);
      const id = await createUser(knex, body, { actor: actor.name, user_id: actor.userId, ip: actor.ip });
      res.status(201).json(await userById(knex, id));
    },
  );
  table.add(
    {
      method: 'patch',
      path: '/users/:id',
      summary: 'Change an account: name, role, agency, language, active, password (a reset)',
      tags: ['accounts'],
      access: admin,
      params: userId,
      body: userPatch,
      responses: { 200: { description: 'The account', schema: userInfo } },
    },
    async ({ params, body }, req, res) => {
      await service.patchUser(knex, params.id, body, actorOf(req));
      res.json(await userById(knex, params.id));
    },
  );
  table.add(
    {
      method: 'post',
      path: '/users/:id/end-sessions',
      summary: 'End every session of an account and (unless revoke_tokens is false) revoke its API tokens',
      tags: ['accounts'],
      access: admin,
      params: userId,
      body: endSessions,
      responses: {
        200: { description: 'How many sessions ended and tokens were revoked', schema: endSessionsResult },
      },
    },
    async ({ params, body }, req, res) => {
      res.json(await service.endSessions(knex, params.id, { revokeTokens: body.revoke_tokens }, actorOf(req)));
    },
  );
}
