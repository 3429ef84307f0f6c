import { z } from 'zod';
import { actorOf } from '../auth/middleware.js';
import { hidesConfidential } from '../auth/visibility.js';
import {
  disciplineQuery,
  disciplineReport,
  disciplineXlsxQuery,
  yearSummary,
  yearSummaryQuery,
} from '../contract/meeting-reports.js';
import { hotspotMeetings } from '../contract/meetings.js';
import { notFound } from '../errors.js';
import { XLSX_CONTENT_TYPE } from '../http/media-types.js';
import type { RouteTable } from '../http/route-table.js';
import { listAssignments } from './assignments-repo.js';
import { hotspotParams } from './http.js';
import { agencyNames, hotspotOnMap, meetingsAbout } from './repo.js';
import { disciplineReport as buildDiscipline, yearSummary as buildYearSummary } from './reports.js';
import type { MeetingRouteDeps } from './routes.js';
import { writeDisciplineWorkbook } from './xlsx.js';

export function reportRoutes(table: RouteTable, deps: MeetingRouteDeps): void {
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
      res.json(await buildDiscipline(knex, query, deps.today(), hidesConfidential(req), actorOf(req).agencyId));
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
      const report = await buildDiscipline(knex, filters, deps.today(), hidesConfidential(req), actorOf(req).agencyId);
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

  table.add(
    {
      method: 'get',
      path: '/hotspots/:id/meetings',
      summary: 'Meetings that discussed a hotspot, and its instructions not yet done',
      tags: ['meetings', 'hotspots'],
      access: 'signed_in',
      params: hotspotParams,
      responses: { 200: { description: 'Meetings and open instructions', schema: hotspotMeetings } },
    },
    async ({ params }, req, res) => {
      const hide = hidesConfidential(req);
      // The same 404 as GET /hotspots/:id: deleted, absent and hidden hotspots read alike.
      if (!(await hotspotOnMap(knex, params.id, hide))) throw notFound(`Hotspot ${params.id}`);
      const today = deps.today();
      const [meetings, open] = await Promise.all([
        meetingsAbout(knex, params.id),
        listAssignments(knex, { hotspot: params.id, status: ['assigned', 'reported'], hide }, today),
      ]);
      res.json({ meetings, open_instructions: open.items });
    },
  );
}
