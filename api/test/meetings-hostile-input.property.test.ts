import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import {
  disciplineQuery,
  disciplineXlsxQuery,
  meetingListQuery,
  assignmentListQuery,
  yearSummaryQuery,
} from '../src/contract/meeting-reports.js';
import {
  acceptRequest,
  agendaItemCreate,
  agendaItemPatch,
  instructionCreate,
  instructionPatch,
  meetingCreate,
  meetingPatch,
  reportRequest,
  returnRequest,
} from '../src/contract/meetings.js';
import { code } from '../src/contract/common.js';
import { assignmentParams, instructionParams } from '../src/instructions/params.js';
import { hotspotParams, itemParams, meetingParams } from '../src/meetings/params.js';
import { createAccount } from './accounts.js';
import {
  encodeQuery,
  garbageIfMatch,
  hostileString,
  isoDay,
  percentEncode,
  plusDays,
  queryPairs,
  randomJson,
  type QueryPairs,
} from './arbitraries.js';
import {
  agendaItemBody,
  agendaPatchBody,
  disciplineQueryValues,
  hostileAgencyCode,
  hostileIntegerId,
  instructionQueryValues,
  instructionPatchBody,
  invalidPeriod,
  meetingPatchBody,
  meetingQueryValues,
  mutatedInstructionBody,
  mutatedMeetingBody,
  refusedInstruction,
  stepBody,
  validInstructionBody,
  validMeetingBody,
  validPeriodPairs,
  yearValue,
  type MeetingRef,
  type StepAction,
} from './meeting-arbitraries.js';
import {
  asDecoded,
  asSent,
  blamed,
  capturingLogger,
  contractAccepts,
  describeReply,
  expectProblem,
  sender,
  serverQuery,
  succeededOrProblem,
  type Reply,
} from './problem-assertions.js';
import { startApp, type RunningApp } from './support.js';

/*
 * Property-based tests of the meetings API (issue 7): random and hostile input thrown at the
 * meetings, agendas, instructions, reports on them, the discipline report and the year summary
 * must get a 4xx problem+json (RFC 9457) a person can act on, or a 2xx where the input is valid —
 * never a 500. Where the contract (the zod schemas) refuses an input the answer is exactly 400,
 * and a refused write leaves meetings, agendas, instructions, their parts, their history and the
 * audit trail untouched.
 */

const { logger, logged } = capturingLogger();
const today = () => isoDay(new Date());
const listUrl = (path: string, pairs: QueryPairs) => `${path}${pairs.length ? `?${encodeQuery(pairs)}` : ''}`;
/** A 400 the contract did not foresee must still name its field, and only one of these. */
const subsetOf = (reply: Reply, fields: string[]) =>
  expect(
    blamed(reply).length > 0 && blamed(reply).every((field) => fields.includes(field)),
    `blamed ${blamed(reply).join(', ')}, expected among ${fields.join(', ')}\n${describeReply(reply)}`,
  ).toBe(true);

interface State {
  meetings: number;
  meeting_agencies: number;
  agenda_items: number;
  instructions: number;
  assignments: number;
  events: number;
  audit: number;
  meeting_versions: string;
  item_versions: string;
  instruction_versions: string;
  assignment_versions: string;
}

