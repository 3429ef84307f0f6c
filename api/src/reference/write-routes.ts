import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { actorOf } from '../auth/middleware.js';
import { code } from '../contract/common.js';
import { agency, agencyCreate, agencyPatch, category, categoryCreate, categoryPatch } from '../contract/reference.js';
import type { RouteTable } from '../http/route-table.js';
import { IF_MATCH_REQUIRED, ifMatch, sendVersioned, withCurrentOnStale } from '../http/if-match.js';
import { codeRow } from './repo.js';
import { addCodeRow, changeCodeRow, getCodeRow } from './service.js';

const codeParams = z.object({ code }).strict();

/**
 * Administrators add, rename and retire categories and agencies. Retiring (active: false) keeps
 * the history of the hotspots that use them intact; rows are never deleted. Every change is audited.
 * Each is versioned: a change sends back the ETag it edited in If-Match, so two administrators
 * editing one category cannot lose an edit (the second is told, 412, with the current one).
 */
export function referenceWriteRoutes(table: RouteTable, db: Database): void {
  const kinds = [
    { table: 'categories', entity: 'category', create: categoryCreate, patch: categoryPatch, schema: category },
    { table: 'agencies', entity: 'agency', create: agencyCreate, patch: agencyPatch, schema: agency },
  ] as const;
  for (const kind of kinds) {
    const rows = { table: kind.table, entity: kind.entity, columns: Object.keys(kind.schema.shape) };
    table.add(
      {
        method: 'post',
        path: `/${kind.table}`,
        summary: `Add a ${kind.entity}`,
        tags: ['reference'],
        access: ['admin'],
        body: kind.create as z.ZodType,
        responses: { 201: { description: 'Added', schema: kind.schema }, 409: { description: 'The code is taken' } },
      },
      async ({ body }, req, res) => {
        const row = await addCodeRow(db.knex, actorOf(req), rows, body as { code: string });
        sendVersioned(res, row as { version: number }, 201);
      },
    );
    table.add(
      {
        method: 'get',
        path: `/${kind.table}/:code`,
        summary: `One ${kind.entity}, with its version as the ETag (send it back in If-Match to change it)`,
        tags: ['reference'],
        access: 'signed_in',
        params: codeParams,
        responses: { 200: { description: `The ${kind.entity}`, schema: kind.schema } },
      },
      async ({ params }, _req, res) => {
        res.setHeader('Cache-Control', 'no-store');
        sendVersioned(res, await getCodeRow(db.knex, rows, params.code));
      },
    );
    table.add(
      {
        method: 'patch',
        path: `/${kind.table}/:code`,
        summary: `Rename, recolour or retire a ${kind.entity}`,
        tags: ['reference'],
        access: ['admin'],
        params: codeParams,
        body: kind.patch as z.ZodType,
        responses: { 200: { description: 'Changed', schema: kind.schema }, ...IF_MATCH_REQUIRED },
      },
      async ({ params, body }, req, res) => {
        const expected = ifMatch(req, true);
        let row: Record<string, unknown> = {};
        await withCurrentOnStale(
          async () => {
            row = await changeCodeRow(db.knex, actorOf(req), rows, {
              code: params.code,
              patch: body as object,
              expected,
            });
          },
          () => codeRow(db.knex, kind.table, params.code, rows.columns),
        );
        sendVersioned(res, row as { version: number });
      },
    );
  }
}
