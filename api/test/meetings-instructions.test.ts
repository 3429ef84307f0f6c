import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { timelinessOf } from '../src/contract/meeting-enums.js';
import { todayIn } from '../src/time.js';
import { createAccount, type TestAccount } from './accounts.js';
import { api, type CallResult, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

type Who = 'prosecutor' | 'admin' | 'viewer' | 'akimatA' | 'akimatB';
const A = 'housing_utilities';
const B = 'police';
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const fieldsOf = (reply: CallResult) => (reply.body.errors as Json[]).map((error) => error.field as string);

describeOnEachDatabase('instructions and the agencies’ reports over HTTP', (db) => {
  let app: RunningApp;
  const who = {} as Record<Who, TestAccount>;
  const as = (account: TestAccount) => api(app.url, account.token);
  let today: string;
  /** A date `offset` days from the city's today (the app runs with timeZone UTC). */
  const day = (offset: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  let meetingId: number;
  let open: string;
  let secret: string;
  const give = async (body: Record<string, unknown>, meeting = meetingId) => {
    const reply = await as(who.prosecutor)('POST', `/api/meetings/${meeting}/instructions`, {
      text: 'Тұрғындарды ауыз сумен уақытша қамтамасыз ету',
      due_on: day(5),
      agencies: [A, B],
      ...body,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body as Json;
  };
  const step = (account: TestAccount, id: number, agency: string, action: string, body: unknown, headers = {}) =>
    as(account)('POST', `/api/instructions/${id}/assignments/${agency}/${action}`, body, headers);
  const auditActions = async (id: number) =>
    db()
      .knex('audit_log')
      .where({ entity: 'instruction', entity_id: String(id) })
      .orderBy('id')
      .select('action', 'actor', 'after');

  beforeAll(async () => {
    const knex = db().knex;
    who.prosecutor = await createAccount(knex, 'prosecutor', 'prokuror-tapsyrma');
    who.admin = await createAccount(knex, 'admin');
    who.viewer = await createAccount(knex, 'viewer');
    who.akimatA = await createAccount(knex, 'akimat', 'akimat-tkksh', A);
    who.akimatB = await createAccount(knex, 'akimat', 'akimat-police', B);
    app = await startApp(db(), { timeZone: 'UTC' });
    today = todayIn('UTC');
    const hotspot = async (confidential: boolean) => {
      const reply = await as(who.prosecutor)('POST', '/api/hotspots', {
        ...{ title: confidential ? 'Жасырын топ' : 'Су жоқ', category: 'utilities', severity: 'high', confidential },
        ...{ geometry: point(68.26, 43.3), agency: A, registered_on: day(-20) },
        due_on: day(300),
      });
      return reply.body.id as string;
    };
    open = await hotspot(false);
    secret = await hotspot(true);
    const meeting = await as(who.prosecutor)('POST', '/api/meetings', {
      ...{ held_on: day(-10), kind: 'interagency_prosecutor', title: 'Кеңес', agencies: [A, B] },
      agenda: [{ hotspot_id: open }, { hotspot_id: secret }],
    });
    meetingId = meeting.body.id;
  });
  afterAll(() => app.close());

  it('gives an instruction to two agencies; each reports on its own part and the secretary decides on each', async () => {
    const given = await give({ hotspot_id: open });
    expect(given.assignments.map((part: Json) => [part.agency, part.status, part.timeliness])).toEqual([
      [A, 'assigned', 'pending'],
      [B, 'assigned', 'pending'],
    ]);
    expect(given).toMatchObject({
      given_on: day(-10),
      due_on: day(5),
      hotspot: { id: open },
      meeting: { id: meetingId },
    });

    const reportA = await step(who.akimatA, given.id, A, 'report', {
      report: 'Су тасымалы ұйымдастырылды',
      on: day(-1),
    });
    expect(reportA.status).toBe(200);
    expect(reportA.headers.get('etag')).toBe('"v2"');
    expect(reportA.body).toMatchObject({
      status: 'reported',
      reported_on: day(-1),
      reported_by: 'Test akimat (akimat-tkksh)',
    });
    expect((await step(who.akimatA, given.id, B, 'report', { report: 'Бөгде орган үшін' })).status).toBe(403);
    expect((await step(who.viewer, given.id, B, 'report', { report: 'Көрерменнен' })).status).toBe(403);
    expect((await step(who.akimatA, given.id, A, 'accept', {})).status).toBe(403);
    expect((await step(who.akimatB, given.id, B, 'report', { report: 'Патруль күшейтілді' })).status).toBe(200);

    const accepted = await step(who.prosecutor, given.id, A, 'accept', { note: 'Қабылданды' });
    expect(accepted.body).toMatchObject({ status: 'accepted', accepted_on: today, timeliness: 'on_time' });
    const returned = await step(who.prosecutor, given.id, B, 'return', { note: 'Нақты мерзімдер жоқ' });
    expect(returned.body).toMatchObject({
      status: 'assigned',
      report: null,
      return_note: 'Нақты мерзімдер жоқ',
      returned_on: today,
    });
    const nothingToAccept = await step(who.prosecutor, given.id, B, 'accept', {});
    expect(nothingToAccept.status).toBe(409);
    expect(nothingToAccept.type).toMatch(/^application\/problem\+json/);
    expect((await step(who.akimatA, given.id, A, 'report', { report: 'Тағы' })).status).toBe(409);

    const detail = await as(who.viewer)('GET', `/api/instructions/${given.id}`);
    expect(detail.body.history.map((event: Json) => [event.agency, event.kind])).toEqual([
      [A, 'reported'],
      [B, 'reported'],
      [A, 'accepted'],
      [B, 'returned'],
    ]);
    const audit = await auditActions(given.id);
    expect(audit.map((row) => row.action)).toEqual([
      'instruction.create',
      'instruction.report',
      'instruction.report',
      'instruction.accept',
      'instruction.return',
    ]);
    expect(audit[1]).toMatchObject({ actor: 'Test akimat (akimat-tkksh)', after: { agency: A, status: 'reported' } });
  });

  it('judges each part against its deadline: on time, late, overdue, pending', async () => {
    const meeting = await as(who.prosecutor)('POST', '/api/meetings', {
      ...{ held_on: day(-10), kind: 'working_group', title: 'Мерзімдер' },
    });
    const m = meeting.body.id as number;
    const cases: [string, number, { report?: number; accept?: boolean }, string][] = [
      ['due yesterday, nothing done', -1, {}, 'overdue'],
      ['due today, nothing done', 0, {}, 'pending'],
      ['due tomorrow, nothing done', 1, {}, 'pending'],
      ['due yesterday, reported yesterday, accepted', -1, { report: -1, accept: true }, 'on_time'],
      ['due today, reported today, accepted', 0, { report: 0, accept: true }, 'on_time'],
      ['due two days ago, reported yesterday, accepted', -2, { report: -1, accept: true }, 'late'],
      ['due yesterday, reported in time, not yet accepted', -1, { report: -2 }, 'overdue'],
      ['due tomorrow, reported, not yet accepted', 1, { report: 0 }, 'pending'],
    ];
    const ids: number[] = [];
    for (const [text, due, done] of cases) {
      const given = await give({ text, due_on: day(due), agencies: [A] }, m);
      if (done.report !== undefined)
        await step(who.akimatA, given.id, A, 'report', { report: 'Орындалды', on: day(done.report) });
      if (done.accept) expect((await step(who.prosecutor, given.id, A, 'accept', {})).status).toBe(200);
      ids.push(given.id);
    }
    const listed = await as(who.viewer)('GET', `/api/instructions?meeting=${m}`);
    expect(listed.body.total).toBe(cases.length);
    for (const [index, [text, due, , expected]] of cases.entries()) {
      const item = listed.body.items.find((it: Json) => it.instruction_id === ids[index]);
      expect(item.timeliness, text).toBe(expected);
      // The browser's copy of the rule agrees with the database's.
      expect(timelinessOf(item, day(due), today), text).toBe(expected);
      const only = await as(who.viewer)('GET', `/api/instructions?meeting=${m}&timeliness=${expected}`);
      expect(
        only.body.items.map((it: Json) => it.instruction_id),
        text,
      ).toContain(ids[index]);
    }
  });

  it('refuses bad input with a problem body naming each field, and nothing is written', async () => {
    const count = async () => Number((await db().knex('instructions').count({ n: '*' }))[0]!.n);
    const before = await count();
    const path = `/api/meetings/${meetingId}/instructions`;
    const cases: [Record<string, unknown>, string[]][] = [
      [{ due_on: day(-11) }, ['due_on']],
      [{ due_on: '2026-13-01' }, ['due_on']],
      [{ agencies: ['no_such_agency'] }, ['agencies']],
      [{ agencies: [] }, ['agencies']],
      [{ text: '  ' }, ['text']],
      [{ agenda_item_id: 999999 }, ['agenda_item_id']],
      [{ hotspot_id: 'not-a-uuid' }, ['hotspot_id']],
    ];
    for (const [overrides, fields] of cases) {
      const reply = await as(who.prosecutor)('POST', path, {
        text: 'Тексеру',
        due_on: day(5),
        agencies: [A],
        ...overrides,
      });
      expect(reply.status, JSON.stringify(overrides)).toBe(400);
      expect(reply.type).toMatch(/^application\/problem\+json/);
      expect(fieldsOf(reply), JSON.stringify(reply.body)).toEqual(fields);
    }
    expect(await count()).toBe(before);
    const missing = await as(who.prosecutor)('POST', '/api/meetings/999999/instructions', {
      ...{ text: 'Тексеру', due_on: day(5), agencies: [A] },
    });
    expect(missing.status).toBe(404);

    const given = await give({ agencies: [A] });
    const bad: [Record<string, unknown>, string][] = [
      [{ report: 'Ертең', on: day(1) }, 'on'],
      [{ report: 'Кеңестен бұрын', on: day(-11) }, 'on'],
      [{ report: '' }, 'report'],
      [{ report: 'Күн', on: '2026-02-30' }, 'on'],
    ];
    for (const [body, field] of bad) {
      const reply = await step(who.akimatA, given.id, A, 'report', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(reply)).toEqual([field]);
    }
    await step(who.akimatA, given.id, A, 'report', { report: 'Жасалды', on: day(-3) });
    expect(fieldsOf(await step(who.prosecutor, given.id, A, 'return', {}))).toEqual(['note']);
    expect(fieldsOf(await step(who.prosecutor, given.id, A, 'accept', { on: day(-4) }))).toEqual(['on']);
    // The meeting cannot move past a deadline set at it.
    const meeting = await as(who.prosecutor)('GET', `/api/meetings/${meetingId}`);
    const moved = await as(who.prosecutor)(
      'PATCH',
      `/api/meetings/${meetingId}`,
      { held_on: day(6) },
      { 'If-Match': meeting.headers.get('etag') as string },
    );
    expect(moved.status).toBe(400);
    expect(fieldsOf(moved)).toEqual(['held_on']);
  });

  it('answers a change to a part someone else changed first with 412 and the current part', async () => {
    const given = await give({ agencies: [B] });
    expect((await step(who.akimatB, given.id, B, 'report', { report: 'Бірінші' }, { 'If-Match': '"v1"' })).status).toBe(
      200,
    );
    const stale = await step(who.akimatB, given.id, B, 'report', { report: 'Екінші' }, { 'If-Match': '"v1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.current).toMatchObject({ agency: B, version: 2, report: 'Бірінші' });
    expect((await step(who.akimatB, given.id, B, 'report', { report: 'x' }, { 'If-Match': 'v2' })).status).toBe(400);
  });

  it('edits an instruction with If-Match and deletes it softly, with audit rows', async () => {
    const given = await give({ agencies: [A], due_on: day(3) });
    const path = `/api/instructions/${given.id}`;
    expect((await as(who.prosecutor)('PATCH', path, { due_on: day(-1) })).status).toBe(428);
    const edited = await as(who.prosecutor)('PATCH', path, { due_on: day(-1) }, { 'If-Match': '"v1"' });
    expect(edited.status).toBe(200);
    expect(edited.headers.get('etag')).toMatch(/^"v2-[0-9a-f]{16}"$/);
    expect(edited.body.assignments[0].timeliness).toBe('overdue');
    expect((await as(who.prosecutor)('PATCH', path, { text: 'Ескі' }, { 'If-Match': '"v1"' })).status).toBe(412);
    expect((await as(who.prosecutor)('DELETE', path)).status).toBe(204);
    expect((await as(who.prosecutor)('GET', path)).status).toBe(404);
    const listed = await as(who.prosecutor)('GET', `/api/instructions?meeting=${meetingId}&limit=1000`);
    expect(listed.body.items.map((it: Json) => it.instruction_id)).not.toContain(given.id);
    expect((await auditActions(given.id)).map((row) => row.action)).toEqual([
      'instruction.create',
      'instruction.update',
      'instruction.delete',
    ]);
  });

  it('hides instructions about a confidential hotspot from viewer and other agencies; the agency named sees its part without the hotspot', async () => {
    const hidden = await give({ agencies: [A], hotspot_id: secret, text: 'Жасырын тапсырма' });
    for (const account of [who.viewer, who.akimatB]) {
      expect((await as(account)('GET', `/api/instructions/${hidden.id}`)).status).toBe(404);
      const list = await as(account)('GET', `/api/instructions?meeting=${meetingId}&limit=1000`);
      expect(JSON.stringify(list.body)).not.toContain('Жасырын');
    }
    for (const account of [who.viewer, who.akimatA, who.akimatB]) {
      const meeting = await as(account)('GET', `/api/meetings/${meetingId}`);
      expect(meeting.body.instructions.map((i: Json) => i.id)).not.toContain(hidden.id);
      expect((await as(account)('GET', `/api/instructions?hotspot=${secret}`)).status).toBe(400);
    }
    // Agency A was given it: its task list shows what to do, but not which hotspot it is about.
    const mine = await as(who.akimatA)('GET', '/api/instructions?mine=true&limit=1000');
    const part = mine.body.items.find((item: Json) => item.instruction_id === hidden.id);
    expect(part).toMatchObject({ agency: A, text: 'Жасырын тапсырма', hotspot: null });
    expect(JSON.stringify(mine.body)).not.toContain(secret);
    expect((await step(who.akimatB, hidden.id, A, 'report', { report: 'Біз көрмейміз' })).status).toBe(404);
    expect((await step(who.akimatA, hidden.id, A, 'report', { report: 'Орындалды' })).status).toBe(200);
    const all = await as(who.prosecutor)('GET', `/api/instructions?meeting=${meetingId}&limit=1000`);
    const seen = await as(who.viewer)('GET', `/api/instructions?meeting=${meetingId}&limit=1000`);
    expect(all.body.total - seen.body.total).toBe(1);
    // The prosecutor's office can record an agency's report on its behalf.
    expect((await step(who.prosecutor, hidden.id, A, 'return', { note: 'Толығырақ' })).status).toBe(200);
    expect((await step(who.prosecutor, hidden.id, A, 'report', { report: 'Ауызша баяндалды' })).status).toBe(200);
  });

  it('lists "my tasks": the signed-in akimat agency’s parts only', async () => {
    await give({ agencies: [A, B], text: 'Екі органға' });
    const mine = await as(who.akimatB)('GET', '/api/instructions?mine=true&limit=1000');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThan(0);
    expect(new Set(mine.body.items.map((it: Json) => it.agency))).toEqual(new Set([B]));
    const byCode = await as(who.akimatB)('GET', `/api/instructions?agency=${B}&limit=1000`);
    expect(mine.body.items).toEqual(byCode.body.items);
    const overdueMine = await as(who.akimatA)(
      'GET',
      '/api/instructions?mine=true&timeliness=overdue,pending&status=assigned',
    );
    for (const item of overdueMine.body.items) expect(item).toMatchObject({ agency: A, status: 'assigned' });
    const noAgency = await as(who.viewer)('GET', '/api/instructions?mine=true');
    expect(noAgency.status).toBe(400);
    expect(fieldsOf(noAgency)).toEqual(['mine']);
    const unknown = await as(who.viewer)(
      'GET',
      '/api/instructions?agency=nope&status=done&due_from=2026-05-01&due_to=2026-04-01',
    );
    expect(unknown.status).toBe(400);
  });
});
