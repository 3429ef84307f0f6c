import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { isoDate, limitParam } from '../contract/common.js';
import type { RouteTable } from '../http/route-table.js';
import { utc } from '../sql/time.js';

const auditQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    action: z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]+)?$/, 'must be an action such as hotspot.update or hotspot')
      .optional(),
    entity: z.string().max(40).optional(),
    entity_id: z.string().max(100).optional(),
    user: z.coerce.number().int().positive().optional(),
    limit: limitParam(1000, 100),
    before_id: z.coerce.number().int().positive().optional().meta({ description: 'page: rows older than this id' }),
  })
  .strict();

const auditRow = z
  .object({
    id: z.number(),
    at: z.string(),
    user_id: z.number().nullable(),
    actor: z.string(),
    ip: z.string().nullable(),
    action: z.string(),
    entity: z.string().nullable(),
    entity_id: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });

function auditRows(db: Database, query: z.infer<typeof auditQuery>) {
  const rows = db
    .knex('audit_log as a')
    .select(
      'a.id',
      db.knex.raw(`${utc('a.at')} AS at`),
      'a.user_id',
      'a.actor',
      'a.ip',
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.before',
      'a.after',
    );
  if (query.from) rows.where('a.at', '>=', query.from);
  if (query.to) rows.whereRaw('a.at < ?::date + 1', [query.to]);
  if (query.action)
    rows.where((q) => q.where('a.action', query.action as string).orWhere('a.action', 'like', `${query.action}.%`));
  if (query.entity) rows.where('a.entity', query.entity);
  if (query.entity_id) rows.where('a.entity_id', query.entity_id);
  if (query.user) rows.where('a.user_id', query.user);
  if (query.before_id) rows.where('a.id', '<', query.before_id);
  return rows.orderBy('a.id', 'desc').limit(query.limit);
}

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** The audit trail, newest first, for administrators and prosecutor's staff; also as CSV. */
export function auditRoutes(table: RouteTable, db: Database): void {
  const access = ['admin', 'prosecutor'] as const;
  table.add(
    {
      method: 'get',
      path: '/audit',
      summary: 'Audit trail: who did what, when, from where, with before and after',
      tags: ['audit'],
      access,
      query: auditQuery,
      responses: { 200: { description: 'Entries, newest first', schema: z.array(auditRow) } },
    },
    async ({ query }, _req, res) => {
      res.json(await auditRows(db, query));
    },
  );
  table.add(
    {
      method: 'get',
      path: '/audit.csv',
      summary: 'The audit trail as CSV (UTF-8 with BOM, opens in Excel)',
      tags: ['audit'],
      access,
      query: auditQuery,
      responses: { 200: { description: 'CSV', contentType: 'text/csv' } },
    },
    async ({ query }, _req, res) => {
      const rows = await auditRows(db, query);
      const columns = [
        'id',
        'at',
        'user_id',
        'actor',
        'ip',
        'action',
        'entity',
        'entity_id',
        'before',
        'after',
      ] as const;
      const lines = rows.map((row: Record<string, unknown>) => columns.map((c) => csvCell(row[c])).join(','));
      res
        .type('text/csv; charset=utf-8')
        .attachment('oshaq-audit.csv')
        .send(`\uFEFF${columns.join(',')}\r\n${lines.join('\r\n')}\r\n`);
    },
  );
}
