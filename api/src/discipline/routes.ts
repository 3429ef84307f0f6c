import { z } from 'zod';
import { actorOf } from '../auth/middleware.js';
import { viewerOf } from '../auth/visibility.js';
import {
  disciplineQuery,
  disciplineReport,
  disciplineXlsxQuery,
  yearSummary,
  yearSummaryQuery,
} from '../contract/meeting-reports.js';
import { XLSX_CONTENT_TYPE } from '../http/media-types.js';
import type { RouteDeps } from '../http/route-deps.js';
import type { RouteTable } from '../http/route-table.js';
import { agencyNames } from './repo.js';
import { disciplineReport as buildDiscipline, yearSummary as buildYearSummary } from './service.js';
import { writeDisciplineWorkbook } from './xlsx.js';

/**
 * Reports over meetings and instructions: executive discipline (as JSON and as a workbook) and the
 * year in figures. Everyone signed in reads; what is about confidential hotspots is counted in the
 * totals and itemised only for those who may see it (and for an agency, its own parts).
 */
export function disciplineRoutes(table: RouteTable, deps: RouteDeps): void {
  const knex = deps.db.knex;

  table.add(
    {
      method: 'get',
      path: '/discipline',
      summary:
        'Executive discipline for a period: per agency given, done on time, done late, overdue, pending; and the overdue list',
      tags: ['instructions'],
      access: 'signed_in',
      query: disciplineQuery,
      responses: { 200: { description: 'The report', schema: disciplineReport } },
    },
    async ({ query }, req, res) => {
      res.json(await buildDiscipline(knex, query, deps.today(), viewerOf(req), actorOf(req).agencyId));
    },
  );

  table.add(
    {
      method: 'get',
      path: '/discipline.xlsx',
      summary:
        'The executive discipline report as an Excel workbook (summary sheet and overdue sheet), in kk, ru or en',
      tags: ['instructions', 'exports'],
      access: 'signed_in',
      query: disciplineXlsxQuery,
      responses: {
        200: {
          description: 'The workbook, as an attachment',
          schema: z.string().meta({ description: 'Office Open XML workbook (binary)' }),
          contentType: XLSX_CONTENT_TYPE,
        },
      },
    },
    async ({ query }, req, res) => {
      const { lang, ...filters } = query;
      // Everything that can be refused is read before the first byte, so it still gets a problem+json answer.
      const report = await buildDiscipline(knex, filters, deps.today(), viewerOf(req), actorOf(req).agencyId);
      await writeDisciplineWorkbook(res, report, lang, await agencyNames(knex, lang));
    },
  );

  table.add(
    {
      method: 'get',
      path: '/summary/year',
      summary: 'The year in figures: meetings held by kind, hotspots entered and resolved, instructions given and done',
      tags: ['statistics'],
      access: 'signed_in',
      query: yearSummaryQuery,
      responses: { 200: { description: 'The summary', schema: yearSummary } },
    },
    async ({ query }, _req, res) => {
      const today = deps.today();
      res.json(await buildYearSummary(knex, query.year ?? Number(today.slice(0, 4)), today));
    },
  );
}
