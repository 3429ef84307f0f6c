import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { createUser } from '../accounts/create-user.js';
import { hashPassword, passwordProblem } from '../accounts/passwords.js';
import { auditAs } from '../accounts/repo.js';
import { endUserSessions } from '../auth/repo.js';
import { actorOf } from '../auth/middleware.js';
import { userCreate, userInfo, userPatch } from '../contract/auth.js';
import { DomainError, invalid } from '../errors.js';
import type { RouteTable } from '../http/route-table.js';

const userId = z.object({ id: z.coerce.number({ error: 'must be a user id' }).int().positive() }).strict();

function userQuery(db: Database) {
  return db
    .knex('users as u')
    .leftJoin('agencies as ag', 'ag.id', 'u.agency_id')
    .select(
      'u.id',
      'u.login',
      'u.full_name',
      'u.role',
      'ag.code as agency',
      'u.language',
      'u.active',
      db.knex.raw(`to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`),
    );
}

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
      res.json(await userQuery(db).orderBy('u.login'));
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
      res.status(201).json(await userQuery(db).where('u.id', id).first());
    },
  );
  table.add(
    {
      method: 'patch',
      path: '/users/:id',
      summary: 'Change an account: name, role, agency, language, active',
      tags: ['accounts'],
      access: admin,
      params: userId,
      body: userPatch,
      responses: { 200: { description: 'The account', schema: userInfo } },
    },
    async ({ params, body }, req, res) => {
      const actor = actorOf(req);
      await knex.transaction(async (trx) => {
        const before = await userQuery(db).transacting(trx).where('u.id', params.id).first();
        if (!before) throw new DomainError('not_found', `There is no account ${params.id}.`);
        const { agency, password, ...columns } = body;
        const update: Record<string, unknown> = { ...columns, updated_at: trx.fn.now() };
        if (password !== undefined) {
          const problem = passwordProblem(password, [before.login, ...String(before.full_name).split(/\s+/)]);
          if (problem) throw invalid('password', problem);
          update.password_hash = await hashPassword(password);
        }
        if (agency !== undefined) {
          const found = agency ? await trx('agencies').where({ code: agency }).first('id') : null;
          if (agency && !found) throw invalid('agency', `has an unknown code: ${agency}`);
          update.agency_id = found ? (found as { id: number }).id : null;
        }
        await trx('users').where({ id: params.id }).update(update);
        // A deactivated account, or one whose role changed, must not keep its old sessions.
        if (body.active === false || body.role || password !== undefined) await endUserSessions(trx, params.id);
        await auditAs(trx, actor, {
          action: 'user.update',
          entity: 'user',
          entity_id: String(params.id),
          before,
          after: { ...body, password: password === undefined ? undefined : '(changed)' },
        });
      });
      res.json(await userQuery(db).where('u.id', params.id).first());
    },
  );
  table.add(
    {
      method: 'post',
      path: '/users/:id/end-sessions',
      summary: 'End every session of an account',
      tags: ['accounts'],
      access: admin,
      params: userId,
      responses: { 200: { description: 'How many sessions ended', schema: z.object({ ended: z.number().int() }) } },
    },
    async ({ params }, req, res) => {
      const actor = actorOf(req);
      const ended = await knex.transaction(async (trx) => {
        const count = await endUserSessions(trx, params.id);
        await auditAs(trx, actor, {
          action: 'user.end_sessions',
          entity: 'user',
          entity_id: String(params.id),
          after: { ended: count },
        });
        return count;
      });
      res.json({ ended });
    },
  );
}
