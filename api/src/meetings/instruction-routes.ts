import type { Request } from 'express';
import type { Knex } from 'knex';
import { actorOf } from '../auth/middleware.js';
import { hidesConfidential } from '../auth/visibility.js';
import { assignmentListQuery } from '../contract/meeting-reports.js';
import {
  acceptRequest,
  assignment,
  assignmentList,
  instructionCreate,
  instructionDetail,
  instructionPatch,
  reportRequest,
  returnRequest,
  type InstructionDetail,
} from '../contract/meetings.js';
import { notFound } from '../errors.js';
import type { RouteTable } from '../http/route-table.js';
import { inSnapshot } from '../http/snapshot.js';
import { changeAssignment, type AssignmentChange } from './assignments.js';
import { assignmentJson, historyOf, listAssignments } from './assignments-repo.js';
import {
  assignmentParams,
  EDITORS,
  IF_MATCH_REQUIRED,
  ifMatch,
  instructionParams,
  meetingParams,
  REPORTERS,
  sendVersioned,
  VERSIONED,
  withCurrentOnStale,
} from './http.js';
import { createInstruction, deleteInstruction, updateInstruction } from './instructions.js';
import { instructionsOf } from './repo.js';
import { resolveAssignmentFilters } from './reports.js';
import type { MeetingRouteDeps } from './routes.js';

/** One instruction with its parts, the meeting that gave it and what happened; undefined when hidden or absent. */
async function readInstruction(
  knex: Knex,
  id: number,
  today: string,
  hide: boolean,
): Promise<InstructionDetail | undefined> {
  const [found] = await instructionsOf(knex, { instructionId: id }, today, hide);
  if (!found) return undefined;
  const [meeting, history] = await Promise.all([
    knex('meetings').where({ id: found.meeting_id }).first('id', 'held_on', 'kind', 'title'),
    historyOf(knex, id),
  ]);
  return { ...found, meeting, history };
}

export function instructionRoutes(table: RouteTable, deps: MeetingRouteDeps): void {
  const knex = deps.db.knex;
  const detail = {
    description: 'The instruction with its agencies’ parts and their history',
    schema: instructionDetail,
  };
  // The instruction, its parts and their history from one snapshot, so the version (ETag) names this body.
  const current = (req: Request, id: number) =>
    inSnapshot(knex, (trx) => readInstruction(trx, id, deps.today(), hidesConfidential(req)));
  const sendInstruction = async (req: Request, res: Parameters<typeof sendVersioned>[0], id: number, status = 200) => {
    const found = await current(req, id);
    if (!found) throw notFound(`Instruction ${id}`);
    sendVersioned(res, found, status);
  };

  table.add(
    {
      method: 'post',
      path: '/meetings/:id/instructions',
      summary: 'Give an instruction at a meeting: text, deadline, one or more agencies, optional hotspot',
      tags: ['instructions'],
      access: EDITORS,
      params: meetingParams,
      body: instructionCreate,
      responses: { 201: detail },
    },
    async ({ params, body }, req, res) => {
      const id = await createInstruction(knex, actorOf(req), params.id, body);
      res.setHeader('Location', `/api/instructions/${id}`);
      await sendInstruction(req, res, id, 201);
    },
  );

  table.add(
    {
      method: 'get',
      path: '/instructions',
      summary:
        'Agencies’ parts of instructions (one item per instruction × agency), earliest deadline first; mine=true for "my tasks"',
      tags: ['instructions'],
      access: 'signed_in',
      query: assignmentListQuery,
      responses: { 200: { description: 'A page of parts', schema: assignmentList } },
    },
    async ({ query }, req, res) => {
      const { limit, offset, ...rest } = query;
      const filters = await resolveAssignmentFilters(knex, rest, actorOf(req), hidesConfidential(req));
      res.json(await listAssignments(knex, filters, deps.today(), { limit, offset }));
    },
  );

  table.add(
    {
      method: 'get',
      path: '/instructions/:id',
      summary: 'One instruction with its agencies’ parts and their history; ETag is its version',
      tags: ['instructions'],
      access: 'signed_in',
      params: instructionParams,
      responses: { 200: detail },
    },
    ({ params }, req, res) => sendInstruction(req, res, params.id),
  );

  table.add(
    {
      method: 'patch',
      path: '/instructions/:id',
      summary: 'Edit an instruction’s text, deadline or hotspot; If-Match required',
      tags: ['instructions'],
      access: EDITORS,
      params: instructionParams,
      body: instructionPatch,
      responses: { 200: detail, ...IF_MATCH_REQUIRED },
    },
    async ({ params, body }, req, res) => {
      const expected = ifMatch(req, true);
      await withCurrentOnStale(
        () => updateInstruction(knex, actorOf(req), params.id, expected, body),
        () => current(req, params.id),
      );
      await sendInstruction(req, res, params.id);
    },
  );

  table.add(
    {
      method: 'delete',
      path: '/instructions/:id',
      summary: 'Delete an instruction (soft: kept for the record, dropped from lists and counts)',
      tags: ['instructions'],
      access: EDITORS,
      params: instructionParams,
      responses: { 204: { description: 'Deleted' }, ...VERSIONED },
    },
    async ({ params }, req, res) => {
      const expected = ifMatch(req, false);
      await withCurrentOnStale(
        () => deleteInstruction(knex, actorOf(req), params.id, expected),
        () => current(req, params.id),
      );
      res.status(204).end();
    },
  );

  const steps = [
    {
      action: 'report',
      body: reportRequest,
      access: REPORTERS,
      summary: 'The agency reports what it did (akimat staff for their own agency; the prosecutor’s office for any)',
    },
    {
      action: 'accept',
      body: acceptRequest,
      access: EDITORS,
      summary: 'The secretary accepts the report: this agency’s part is done',
    },
    {
      action: 'return',
      body: returnRequest,
      access: EDITORS,
      summary: 'The secretary returns the report with a note: the part is assigned again',
    },
  ] as const;
  for (const step of steps) {
    table.add(
      {
        method: 'post',
        path: `/instructions/:id/assignments/:agency/${step.action}`,
        summary: `${step.summary}; If-Match (the part’s version) optional`,
        tags: ['instructions'],
        access: step.access,
        params: assignmentParams,
        body: step.body,
        responses: {
          200: { description: 'The agency’s part; ETag is its version', schema: assignment },
          409: { description: 'Not possible from the part’s status' },
          ...VERSIONED,
        },
      },
      async ({ params, body }, req, res) => {
        const expected = ifMatch(req, false);
        const today = deps.today();
        const target = { instructionId: params.id, agency: params.agency };
        let agencyId = 0;
        await withCurrentOnStale(
          async () => {
            const change = { action: step.action, ...body } as AssignmentChange;
            agencyId = await changeAssignment(knex, actorOf(req), target, expected, change, today);
          },
          async () => (await current(req, params.id))?.assignments.find((part) => part.agency === params.agency),
        );
        sendVersioned(res, (await assignmentJson(knex, params.id, agencyId, today)) as { version: number });
      },
    );
  }
}
