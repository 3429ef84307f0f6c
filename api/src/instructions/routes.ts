import type { Request } from 'express';
import { actorOf } from '../auth/middleware.js';
import { EDITORS, WORKERS } from '../auth/roles.js';
import { viewerOf } from '../auth/visibility.js';
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
import { keyOf, once, type Outcome } from '../idempotency/once.js';
import { meetingParams } from '../meetings/params.js';
import { changeAssignment, type AssignmentChange } from './assignments.js';
import { assignmentJson } from './assignments-repo.js';
import { assignmentPage } from './filters.js';
import { assignmentParams, instructionParams } from './params.js';
import { instructionDetail as readInstruction } from './repo.js';
import { createInstruction, deleteInstruction, updateInstruction } from './service.js';

/**
 * Instructions given at meetings, and agencies' parts of them: everyone signed in reads (what is
 * about a confidential hotspot only if they may see those, but always their own agency's part);
 * the prosecutor's office and administrators give, edit, accept and return; akimat staff report
 * on their own agency's parts.
 */
export function instructionRoutes(table: RouteTable, deps: RouteDeps): void {
  const knex = deps.db.knex;
  const detail = {
    description: 'The instruction with its agencies’ parts and their history',
    schema: instructionDetail,
  };
  // An agency's staff also read an instruction about a hotspot they may not open when their agency
  // has a part of it: without the hotspot, with their own part only (instructions/repo.ts).
  const current = (req: Request, id: number) =>
    readInstruction(knex, viewerOf(req), id, deps.today(), actorOf(req).agencyId);
  const sendInstruction = async (req: Request, res: Parameters<typeof sendVersioned>[0], id: number, status = 200) => {
    const found = await current(req, id);
    if (!found) throw notFound(`Instruction ${id}`);
    sendVersionedWhole(res, found, status);
  };

  table.add(
    {
      method: 'post',
      path: '/meetings/:id/instructions',
      summary:
        'Give an instruction at a meeting: text, deadline, one or more agencies, optional hotspot; an Idempotency-Key makes retrying it safe',
      tags: ['instructions'],
      access: EDITORS,
      params: meetingParams,
      body: instructionCreate,
      headers: idempotencyHeaders,
      responses: { 201: detail, ...KEY_REUSED },
    },
    async ({ params, body, headers }, req, res) => {
      const actor = actorOf(req);
      const key = keyOf(actor.userId, idempotencyKeyOf(headers[IDEMPOTENCY_KEY]), `instruction ${params.id}`, body);
      const outcome = await once(knex, key, async (trx) =>
        String(await createInstruction(trx, actor, params.id, body)),
      );
      const id = Number(madeBy(res, outcome));
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
      res.json(await assignmentPage(knex, query, actorOf(req), deps.today()));
    },
  );

  table.add(
    {
      method: 'get',
      path: '/instructions/:id',
      summary:
        'One instruction with its agencies’ parts and their history; ETag is its version (for If-Match) with a hash of the whole answer',
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
      access: WORKERS,
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
        // A repeat after a lost answer is answered with the part as the first made it, not a 409.
        headers: idempotencyHeaders,
        responses: {
          200: { description: 'The agency’s part; ETag is its version', schema: assignment },
          409: { description: 'Not possible from the part’s status' },
          ...VERSIONED,
          ...KEY_REUSED,
        },
      },
      async ({ params, body, headers }, req, res) => {
        const expected = ifMatch(req, false);
        const today = deps.today();
        const actor = actorOf(req);
        const target = { instructionId: params.id, agency: params.agency };
        const operation = `${step.action} ${params.id} ${params.agency}`;
        const key = keyOf(actor.userId, idempotencyKeyOf(headers[IDEMPOTENCY_KEY]), operation, body);
        let outcome: Outcome = { kind: 'key_reused' };
        await withCurrentOnStale(
          async () => {
            const change = { action: step.action, ...body } as AssignmentChange;
            outcome = await once(knex, key, async (trx) =>
              String(await changeAssignment(trx, actor, target, expected, change, today)),
            );
          },
          async () => (await current(req, params.id))?.assignments.find((part) => part.agency === params.agency),
        );
        const agencyId = Number(madeBy(res, outcome));
        sendVersioned(res, (await assignmentJson(knex, params.id, agencyId, today)) as { version: number });
      },
    );
  }
}
