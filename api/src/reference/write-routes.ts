import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { actorOf } from '../auth/middleware.js';
import { code } from '../contract/common.js';
import { agency, agencyCreate, agencyPatch, category, categoryCreate, categoryPatch } from '../contract/reference.js';
import type { RouteTable } from '../http/route-table.js';
import { addCodeRow, changeCodeRow } from './service.js';

const codeParams = z.object({ code }).strict();

/**
 * Administrators add, rename and retire categories and agencies. Retiring (active: false) keeps
 * the history of the hotspots that use them intact; rows are never deleted. Every change is audited.
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
        res.status(201).json(row);
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
        responses: { 200: { description: 'Changed', schema: kind.schema } },
      },
      async ({ params, body }, req, res) => {
        const row = await changeCodeRow(db.knex, actorOf(req), rows, params.code, body as object);
        res.json(row);
      },
    );
  }
}
