import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { auditQuery, auditRow } from '../contract/audit.js';
import type { RouteTable } from '../http/route-table.js';
import { viewerOf } from '../auth/visibility.js';
import { auditRows } from './repo.js';

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
    async ({ query }, req, res) => {
      res.json(await auditRows(db.knex, viewerOf(req), query));
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
    async ({ query }, req, res) => {
      const rows = await auditRows(db.knex, viewerOf(req), query);
      const columns = [
        'id',
        'at',
        'user_id',
        'actor',
        'ip',
        'action',
        'entity',
        'entity_id',
        'hotspot_reference',
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
