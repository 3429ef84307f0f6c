import type { Request } from 'express';
import { actorOf } from '../auth/middleware.js';
import { EDITORS } from '../auth/roles.js';
import { viewerOf } from '../auth/visibility.js';
import { meetingListQuery } from '../contract/meeting-reports.js';
import {
  agendaItem,
  agendaItemCreate,
  agendaItemPatch,
  hotspotMeetings,
  meetingCreate,
  meetingDetail,
  meetingList,
  meetingPatch,
} from '../contract/meetings.js';
import { idempotencyHeaders, idempotencyKeyOf, IDEMPOTENCY_KEY } from '../contract/idempotency.js';
import { notFound } from '../errors.js';
import { KEY_REUSED, madeBy } from '../http/idempotency.js';
import {
  IF_MATCH_REQUIRED,
  ifMatch,
  sendVersioned,
  sendVersionedWhole,
  VERSIONED,
  withCurrentOnStale,
} from '../http/if-match.js';
import type { RouteDeps } from '../http/route-deps.js';
import type { RouteTable } from '../http/route-table.js';
import { keyOf, once } from '../idempotency/once.js';
import { addAgendaItem, deleteAgendaItem, updateAgendaItem } from './agenda.js';
import { hotspotParams, itemParams, meetingParams } from './params.js';
import { agendaOf, hotspotMeetings as readHotspotMeetings, meetingDetail as readMeeting } from './repo.js';
import { createMeeting, deleteMeeting, listMeetings, updateMeeting } from './service.js';

/**
 * Meetings and their agendas, and the meetings about a hotspot. Everyone signed in reads (what is
 * about a confidential hotspot only if they may see those); the prosecutor's office and
 * administrators write. Instructions given at a meeting are in instructions/, the reports over
 * them in discipline/.
 */
