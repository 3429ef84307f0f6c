import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { auditAs } from '../accounts/repo.js';
import { signInLock } from '../contract/auth.js';
import { DomainError } from '../errors.js';
import type { RouteTable } from '../http/route-table.js';
import { actorOf } from './middleware.js';
import type { AuthPolicy } from './policy.js';
import { limits, windowSeconds } from './throttle.js';
import { counterById, deleteCounter, openCounters } from './throttle-repo.js';

/** Administrators see who is being throttled at sign-in and may lift a block (audited). */
export function signInLockRoutes(table: RouteTable, db: Database, policy: AuthPolicy): void {
  const knex = db.knex;
  table.add(
    {
      method: 'get',
      path: '/sign-in-locks',
      summary: 'Sign-in counters with an open window: which login, which address, failures, since, until',
      tags: ['accounts'],
      access: ['admin'],
      responses: { 200: { description: 'Counters, blocked ones first (at most 500)', schema: z.array(signInLock) } },
    },
    async (_input, _req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await openCounters(knex, windowSeconds(policy), limits(policy)));
    },
  );
  table.add(
    {
      method: 'delete',
      path: '/sign-in-locks/:id',
      summary: 'Clear one sign-in counter, lifting its block',
      tags: ['accounts'],
      access: ['admin'],
      params: z.object({ id: z.coerce.number({ error: 'must be a lock id' }).int().positive() }).strict(),
      responses: { 204: { description: 'Cleared' } },
    },
    async ({ params }, req, res) => {
      await knex.transaction(async (trx) => {
        const counter = await counterById(trx, params.id);
        if (!counter) throw new DomainError('not_found', `There is no sign-in lock ${params.id} (it may have ended).`);
        await deleteCounter(trx, params.id);
        await auditAs(trx, actorOf(req), {
          action: 'sign_in_lock.clear',
          entity: 'sign_in_lock',
          entity_id: String(params.id),
          before: {
            scope: counter.scope,
            login: counter.login || null,
            ip: counter.ip || null,
            failures: counter.failures,
          },
        });
      });
      res.status(204).end();
    },
  );
}
