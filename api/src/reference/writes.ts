import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { auditAs } from '../accounts/repo.js';
import { actorOf } from '../auth/middleware.js';
import { code } from '../contract/common.js';
import { agency, agencyCreate, agencyPatch, category, categoryCreate, categoryPatch } from '../contract/reference.js';
import { DomainError } from '../errors.js';
import type { RouteTable } from '../http/route-table.js';

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
    const columns = Object.keys(kind.schema.shape);
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
        const actor = actorOf(req);
        const row = await db.knex.transaction(async (trx) => {
          if (
            await trx(kind.table)
              .where({ code: (body as { code: string }).code })
              .first('id')
          ) {
            throw new DomainError('conflict', `The code ${(body as { code: string }).code} is taken.`);
          }
          const [created] = await trx(kind.table).insert(body).returning(columns);
          await auditAs(trx, actor, {
            action: `${kind.entity}.create`,
            entity: kind.entity,
            entity_id: (body as { code: string }).code,
            after: created,
          });
          return created;
        });
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
        const actor = actorOf(req);
        const row = await db.knex.transaction(async (trx) => {
          const before = await trx(kind.table).where({ code: params.code }).first(columns);
          if (!before) throw new DomainError('not_found', `There is no ${kind.entity} ${params.code}.`);
          const [after] = await trx(kind.table)
            .where({ code: params.code })
            .update({ ...(body as object), updated_at: trx.fn.now() })
            .returning(columns);
          await auditAs(trx, actor, {
            action: `${kind.entity}.update`,
            entity: kind.entity,
            entity_id: params.code,
            before,
            after,
          });
          return after;
        });
        res.json(row);
      },
    );
  }
}