describeOnEachDatabase(
  'meetings under hostile input: 4xx problem+json, never a 500, refused writes write nothing',
  (db) => {
    let app: RunningApp;
    const send = sender(() => app.url, logged);
    const ref: MeetingRef = { agencies: [], hotspots: [] };
    let category: string;

    /** Row counts of everything a meeting write touches, and sums that change when a row is edited. */
    async function state() {
      const { rows } = await db().knex.raw<{ rows: Record<string, unknown>[] }>(`SELECT
      (SELECT count(*) FROM meetings)::int AS meetings,
      (SELECT count(*) FROM meeting_agencies)::int AS meeting_agencies,
      (SELECT count(*) FROM agenda_items)::int AS agenda_items,
      (SELECT count(*) FROM instructions)::int AS instructions,
      (SELECT count(*) FROM instruction_assignments)::int AS assignments,
      (SELECT count(*) FROM assignment_events)::int AS events,
      (SELECT count(*) FROM audit_log)::int AS audit,
      (SELECT coalesce(sum(version), 0) || '/' || count(deleted_at) || '/' || coalesce(max(updated_at)::text, '')
         FROM meetings) AS meeting_versions,
      (SELECT coalesce(sum(version), 0) || '/' || coalesce(sum(position), 0) FROM agenda_items) AS item_versions,
      (SELECT coalesce(sum(version), 0) || '/' || count(deleted_at) FROM instructions) AS instruction_versions,
      (SELECT coalesce(sum(version), 0) || '/' || coalesce(string_agg(status, ',' ORDER BY instruction_id, agency_id), '')
         FROM instruction_assignments) AS assignment_versions`);
      return rows[0] as unknown as State;
    }
    const counts = (s: State) => ({
      meetings: s.meetings,
      meeting_agencies: s.meeting_agencies,
      agenda_items: s.agenda_items,
      instructions: s.instructions,
      assignments: s.assignments,
      events: s.events,
      audit: s.audit,
    });

    async function createMeeting(body: Record<string, unknown>): Promise<Reply> {
      const reply = await send('POST', '/api/meetings', { json: body });
      expect(reply.status, describeReply(reply)).toBe(201);
      return reply;
    }
    const meetingAt = (heldOn: string, extra: Record<string, unknown> = {}) =>
      createMeeting({
        held_on: heldOn,
        kind: 'interagency_prosecutor',
        title: 'Ведомствоаралық кеңес',
        agencies: ref.agencies.slice(0, 2),
        ...extra,
      });
    async function giveInstruction(meetingId: number, body: Record<string, unknown>): Promise<Reply> {
      const reply = await send('POST', `/api/meetings/${meetingId}/instructions`, { json: body });
      expect(reply.status, describeReply(reply)).toBe(201);
      return reply;
    }

    // The meeting most tests aim at: held 20 days ago, a topic and a hotspot on its agenda, one instruction.
    let base: { meeting: number; heldOn: string; topicItem: number; hotspotItem: number; instruction: number };
    let assigned: [string, string];

    beforeAll(async () => {
      const prosecutor = await createAccount(db().knex, 'prosecutor');
      app = await startApp(db(), { logger, timeZone: 'UTC' }, { defaultToken: prosecutor.token });
      const agencies = (await send('GET', '/api/agencies')).json as { code: string; active: boolean }[];
      const categories = (await send('GET', '/api/categories')).json as { code: string; active: boolean }[];
      ref.agencies = agencies.filter((a) => a.active).map((a) => a.code);
      category = categories.find((c) => c.active)!.code;
      expect(ref.agencies.length).toBeGreaterThan(3);
      for (const title of ['Су жоқ', 'Жалақы қарызы', 'Жер дауы']) {
        const reply = await send('POST', '/api/hotspots', {
          json: {
            title,
            category,
            severity: 'high',
            geometry: { type: 'Point', coordinates: [68.27, 43.3] },
            registered_on: plusDays(today(), -60),
            // Registration requires who answers for it and by when (issue 13).
            agency: ref.agencies[0],
            due_on: plusDays(today(), 300),
          },
        });
        expect(reply.status, describeReply(reply)).toBe(201);
        ref.hotspots.push(reply.json.id as string);
      }
      assigned = [ref.agencies[0]!, ref.agencies[1]!];
      const heldOn = plusDays(today(), -20);
      const meeting = await meetingAt(heldOn, {
        agenda: [{ topic: 'Жылу маусымы' }, { hotspot_id: ref.hotspots[0] }],
      });
      const instruction = await giveInstruction(meeting.json.id, {
        text: 'Су беруді қалпына келтіру',
        due_on: plusDays(today(), 10),
        agencies: assigned,
      });
      base = {
        meeting: meeting.json.id,
        heldOn,
        topicItem: meeting.json.agenda[0].id,
        hotspotItem: meeting.json.agenda[1].id,
        instruction: instruction.json.id,
      };
    }, 60_000);
    afterAll(() => app?.close());

    describe('hostile path ids', () => {
      it('answers an id that is not a meeting, agenda item or instruction id with 400, and a well-formed unknown one with 404, on every route', async () => {
        type Route = {
          method: string;
          path: (id: string) => string;
          schema: 'meeting' | 'item' | 'instruction';
          json?: object;
        };
        const routes: Route[] = [
          { method: 'GET', path: (id) => `/api/meetings/${id}`, schema: 'meeting' },
          { method: 'PATCH', path: (id) => `/api/meetings/${id}`, schema: 'meeting', json: { title: 'Жаңа' } },
          { method: 'DELETE', path: (id) => `/api/meetings/${id}`, schema: 'meeting' },
          { method: 'POST', path: (id) => `/api/meetings/${id}/agenda`, schema: 'meeting', json: { topic: 'Т' } },
          {
            method: 'PATCH',
            path: (id) => `/api/meetings/${id}/agenda/${base.topicItem}`,
            schema: 'meeting',
            json: { notes: 'x' },
          },
          {
            method: 'PATCH',
            path: (id) => `/api/meetings/${base.meeting}/agenda/${id}`,
            schema: 'item',
            json: { notes: 'x' },
          },
          { method: 'DELETE', path: (id) => `/api/meetings/${base.meeting}/agenda/${id}`, schema: 'item' },
          {
            method: 'POST',
            path: (id) => `/api/meetings/${id}/instructions`,
            schema: 'meeting',
            json: { text: 'Т', due_on: '2199-01-01', agencies: [ref.agencies[0]] },
          },
          { method: 'GET', path: (id) => `/api/instructions/${id}`, schema: 'instruction' },
          { method: 'PATCH', path: (id) => `/api/instructions/${id}`, schema: 'instruction', json: { text: 'Т' } },
          { method: 'DELETE', path: (id) => `/api/instructions/${id}`, schema: 'instruction' },
          ...(['report', 'accept', 'return'] as const).map((action) => ({
            method: 'POST',
            path: (id: string) => `/api/instructions/${id}/assignments/${assigned[0]}/${action}`,
            schema: 'instruction' as const,
            json: action === 'report' ? { report: 'Жасалды' } : action === 'return' ? { note: 'Жеткіліксіз' } : {},
          })),
        ];
        const parses = (schema: Route['schema'], id: string) => {
          if (schema === 'meeting') return meetingParams.safeParse({ id });
          if (schema === 'item') return itemParams.safeParse({ id: String(base.meeting), itemId: id });
          return instructionParams.safeParse({ id });
        };
        const before = await state();
        await fc.assert(
          fc.asyncProperty(
            hostileIntegerId,
            fc.constantFrom(...routes),
            fc.boolean(),
            async (id, route, withIfMatch) => {
              const decoded = asDecoded(id);
              const parsed = parses(route.schema, decoded);
              // A small well-formed id may name a row of this test: that is not hostile input.
              fc.pre(!parsed.success || Number(decoded) >= 100_000_000);
              const reply = await send(route.method, route.path(percentEncode(id)), {
                json: route.json,
                headers: withIfMatch || route.method === 'PATCH' ? { 'If-Match': '"v1"' } : {},
              });
              expectProblem(reply, parsed.success ? 404 : 400);
            },
          ),
          { numRuns: 60 },
        );
        expect(await state()).toEqual(before);
      });

      it('answers GET /api/hotspots/{id}/meetings with 200 for a hotspot, 404 for an unknown UUID, 400 for what is not one', async () => {
        const id = fc.oneof(
          fc.constantFrom(...ref.hotspots),
          fc.uuid(),
          fc.uuid().map((u) => u.toUpperCase()),
          fc.uuid().map((u) => `${u}0`),
          fc.integer().map(String),
          hostileString.filter((s) => s !== '' && s !== '.' && s !== '..'),
        );
        await fc.assert(
          fc.asyncProperty(id, async (value) => {
            const reply = await send('GET', `/api/hotspots/${percentEncode(value)}/meetings`);
            const decoded = asDecoded(value);
            if (ref.hotspots.includes(decoded)) {
              expect(reply.status, describeReply(reply)).toBe(200);
              expect(Array.isArray(reply.json.meetings)).toBe(true);
            } else expectProblem(reply, hotspotParams.safeParse({ id: decoded }).success ? 404 : 400);
          }),
          { numRuns: 40 },
        );
      });

      it('answers a report, accept or return for an agency that is not a code (400) or not assigned (404), writing nothing', async () => {
        const agency = hostileAgencyCode.filter((a) => a !== '' && a !== '.' && a !== '..' && !assigned.includes(a));
        const before = await state();
        await fc.assert(
          fc.asyncProperty(agency, fc.constantFrom('report', 'accept', 'return'), async (value, action) => {
            const json = action === 'report' ? { report: 'Жасалды' } : action === 'return' ? { note: 'Жоқ' } : {};
            const reply = await send(
              'POST',
              `/api/instructions/${base.instruction}/assignments/${percentEncode(value)}/${action}`,
              { json },
            );
            expectProblem(reply, code.safeParse(asDecoded(value)).success ? 404 : 400);
          }),
          { numRuns: 40 },
        );
        expect(assignmentParams.safeParse({ id: '1', agency: assigned[0] }).success).toBe(true);
        expect(await state()).toEqual(before);
      });
    });

    describe('POST /api/meetings', () => {
      it('creates any valid meeting with a 201, one meeting row, its agencies, its agenda and an audit row for each', async () => {
        await fc.assert(
          fc.asyncProperty(validMeetingBody(ref), async (body) => {
            const before = counts(await state());
            const reply = await send('POST', '/api/meetings', { json: body });
            expect(reply.status, describeReply(reply)).toBe(201);
            expect(reply.headers.get('etag')).toMatch(/^"v1-[0-9a-f]{16}"$/);
            const agenda = (body as { agenda?: unknown[] }).agenda ?? [];
            const agencies = (body as { agencies?: string[] }).agencies ?? [];
            expect(reply.json).toMatchObject({ held_on: body.held_on, kind: body.kind, title: body.title.trim() });
            expect(reply.json.agenda).toHaveLength(agenda.length);
            expect(counts(await state())).toEqual({
              ...before,
              meetings: before.meetings + 1,
              meeting_agencies: before.meeting_agencies + agencies.length,
              agenda_items: before.agenda_items + agenda.length,
              audit: before.audit + 1 + agenda.length,
            });
          }),
          { numRuns: 25 },
        );
      });

      it('answers random JSON and mutated valid meetings with 201 or a 4xx (400 when the contract refuses), writing all or nothing', async () => {
        const bodies = fc.oneof(randomJson, mutatedMeetingBody(ref));
        await fc.assert(
          fc.asyncProperty(bodies, async (value) => {
            const before = await state();
            const reply = await send('POST', '/api/meetings', { json: value });
            const accepted = contractAccepts(meetingCreate, asSent(value));
            if (!accepted) expectProblem(reply, 400);
            if (succeededOrProblem(reply)) {
              expect(reply.status).toBe(201);
              expect((await state()).meetings).toBe(before.meetings + 1);
            } else {
              // What the contract lets through may still name an unknown agency or hotspot, or a bad position.
              expect(reply.status, describeReply(reply)).toBe(400);
              if (accepted)
                expect(
                  blamed(reply).every((f) => f === 'agencies' || /^agenda\.\d+\.(hotspot_id|position)$/.test(f)),
                  describeReply(reply),
                ).toBe(true);
              expect(await state()).toEqual(before);
            }
          }),
          { numRuns: 60 },
        );
      });
    });

    describe('PATCH and DELETE /api/meetings/{id}', () => {
      let target: { id: number; heldOn: string };
      beforeAll(async () => {
        const heldOn = plusDays(today(), -20);
        const meeting = await meetingAt(heldOn);
        // Its deadline bounds the meeting's date: moving the meeting after it must be refused.
        await giveInstruction(meeting.json.id, { text: 'Тексеру', due_on: plusDays(today(), -5), agencies: assigned });
        target = { id: meeting.json.id, heldOn };
      });
      const version = async () => (await send('GET', `/api/meetings/${target.id}`)).json.version as number;

      it('asks for If-Match (428), refuses a garbage one (400) and a stale one (412 with the current meeting), changing nothing', async () => {
        const before = await state();
        const current = await version();
        expectProblem(await send('PATCH', `/api/meetings/${target.id}`, { json: { title: 'Жаңа' } }), 428);
        await fc.assert(
          fc.asyncProperty(garbageIfMatch, fc.constantFrom('PATCH', 'DELETE'), async (ifMatch, method) => {
            const reply = await send(method, `/api/meetings/${target.id}`, {
              json: method === 'PATCH' ? { title: 'Жаңа' } : undefined,
              headers: { 'If-Match': ifMatch },
            });
            expectProblem(reply, 400);
            expect(blamed(reply)).toEqual(['If-Match']);
          }),
          { numRuns: 30 },
        );
        await fc.assert(
          fc.asyncProperty(
            fc.integer({ min: 1, max: 999_999_999 }).filter((v) => v !== current),
            fc.boolean(),
            fc.constantFrom('PATCH', 'DELETE'),
            async (stale, weak, method) => {
              const reply = await send(method, `/api/meetings/${target.id}`, {
                json: method === 'PATCH' ? { title: 'Жаңа' } : undefined,
                headers: { 'If-Match': `${weak ? 'W/' : ''}"v${stale}"` },
              });
              expectProblem(reply, 412);
              expect(reply.json.current, describeReply(reply)).toMatchObject({ id: target.id, version: current });
            },
          ),
          { numRuns: 20 },
        );
        expect(await state()).toEqual(before);
      });

      it('answers random edits with 400 when the contract refuses them, 200 otherwise or a 400 naming the date or agencies, and a refusal changes nothing', async () => {
        await fc.assert(
          fc.asyncProperty(fc.oneof(randomJson, meetingPatchBody(ref, target.heldOn)), async (value) => {
            const before = await state();
            const current = await version();
            const reply = await send('PATCH', `/api/meetings/${target.id}`, {
              json: value,
              headers: { 'If-Match': `"v${current}"` },
            });
            const accepted = contractAccepts(meetingPatch, asSent(value));
            if (!accepted) expectProblem(reply, 400);
            if (succeededOrProblem(reply)) {
              expect(reply.status).toBe(200);
              expect([current, current + 1]).toContain(reply.json.version);
              expect(reply.headers.get('etag')).toMatch(new RegExp(`^"v${reply.json.version}-[0-9a-f]{16}"$`));
            } else {
              expect(reply.status, describeReply(reply)).toBe(400);
              if (accepted) subsetOf(reply, ['held_on', 'agencies']);
              expect(await state()).toEqual(before);
            }
          }),
          { numRuns: 50 },
        );
      });

      it('refuses to move the meeting after the deadline of an instruction given at it', async () => {
        const before = await state();
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: -4, max: 400 }), async (days) => {
            const reply = await send('PATCH', `/api/meetings/${target.id}`, {
              json: { held_on: plusDays(today(), days) },
              headers: { 'If-Match': `"v${await version()}"` },
            });
            expectProblem(reply, 400);
            expect(blamed(reply)).toEqual(['held_on']);
          }),
          { numRuns: 20 },
        );
        expect(await state()).toEqual(before);
      });
    });

    describe('agenda items', () => {
      let meeting: number;
      let item: number;
      beforeAll(async () => {
        const created = await meetingAt(plusDays(today(), -3), { agenda: [{ topic: 'Бірінші' }, { topic: 'Екінші' }] });
        meeting = created.json.id;
        item = created.json.agenda[0].id;
      });

      it('adds an item (201, one row, one audit row) or refuses with 400 — exactly when the contract refuses, or naming the hotspot or position — writing nothing', async () => {
        await fc.assert(
          fc.asyncProperty(agendaItemBody(ref), async (value) => {
            const before = await state();
            const reply = await send('POST', `/api/meetings/${meeting}/agenda`, { json: value });
            const accepted = contractAccepts(agendaItemCreate, asSent(value));
            if (!accepted) expectProblem(reply, 400);
            if (succeededOrProblem(reply)) {
              expect(reply.status).toBe(201);
              expect(counts(await state())).toEqual({
                ...counts(before),
                agenda_items: before.agenda_items + 1,
                audit: before.audit + 1,
              });
            } else {
              expect(reply.status, describeReply(reply)).toBe(400);
              if (accepted) subsetOf(reply, ['hotspot_id', 'position']);
              expect(await state()).toEqual(before);
            }
          }),
          { numRuns: 50 },
        );
      });

      it('edits an item with the right If-Match (200, one audit row) or refuses with 400 (exactly when the contract refuses), changing nothing', async () => {
        await fc.assert(
          fc.asyncProperty(agendaPatchBody(ref), async (value) => {
            const before = await state();
            const current = (await send('GET', `/api/meetings/${meeting}`)).json.agenda.find(
              (it: { id: number }) => it.id === item,
            ).version as number;
            const reply = await send('PATCH', `/api/meetings/${meeting}/agenda/${item}`, {
              json: value,
              headers: { 'If-Match': `"v${current}"` },
            });
            const accepted = contractAccepts(agendaItemPatch, asSent(value));
            if (!accepted) expectProblem(reply, 400);
            if (succeededOrProblem(reply)) {
              expect(reply.status).toBe(200);
              expect(reply.json.version).toBe(current + 1);
              expect((await state()).audit).toBe(before.audit + 1);
            } else {
              expect(reply.status, describeReply(reply)).toBe(400);
              if (accepted) subsetOf(reply, ['hotspot_id', 'topic', 'position']);
              expect(await state()).toEqual(before);
            }
          }),
          { numRuns: 40 },
        );
      });
    });

    describe('POST /api/meetings/{id}/instructions', () => {
      it('gives any valid instruction: 201, one instruction, one part per agency, one audit row', async () => {
        await fc.assert(
          fc.asyncProperty(validInstructionBody(ref, base.heldOn), async (body) => {
            const before = counts(await state());
            const reply = await send('POST', `/api/meetings/${base.meeting}/instructions`, { json: body });
            expect(reply.status, describeReply(reply)).toBe(201);
            expect(reply.headers.get('location')).toBe(`/api/instructions/${reply.json.id}`);
            expect(reply.json.assignments.map((a: { agency: string }) => a.agency)).toEqual([...body.agencies].sort());
            expect(counts(await state())).toEqual({
              ...before,
              instructions: before.instructions + 1,
              assignments: before.assignments + body.agencies.length,
              audit: before.audit + 1,
            });
          }),
          { numRuns: 25 },
        );
      });

      it('refuses a deadline before the meeting, unknown, repeated or no agencies, NUL, blank or over-long text, an unknown hotspot: 400 naming it, nothing written', async () => {
        await fc.assert(
          fc.asyncProperty(refusedInstruction(ref, base.heldOn), async ({ body, blame }) => {
            const before = await state();
            const reply = await send('POST', `/api/meetings/${base.meeting}/instructions`, { json: body });
            expectProblem(reply, 400);
            expect(blamed(reply), describeReply(reply)).toContain(blame);
            expect(await state()).toEqual(before);
          }),
          { numRuns: 50 },
        );
      });

      it('answers random and mutated instructions with 201 or 400 (exactly 400 when the contract refuses), writing all or nothing', async () => {
        const bodies = fc.oneof(randomJson, mutatedInstructionBody(ref, base.heldOn));
        await fc.assert(
          fc.asyncProperty(bodies, async (value) => {
            const before = await state();
            const reply = await send('POST', `/api/meetings/${base.meeting}/instructions`, { json: value });
            const accepted = contractAccepts(instructionCreate, asSent(value));
            if (!accepted) expectProblem(reply, 400);
            if (succeededOrProblem(reply)) {
              expect(reply.status).toBe(201);
              expect((await state()).instructions).toBe(before.instructions + 1);
            } else {
              expect(reply.status, describeReply(reply)).toBe(400);
              if (accepted) subsetOf(reply, ['due_on', 'agencies', 'hotspot_id', 'agenda_item_id']);
              expect(await state()).toEqual(before);
            }
          }),
          { numRuns: 50 },
        );
      });

      it('refuses an agenda item of another meeting, and a hotspot other than the item’s', async () => {
        const other = await meetingAt(base.heldOn, { agenda: [{ topic: 'Басқа' }] });
        const before = await state();
        const body = { text: 'Т', due_on: plusDays(base.heldOn, 5), agencies: [ref.agencies[0]] };
        const cases: [object, string][] = [
          [{ ...body, agenda_item_id: other.json.agenda[0].id }, 'agenda_item_id'],
          [{ ...body, agenda_item_id: 2147483647 }, 'agenda_item_id'],
          [{ ...body, agenda_item_id: base.hotspotItem, hotspot_id: ref.hotspots[1] }, 'hotspot_id'],
        ];
        for (const [json, field] of cases) {
          const reply = await send('POST', `/api/meetings/${base.meeting}/instructions`, { json });
          expectProblem(reply, 400);
          expect(blamed(reply)).toEqual([field]);
        }
        expect(await state()).toEqual(before);
      });
    });

    describe('PATCH and DELETE /api/instructions/{id}, DELETE agenda items', () => {
      let instruction: number;
      beforeAll(async () => {
        const given = await giveInstruction(base.meeting, {
          text: 'Өзгертілетін тапсырма',
          due_on: plusDays(today(), 5),
          agencies: assigned,
        });
        instruction = given.json.id;
      });
      const version = async () => (await send('GET', `/api/instructions/${instruction}`)).json.version as number;

      it('asks for If-Match (428), refuses a garbage one (400) and a stale one (412 with the current instruction or item), changing nothing', async () => {
        const before = await state();
        const current = await version();
        expectProblem(await send('PATCH', `/api/instructions/${instruction}`, { json: { text: 'Жаңа' } }), 428);
        expectProblem(
          await send('PATCH', `/api/meetings/${base.meeting}/agenda/${base.topicItem}`, { json: { notes: 'x' } }),
          428,
        );
        const targets = fc.constantFrom(
          { method: 'PATCH', path: () => `/api/instructions/${instruction}`, json: { text: 'Жаңа' } },
          { method: 'DELETE', path: () => `/api/instructions/${instruction}` },
          {
            method: 'PATCH',
            path: () => `/api/meetings/${base.meeting}/agenda/${base.topicItem}`,
            json: { notes: 'x' },
          },
          { method: 'DELETE', path: () => `/api/meetings/${base.meeting}/agenda/${base.topicItem}` },
        );
        await fc.assert(
          fc.asyncProperty(garbageIfMatch, targets, async (ifMatch, target) => {
            const reply = await send(target.method, target.path(), {
              json: target.json,
              headers: { 'If-Match': ifMatch },
            });
            expectProblem(reply, 400);
            expect(blamed(reply)).toEqual(['If-Match']);
          }),
          { numRuns: 30 },
        );
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: current + 1, max: 999_999_999 }), targets, async (stale, target) => {
            const reply = await send(target.method, target.path(), {
              json: target.json,
              headers: { 'If-Match': `"v${stale}"` },
            });
            expectProblem(reply, 412);
            expect(reply.json.current, describeReply(reply)).toBeTypeOf('object');
          }),
          { numRuns: 20 },
        );
        expect(await state()).toEqual(before);
      });

      it('answers random instruction edits with 400 when the contract refuses them, 200 otherwise or a 400 naming the deadline or hotspot, and a refusal changes nothing', async () => {
        await fc.assert(
          fc.asyncProperty(instructionPatchBody(ref, base.heldOn), async (value) => {
            const before = await state();
            const current = await version();
            const reply = await send('PATCH', `/api/instructions/${instruction}`, {
              json: value,
              headers: { 'If-Match': `"v${current}"` },
            });
            const accepted = contractAccepts(instructionPatch, asSent(value));
            if (!accepted) expectProblem(reply, 400);
            if (succeededOrProblem(reply)) {
              expect(reply.status).toBe(200);
              expect([current, current + 1]).toContain(reply.json.version);
            } else {
              expect(reply.status, describeReply(reply)).toBe(400);
              if (accepted) subsetOf(reply, ['due_on', 'hotspot_id']);
              expect(await state()).toEqual(before);
            }
          }),
          { numRuns: 40 },
        );
      });
    });

    describe('akimat staff', () => {
      it('report only for their own agency: another agency’s part is a 403, accept and return are a 403, and none of these writes', async () => {
        const akimat = await createAccount(db().knex, 'akimat', undefined, assigned[0]);
        const asAkimat = sender(() => app.url, logged, { Authorization: `Bearer ${akimat.token}` });
        const given = await giveInstruction(base.meeting, {
          text: 'Әкімдік есебі',
          due_on: plusDays(today(), 5),
          agencies: assigned,
        });
        const id = given.json.id as number;
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom('report', 'accept', 'return'),
            fc.constantFrom(...assigned),
            async (action, agency) => {
              fc.pre(!(action === 'report' && agency === assigned[0]));
              const before = await state();
              const json = action === 'report' ? { report: 'Жасалды' } : action === 'return' ? { note: 'Жоқ' } : {};
              const reply = await asAkimat('POST', `/api/instructions/${id}/assignments/${agency}/${action}`, { json });
              expectProblem(reply, 403);
              expect(await state()).toEqual(before);
            },
          ),
          { numRuns: 10 },
        );
        const own = await asAkimat('POST', `/api/instructions/${id}/assignments/${assigned[0]}/report`, {
          json: { report: 'Су берілді' },
        });
        expect(own.status, describeReply(own)).toBe(200);
      });
    });

    describe('reports on instructions: report, accept, return', () => {
      type Part = { status: 'assigned' | 'reported' | 'accepted'; version: number; reportedOn: string | null };
      const schemas = { report: reportRequest, accept: acceptRequest, return: returnRequest } as const;
      const NEXT: Record<StepAction, { from: Part['status'][]; to: Part['status'] }> = {
        report: { from: ['assigned', 'reported'], to: 'reported' },
        accept: { from: ['reported'], to: 'accepted' },
        return: { from: ['reported'], to: 'assigned' },
      };
      const step = fc.constantFrom<StepAction>('report', 'accept', 'return').chain((action) =>
        fc.record({
          action: fc.constant(action),
          body: stepBody(action),
          who: fc.constantFrom('a0', 'a0', 'a1', 'unassigned', 'malformed'),
          ifMatch: fc.oneof(
            { weight: 8, arbitrary: fc.constantFrom('none', 'none', 'current', 'current', 'star', 'stale') },
            { weight: 1, arbitrary: garbageIfMatch.map((value) => ({ garbage: value })) },
          ),
        }),
      );

      it('follows assigned → reported → accepted (or back): 409 from the wrong status, 404 for an agency not assigned, 400 for a bad date or body, 412 when stale — and only a 200 writes', async () => {
        const heldOn = plusDays(today(), -20);
        const meeting = (await meetingAt(heldOn)).json.id as number;
        const unassigned = ref.agencies.find((a) => !assigned.includes(a))!;
        await fc.assert(
          fc.asyncProperty(
            fc.integer({ min: -20, max: 10 }),
            fc.array(step, { minLength: 1, maxLength: 6 }),
            fc.constantFrom('zz', 'Police', 'a\u0000', 'x'.repeat(41), '1abc'),
            async (dueIn, steps, malformed) => {
              const given = await giveInstruction(meeting, {
                text: 'Есеп беру',
                due_on: plusDays(today(), dueIn),
                agencies: assigned,
              });
              const id = given.json.id as number;
              const parts: Record<string, Part> = {
                [assigned[0]]: { status: 'assigned', version: 1, reportedOn: null },
                [assigned[1]]: { status: 'assigned', version: 1, reportedOn: null },
              };
              for (const { action, body, who, ifMatch } of steps) {
                const agency =
                  who === 'a0'
                    ? assigned[0]
                    : who === 'a1'
                      ? assigned[1]
                      : who === 'unassigned'
                        ? unassigned
                        : malformed;
                const part = parts[agency];
                let json: unknown = body.body;
                if (body.kind === 'offset') {
                  const { on, ...rest } = body.body as { on?: number };
                  json = on === undefined ? rest : { ...rest, on: plusDays(today(), on) };
                }
                const headers: Record<string, string> = {};
                if (typeof ifMatch === 'object') headers['If-Match'] = ifMatch.garbage;
                else if (ifMatch === 'star') headers['If-Match'] = '*';
                else if (ifMatch === 'current') headers['If-Match'] = `"v${part?.version ?? 1}"`;
                else if (ifMatch === 'stale') headers['If-Match'] = `"v${(part?.version ?? 1) + 7}"`;

                // What the API must answer, in the order it checks.
                const parsed = schemas[action].safeParse(asSent(json));
                let expected: number;
                if (!code.safeParse(agency).success || !contractAccepts(schemas[action], asSent(json))) expected = 400;
                else if (typeof ifMatch === 'object') expected = 400;
                else if (!part) expected = 404;
                else if (ifMatch === 'stale') expected = 412;
                else if (!NEXT[action].from.includes(part.status)) expected = 409;
                else {
                  const on = (parsed.data as { on?: string }).on ?? today();
                  const early = action !== 'report' && part.reportedOn !== null && on < part.reportedOn;
                  expected = on > today() || on < heldOn || early ? 400 : 200;
                }

                const before = await state();
                const reply = await send(
                  'POST',
                  `/api/instructions/${id}/assignments/${percentEncode(agency)}/${action}`,
                  { json, headers },
                );
                if (expected === 200) {
                  expect(reply.status, describeReply(reply)).toBe(200);
                  const on = (parsed.data as { on?: string }).on ?? today();
                  part!.status = NEXT[action].to;
                  part!.version += 1;
                  if (action === 'report') part!.reportedOn = on;
                  if (action === 'return') part!.reportedOn = null;
                  expect(reply.json, describeReply(reply)).toMatchObject({
                    agency,
                    status: part!.status,
                    version: part!.version,
                    reported_on: part!.reportedOn,
                  });
                  expect(counts(await state())).toEqual({
                    ...counts(before),
                    events: before.events + 1,
                    audit: before.audit + 1,
                  });
                } else {
                  expectProblem(reply, expected);
                  if (expected === 412) expect(reply.json.current, describeReply(reply)).toMatchObject({ agency });
                  expect(await state()).toEqual(before);
                }
              }
            },
          ),
          { numRuns: 30 },
        );
      });
    });

    describe('GET lists and reports', () => {
      it('answers any mix of meeting list parameters with 200 or a 400 (exactly when the contract refuses, else naming the hotspot)', async () => {
        await fc.assert(
          fc.asyncProperty(queryPairs(meetingQueryValues(ref)), async (pairs) => {
            const path = listUrl('/api/meetings', pairs);
            const reply = await send('GET', path);
            if (!contractAccepts(meetingListQuery, serverQuery(path))) expectProblem(reply, 400);
            else if (succeededOrProblem(reply)) {
              expect(reply.status).toBe(200);
              expect(reply.json.total, describeReply(reply)).toBeGreaterThanOrEqual(reply.json.meetings.length);
            } else {
              expect(reply.status, describeReply(reply)).toBe(400);
              subsetOf(reply, ['hotspot']);
            }
          }),
          { numRuns: 60 },
        );
      });

      it('answers any mix of instruction list parameters with 200 or a 400 (exactly when the contract refuses, else naming agency, mine or hotspot)', async () => {
        await fc.assert(
          fc.asyncProperty(queryPairs(instructionQueryValues(ref)), async (pairs) => {
            const path = listUrl('/api/instructions', pairs);
            const reply = await send('GET', path);
            if (!contractAccepts(assignmentListQuery, serverQuery(path))) expectProblem(reply, 400);
            else if (succeededOrProblem(reply)) {
              expect(reply.status).toBe(200);
              expect(reply.json.total, describeReply(reply)).toBeGreaterThanOrEqual(reply.json.items.length);
            } else {
              expect(reply.status, describeReply(reply)).toBe(400);
              subsetOf(reply, ['agency', 'mine', 'hotspot']);
            }
          }),
          { numRuns: 60 },
        );
      });

      it('answers any mix of discipline parameters, JSON or XLSX, with 200 or a 400 (exactly when the contract refuses, else naming the agency)', async () => {
        const cases = fc
          .boolean()
          .chain((xlsx) => fc.tuple(fc.constant(xlsx), queryPairs(disciplineQueryValues(ref, xlsx), 4)));
        await fc.assert(
          fc.asyncProperty(cases, fc.option(validPeriodPairs, { nil: undefined }), async ([xlsx, pairs], period) => {
            const path = listUrl(xlsx ? '/api/discipline.xlsx' : '/api/discipline', [...(period ?? []), ...pairs]);
            const reply = await send('GET', path);
            const schema = xlsx ? disciplineXlsxQuery : disciplineQuery;
            if (!contractAccepts(schema, serverQuery(path))) expectProblem(reply, 400);
            else if (succeededOrProblem(reply)) {
              expect(reply.status).toBe(200);
              if (xlsx) expect(reply.type, describeReply(reply)).toMatch(/spreadsheetml/);
              else expect(reply.json.totals.given, describeReply(reply)).toBeGreaterThanOrEqual(0);
            } else {
              expect(reply.status, describeReply(reply)).toBe(400);
              subsetOf(reply, ['agency']);
            }
          }),
          { numRuns: 50 },
        );
      });

      it('refuses a discipline period that is not two dates, or ends before it starts, with a 400 naming the date', async () => {
        await fc.assert(
          fc.asyncProperty(invalidPeriod, fc.boolean(), async ({ from, to, blame }, xlsx) => {
            const reply = await send(
              'GET',
              `/api/discipline${xlsx ? '.xlsx' : ''}?from=${percentEncode(from)}&to=${percentEncode(to)}`,
            );
            expectProblem(reply, 400);
            expect(blamed(reply), describeReply(reply)).toContain(blame);
          }),
          { numRuns: 30 },
        );
        for (const query of ['', 'from=2026-01-01', 'to=2026-01-01']) {
          const reply = await send('GET', `/api/discipline?${query}`);
          expectProblem(reply, 400);
        }
      });

      it('exports overdue instructions whose text holds control characters, lone surrogates and formula-like text as a workbook that opens', async () => {
        const texts = [
          'a\u0001b\u000bc\u001f',
          '\u{1F525} жалғыз',
          '=HYPERLINK("http://x","y")',
          "'; DROP TABLE meetings; --",
        ];
        const meeting = (await meetingAt(plusDays(today(), -30))).json.id as number;
        for (const text of texts)
          await giveInstruction(meeting, { text, due_on: plusDays(today(), -2), agencies: assigned });
        const period = `from=${plusDays(today(), -2)}&to=${plusDays(today(), -2)}`;
        for (const lang of ['kk', 'ru', 'en']) {
          const response = await fetch(`${app.url}/api/discipline.xlsx?${period}&lang=${lang}`);
          expect(response.status).toBe(200);
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
          const cells: string[] = [];
          workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
          expect(cells.some((cell) => cell.includes('HYPERLINK'))).toBe(true);
          expect(cells.some((cell) => cell.includes('жалғыз'))).toBe(true);
        }
      });

      it('answers the year summary for a year 1900–2199 with 200, and anything else with a 400 naming the year', async () => {
        await fc.assert(
          fc.asyncProperty(yearValue, async (year) => {
            const path = `/api/summary/year?year=${percentEncode(year)}`;
            const reply = await send('GET', path);
            if (!contractAccepts(yearSummaryQuery, serverQuery(path))) {
              expectProblem(reply, 400);
              expect(blamed(reply).length, describeReply(reply)).toBeGreaterThan(0);
              expect(new Set(blamed(reply)), describeReply(reply)).toEqual(new Set(['year']));
              // One message per fault: not the same words twice.
              const messages = (reply.json.errors as { message: string }[]).map((e) => e.message);
              expect(new Set(messages).size, describeReply(reply)).toBe(messages.length);
            } else {
              expect(reply.status, describeReply(reply)).toBe(200);
              expect(reply.json.year).toBe(Number(year));
            }
          }),
          { numRuns: 40 },
        );
      });
    });

    // Each of these pins down a bug the properties found, with the smallest input.
    describe('bugs found by the properties', () => {
      it('refuses text with a lone surrogate (broken Unicode) with a 400 naming the field, not a vague one, and writes nothing', async () => {
        // Found by: POST /api/meetings/{id}/instructions {"text":"\ud800 жалғыз", …} → 400 "A value could not be
        // read" naming no field (the audit row's jsonb refused the escape; the text column would have held U+FFFD).
        const meeting = (await meetingAt(plusDays(today(), -10), { agenda: [{ topic: 'Т' }] })).json;
        const instruction = (
          await giveInstruction(meeting.id, { text: 'Т', due_on: plusDays(today(), 3), agencies: assigned })
        ).json;
        await send('POST', `/api/instructions/${instruction.id}/assignments/${assigned[1]}/report`, {
          json: { report: 'Жасалды' },
        });
        const broken = 'a\ud800b';
        const writes: [string, string, object, string, Record<string, string>?][] = [
          ['POST', '/api/meetings', { held_on: today(), kind: 'other', title: broken }, 'title'],
          ['POST', '/api/meetings', { held_on: today(), kind: 'other', title: 'Т', minutes: '\udc00' }, 'minutes'],
          ['POST', '/api/meetings', { held_on: today(), kind: 'other', title: 'Т', chair: broken }, 'chair'],
          [
            'POST',
            '/api/meetings',
            { held_on: today(), kind: 'other', title: 'Т', agenda: [{ topic: broken }] },
            'agenda.0.topic',
          ],
          ['PATCH', `/api/meetings/${meeting.id}`, { minutes: broken }, 'minutes', { 'If-Match': '*' }],
          ['POST', `/api/meetings/${meeting.id}/agenda`, { topic: 'Т', notes: broken }, 'notes'],
          [
            'PATCH',
            `/api/meetings/${meeting.id}/agenda/${meeting.agenda[0].id}`,
            { topic: broken },
            'topic',
            { 'If-Match': '*' },
          ],
          [
            'POST',
            `/api/meetings/${meeting.id}/instructions`,
            { text: broken, due_on: today(), agencies: assigned },
            'text',
          ],
          ['PATCH', `/api/instructions/${instruction.id}`, { text: broken }, 'text', { 'If-Match': '*' }],
          [
            'POST',
            `/api/instructions/${instruction.id}/assignments/${assigned[0]}/report`,
            { report: broken },
            'report',
          ],
          ['POST', `/api/instructions/${instruction.id}/assignments/${assigned[1]}/accept`, { note: broken }, 'note'],
          ['POST', `/api/instructions/${instruction.id}/assignments/${assigned[1]}/return`, { note: broken }, 'note'],
        ];
        const before = await state();
        for (const [method, path, json, field, headers] of writes) {
          const reply = await send(method, path, { json, headers });
          expectProblem(reply, 400);
          expect(blamed(reply), describeReply(reply)).toEqual([field]);
        }
        expect(await state()).toEqual(before);
      });

      it('gives one message per fault for a year that is neither whole nor in range, and says which years it takes', async () => {
        // Found by: GET /api/summary/year?year=9007199254740992 → "year must be a year; year must be a year".
        const reply = await send('GET', '/api/summary/year?year=9007199254740992');
        expectProblem(reply, 400);
        expect(reply.json.detail).toContain('1900 to 2199');
        const range = await send('GET', '/api/summary/year?year=1850');
        expectProblem(range, 400);
        expect(range.json.detail).toContain('1900 to 2199');
      });
    });
  },
);