export function meetingRoutes(table: RouteTable, deps: RouteDeps): void {
  const knex = deps.db.knex;
  const detail = { description: 'The meeting with its agenda and instructions', schema: meetingDetail };
  const item = { description: 'The agenda item; ETag is its version', schema: agendaItem };
  const current = (req: Request, id: number) => readMeeting(knex, viewerOf(req), id, deps.today());
  const sendMeeting = async (req: Request, res: Parameters<typeof sendVersioned>[0], id: number, status = 200) => {
    const meeting = await current(req, id);
    if (!meeting) throw notFound(`Meeting ${id}`);
    sendVersionedWhole(res, meeting, status);
  };
  const currentItem = async (req: Request, meetingId: number, itemId: number) =>
    (await agendaOf(knex, viewerOf(req), meetingId, itemId))[0];

  table.add(
    {
      method: 'get',
      path: '/meetings',
      summary: 'Meetings, newest first; filters from, to, kind, hotspot (discussed or instructed about)',
      tags: ['meetings'],
      access: 'signed_in',
      query: meetingListQuery,
      responses: { 200: { description: 'A page of meetings', schema: meetingList } },
    },
    async ({ query }, req, res) => {
      res.json(await listMeetings(knex, viewerOf(req), query));
    },
  );

  table.add(
    {
      method: 'get',
      path: '/meetings/:id',
      summary:
        'One meeting with its agenda and instructions; ETag is the meeting’s version (for If-Match) with a hash of the whole answer, which also shows hotspots’ titles and statuses and today’s deadlines',
      tags: ['meetings'],
      access: 'signed_in',
      params: meetingParams,
      responses: { 200: detail },
    },
    ({ params }, req, res) => sendMeeting(req, res, params.id),
  );

  table.add(
    {
      method: 'post',
      path: '/meetings',
      summary: 'Create a meeting, optionally with its agenda; an Idempotency-Key makes retrying it safe',
      tags: ['meetings'],
      access: EDITORS,
      body: meetingCreate,
      headers: idempotencyHeaders,
      responses: { 201: detail, ...KEY_REUSED },
    },
    async ({ body, headers }, req, res) => {
      const actor = actorOf(req);
      const key = keyOf(actor.userId, idempotencyKeyOf(headers[IDEMPOTENCY_KEY]), 'meeting', body);
      const outcome = await once(knex, key, async (trx) => String(await createMeeting(trx, actor, body)));
      const id = Number(madeBy(res, outcome));
      res.setHeader('Location', `/api/meetings/${id}`);
      await sendMeeting(req, res, id, 201);
    },
  );

  table.add(
    {
      method: 'patch',
      path: '/meetings/:id',
      summary: 'Edit a meeting (date, kind, title, chair, agencies, minutes); If-Match required',
      tags: ['meetings'],
      access: EDITORS,
      params: meetingParams,
      body: meetingPatch,
      responses: { 200: detail, ...IF_MATCH_REQUIRED },
    },
    async ({ params, body }, req, res) => {
      const expected = ifMatch(req, true);
      await withCurrentOnStale(
        () => updateMeeting(knex, actorOf(req), params.id, expected, body),
        () => current(req, params.id),
      );
      await sendMeeting(req, res, params.id);
    },
  );

  table.add(
    {
      method: 'delete',
      path: '/meetings/:id',
      summary: 'Delete a meeting with its agenda and instructions (soft: kept for the record)',
      tags: ['meetings'],
      access: EDITORS,
      params: meetingParams,
      responses: { 204: { description: 'Deleted' }, ...VERSIONED },
    },
    async ({ params }, req, res) => {
      const expected = ifMatch(req, false);
      await withCurrentOnStale(
        () => deleteMeeting(knex, actorOf(req), params.id, expected),
        () => current(req, params.id),
      );
      res.status(204).end();
    },
  );

  table.add(
    {
      method: 'post',
      path: '/meetings/:id/agenda',
      summary:
        'Add an agenda item (a hotspot or a topic), at the end or at a position; an Idempotency-Key makes retrying it safe',
      tags: ['meetings'],
      access: EDITORS,
      params: meetingParams,
      body: agendaItemCreate,
      headers: idempotencyHeaders,
      responses: { 201: item, ...KEY_REUSED },
    },
    async ({ params, body, headers }, req, res) => {
      const actor = actorOf(req);
      const key = keyOf(actor.userId, idempotencyKeyOf(headers[IDEMPOTENCY_KEY]), `agenda ${params.id}`, body);
      const outcome = await once(knex, key, async (trx) => String(await addAgendaItem(trx, actor, params.id, body)));
      const itemId = Number(madeBy(res, outcome));
      sendVersioned(res, (await currentItem(req, params.id, itemId)) as { version: number }, 201);
    },
  );

  table.add(
    {
      method: 'patch',
      path: '/meetings/:id/agenda/:itemId',
      summary: 'Edit or move an agenda item; If-Match (the item’s version) required',
      tags: ['meetings'],
      access: EDITORS,
      params: itemParams,
      body: agendaItemPatch,
      responses: { 200: item, ...IF_MATCH_REQUIRED },
    },
    async ({ params, body }, req, res) => {
      const expected = ifMatch(req, true);
      await withCurrentOnStale(
        () => updateAgendaItem(knex, actorOf(req), params.id, params.itemId, expected, body),
        () => currentItem(req, params.id, params.itemId),
      );
      sendVersioned(res, (await currentItem(req, params.id, params.itemId)) as { version: number });
    },
  );

  table.add(
    {
      method: 'delete',
      path: '/meetings/:id/agenda/:itemId',
      summary: 'Remove an agenda item (instructions given under it stay)',
      tags: ['meetings'],
      access: EDITORS,
      params: itemParams,
      responses: { 204: { description: 'Removed' }, ...VERSIONED },
    },
    async ({ params }, req, res) => {
      const expected = ifMatch(req, false);
      await withCurrentOnStale(
        () => deleteAgendaItem(knex, actorOf(req), params.id, params.itemId, expected),
        () => currentItem(req, params.id, params.itemId),
      );
      res.status(204).end();
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
      const found = await readHotspotMeetings(knex, viewerOf(req), params.id, deps.today());
      // The same 404 as GET /hotspots/:id: deleted, absent and hidden hotspots read alike.
      if (!found) throw notFound(`Hotspot ${params.id}`);
      res.json(found);
    },
  );
}
