import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { signInLock } from '../contract/auth.js';
import type { RouteTable } from '../http/route-table.js';
import { actorOf } from './middleware.js';
import type { AuthPolicy } from './policy.js';
import { clearSignInLock, limits, windowSeconds } from './throttle.js';
import { openCounters } from './throttle-repo.js';
import { idParam } from '../contract/common.js';

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
      params: z.object({ id: idParam('must be a lock id') }).strict(),
      responses: { 204: { description: 'Cleared' } },
    },
    async ({ params }, req, res) => {
      await clearSignInLock(knex, actorOf(req), params.id);
      res.status(204).end();
    },
  );
}
