import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { actorOf } from '../auth/middleware.js';
import { resetFactor } from '../auth/mfa-service.js';
import type { RouteTable } from '../http/route-table.js';
import { idParam } from '../contract/common.js';

const userId = z.object({ id: idParam('must be a user id') }).strict();

/** An administrator resets a person's lost second factor (audited); the person enrols again at sign-in. */
export function userMfaRoutes(table: RouteTable, db: Database): void {
  table.add(
    {
      method: 'post',
      path: '/users/:id/mfa/reset',
      summary: 'Reset an account’s second factor: it and its recovery codes go, its sessions end',
      tags: ['accounts'],
      access: ['admin'],
      params: userId,
      responses: {
        200: {
          description: 'What was removed and how many sessions ended',
          schema: z.object({ factor_removed: z.boolean(), sessions_ended: z.number().int() }),
        },
        404: { description: 'No such account' },
      },
    },
    async ({ params }, req, res) => {
      res.json(await resetFactor(db.knex, params.id, actorOf(req)));
    },
  );
}
