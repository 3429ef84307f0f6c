import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createAccount, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

const A = 'housing_utilities';
const B = 'police';
const TIMELINESS = { done_on_time: 'on_time', done_late: 'late', overdue: 'overdue', pending: 'pending' } as const;
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const Q2 = 'from=2025-04-01&to=2025-06-30';

/**
 * A quarter in the past with known outcomes: per agency, counts that must match both the numbers
 * worked out by hand and the lists they summarise.
 */
describeOnEachDatabase('executive discipline and the year summary', (db) => {
  let app: RunningApp;
  const who = {} as Record<'prosecutor' | 'viewer' | 'akimatA' | 'akimatB', TestAccount>;
  const as = (account: TestAccount) => api(app.url, account.token);
  let open: string;
  let secret: string;

  beforeAll(async () => {
    const knex = db().knex;
    who.prosecutor = await createAccount(knex, 'prosecutor');
    who.viewer = await createAccount(knex, 'viewer');
    who.akimatA = await createAccount(knex, 'akimat', undefined, A);
    who.akimatB = await createAccount(knex, 'akimat', undefined, B);
    app = await startApp(db(), { timeZone: 'UTC' });
    const call = as(who.prosecutor);
    const hotspot = async (confidential: boolean) =>
      (
        await call('POST', '/api/hotspots', {
          ...{ title: confidential ? 'Жасырын' : 'Ашық', category: 'utilities', severity: 'medium', confidential },
          ...{ geometry: point(68.3, 43.3), agency: A, registered_on: '2025-02-01', due_on: '2025-03-03' },
        })
      ).body.id as string;
    open = await hotspot(false);
    secret = await hotspot(true);
    await call('POST', `/api/hotspots/${open}/transitions`, { to: 'in_progress', on: '2025-02-10' });
    await call('POST', `/api/hotspots/${open}/transitions`, { to: 'resolved', note: 'Шешілді', on: '2025-05-10' });
    const meeting = await call('POST', '/api/meetings', {
      ...{ held_on: '2025-03-01', kind: 'interagency_prosecutor', title: 'Бірінші тоқсан', agencies: [A, B] },
      agenda: [{ hotspot_id: open }, { hotspot_id: secret }],
    });
    await call('POST', '/api/meetings', { held_on: '2025-08-01', kind: 'working_group', title: 'Жұмыс тобы' });
    const give = async (due_on: string, agencies: string[], hotspot_id?: string) =>
      (
        await call('POST', `/api/meetings/${meeting.body.id}/instructions`, {
          ...{ text: `Мерзімі ${due_on}`, due_on, agencies, hotspot_id },
        })
      ).body.id as number;
    const report = (id: number, agency: string, on: string) =>
      call('POST', `/api/instructions/${id}/assignments/${agency}/report`, { report: 'Орындалды', on });
    const accept = (id: number, agency: string) =>
      call('POST', `/api/instructions/${id}/assignments/${agency}/accept`, {});

    const first = await give('2025-04-10', [A, B], open); // A on time; B never reports: overdue
    await report(first, A, '2025-04-09');
    await accept(first, A);
    const second = await give('2025-05-15', [A]); // late
    await report(second, A, '2025-05-20');
    await accept(second, A);
    const third = await give('2025-06-30', [B]); // reported in time, never accepted: overdue
    await report(third, B, '2025-06-01');
    await give('2025-07-05', [B]); // due after the quarter
    await give('2025-05-01', [A], secret); // about a confidential hotspot: overdue
  });
  afterAll(() => app.close());

  /** Each count of the report equals the length of the /api/instructions list for the same filters. */
  async function expectCountsMatchLists(account: TestAccount, report: Json, period: string) {
    for (const row of report.agencies as Json[]) {
      const list = async (extra = '') =>
        (await as(account)('GET', `/api/instructions?${period}&agency=${row.agency}${extra}&limit=1000`)).body.total;
      expect(row.given, row.agency).toBe(await list());
      for (const [count, mark] of Object.entries(TIMELINESS)) {
        expect(row[count], `${row.agency} ${count}`).toBe(await list(`&timeliness=${mark}`));
      }
      expect(row.given).toBe(row.done_on_time + row.done_late + row.overdue + row.pending);
      expect(report.overdue.filter((item: Json) => item.agency === row.agency)).toHaveLength(row.overdue);
    }
    for (const item of report.overdue) expect(item.timeliness).toBe('overdue');
  }

  it('counts per agency what was done on time, late, is overdue or pending, matching the lists', async () => {
    const reply = await as(who.prosecutor)('GET', `/api/discipline?${Q2}`);
    expect(reply.status).toBe(200);
    expect(reply.body.agencies).toEqual([
      { agency: A, given: 3, done_on_time: 1, done_late: 1, overdue: 1, pending: 0 },
      { agency: B, given: 2, done_on_time: 0, done_late: 0, overdue: 2, pending: 0 },
    ]);
    expect(reply.body).toMatchObject({
      totals: { given: 5, done_on_time: 1, done_late: 1, overdue: 3, pending: 0 },
      confidential: 1,
      breakdowns_include_confidential: true,
      period: { from: '2025-04-01', to: '2025-06-30' },
      basis: 'due',
    });
    expect(reply.body.overdue.map((item: Json) => [item.due_on, item.agency])).toEqual([
      ['2025-04-10', B],
      ['2025-05-01', A],
      ['2025-06-30', B],
    ]);
    await expectCountsMatchLists(who.prosecutor, reply.body, 'due_from=2025-04-01&due_to=2025-06-30');
    const given = await as(who.prosecutor)('GET', '/api/discipline?from=2025-01-01&to=2025-03-31&basis=given');
    expect(given.body.totals.given).toBe(6);
    await expectCountsMatchLists(who.prosecutor, given.body, 'given_from=2025-01-01&given_to=2025-03-31');
  });

  it('leaves confidential instructions out of the rows and lists for viewers, counting them only in the totals', async () => {
    for (const account of [who.viewer, who.akimatB]) {
      const reply = await as(account)('GET', `/api/discipline?${Q2}`);
      expect(reply.body.agencies).toEqual([
        { agency: A, given: 2, done_on_time: 1, done_late: 1, overdue: 0, pending: 0 },
        { agency: B, given: 2, done_on_time: 0, done_late: 0, overdue: 2, pending: 0 },
      ]);
      expect(reply.body).toMatchObject({ confidential: 1, breakdowns_include_confidential: false });
      expect(reply.body.totals.given).toBe(5);
      expect(reply.body.overdue).toHaveLength(2);
      expect(JSON.stringify(reply.body)).not.toContain(secret);
      await expectCountsMatchLists(account, reply.body, 'due_from=2025-04-01&due_to=2025-06-30');
      // Filtered on an agency, a total would tell that agency has a confidential instruction.
      const one = await as(account)('GET', `/api/discipline?${Q2}&agency=${A}`);
      expect(one.body).toMatchObject({ totals: { given: 2, overdue: 0 }, confidential: 0 });
    }
  });

  it('shows an akimat agency its own instruction about a confidential hotspot, in "my tasks" and the discipline counts alike, without the hotspot', async () => {
    const reply = await as(who.akimatA)('GET', `/api/discipline?${Q2}`);
    // Agency A has the confidential instruction: its row counts it, as its task list shows it.
    expect(reply.body.agencies).toEqual([
      { agency: A, given: 3, done_on_time: 1, done_late: 1, overdue: 1, pending: 0 },
      { agency: B, given: 2, done_on_time: 0, done_late: 0, overdue: 2, pending: 0 },
    ]);
    expect(reply.body.totals.given).toBe(5);
    expect(reply.body.overdue).toHaveLength(3);
    expect(JSON.stringify(reply.body)).not.toContain(secret);
    await expectCountsMatchLists(who.akimatA, reply.body, 'due_from=2025-04-01&due_to=2025-06-30');
    const mine = await as(who.akimatA)('GET', '/api/instructions?mine=true&due_from=2025-04-01&due_to=2025-06-30');
    expect(mine.body.total).toBe(3);
    const own = mine.body.items.filter((item: Json) => item.hotspot === null && item.due_on === '2025-05-01');
    expect(own).toHaveLength(1);
    expect(JSON.stringify(mine.body)).not.toContain(secret);
    const one = await as(who.akimatA)('GET', `/api/discipline?${Q2}&agency=${A}`);
    expect(one.body).toMatchObject({ totals: { given: 3, overdue: 1 } });
    expect(one.body.totals.given).toBe(mine.body.total);
  });

  it('refuses a bad period or agency with a 400 naming it', async () => {
    const fields = async (query: string) => {
      const reply = await as(who.viewer)('GET', `/api/discipline?${query}`);
      expect(reply.status, query).toBe(400);
      return reply.body.errors.map((error: Json) => error.field);
    };
    expect(await fields('from=2025-04-01')).toEqual(['to']);
    expect(await fields('from=2025-06-01&to=2025-04-01')).toEqual(['to']);
    expect(await fields(`${Q2}&agency=nope`)).toEqual(['agency']);
    expect(await fields(`${Q2}&basis=signed`)).toEqual(['basis']);
  });

  it('exports the report as a workbook whose rows are the report’s', async () => {
    const response = await fetch(`${app.url}/api/discipline.xlsx?${Q2}&lang=ru`, {
      headers: { Authorization: `Bearer ${who.prosecutor.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toContain('oshaq-discipline-2025-04-01-2025-06-30.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const [summary, overdue] = workbook.worksheets;
    expect(summary?.name).toBe('Свод');
    const rows = summary!.getSheetValues().filter(Boolean) as unknown[][];
    const agencyNames = await db().knex('agencies').whereIn('code', [A, B]).orderBy('code').pluck('name_ru');
    expect(rows.slice(4).map((row) => row.slice(1))).toEqual([
      [agencyNames[0], 3, 1, 1, 1, 0],
      [agencyNames[1], 2, 0, 0, 2, 0],
      ['Итого', 5, 1, 1, 3, 0],
    ]);
    expect(overdue!.rowCount).toBe(1 + 3);
    expect(overdue!.getRow(2).getCell(1).value).toEqual(new Date('2025-04-10T00:00:00Z'));
    const viewer = await fetch(`${app.url}/api/discipline.xlsx?${Q2}`, {
      headers: { Authorization: `Bearer ${who.viewer.token}` },
    });
    const hidden = new ExcelJS.Workbook();
    await hidden.xlsx.load(await viewer.arrayBuffer());
    expect(hidden.worksheets[1]!.rowCount).toBe(1 + 2);
    const bad = await as(who.viewer)('GET', `/api/discipline.xlsx?${Q2}&lang=de`);
    expect(bad.status).toBe(400);
    expect(bad.type).toMatch(/^application\/problem\+json/);
  });

  it('sums up the year: meetings by kind, hotspots entered and resolved, instructions given and done', async () => {
    const reply = await as(who.viewer)('GET', '/api/summary/year?year=2025');
    expect(reply.status).toBe(200);
    expect(reply.body.meetings).toEqual({
      held: 2,
      scheduled: 0,
      by_kind: [
        { kind: 'interagency_prosecutor', held: 1, scheduled: 0 },
        { kind: 'akimat_commission', held: 0, scheduled: 0 },
        { kind: 'working_group', held: 1, scheduled: 0 },
        { kind: 'other', held: 0, scheduled: 0 },
      ],
    });
    expect(reply.body.hotspots).toEqual({ entered: 2, resolved: 1 });
    expect(reply.body.instructions).toEqual({
      given: 5,
      assignments: { given: 6, done_on_time: 1, done_late: 1, overdue: 4, pending: 0 },
    });
    // Headline numbers: the same for every role, confidential ones counted.
    expect((await as(who.prosecutor)('GET', '/api/summary/year?year=2025')).body).toEqual(reply.body);
    const empty = await as(who.viewer)('GET', '/api/summary/year?year=2024');
    expect(empty.body.instructions.given).toBe(0);
    expect((await as(who.viewer)('GET', '/api/summary/year?year=1800')).status).toBe(400);
  });

  it('shows on a hotspot the meetings that discussed it and its open instructions', async () => {
    const reply = await as(who.viewer)('GET', `/api/hotspots/${open}/meetings`);
    expect(reply.status).toBe(200);
    expect(reply.body.meetings).toEqual([
      expect.objectContaining({
        held_on: '2025-03-01',
        kind: 'interagency_prosecutor',
        agenda_item_id: expect.any(Number),
      }),
    ]);
    // Of its one instruction, A's part is accepted; B's is open.
    expect(reply.body.open_instructions.map((item: Json) => [item.agency, item.status])).toEqual([[B, 'assigned']]);
    const overdueOnIt = await as(who.viewer)('GET', `/api/instructions?hotspot=${open}&timeliness=overdue`);
    expect(overdueOnIt.body.total).toBe(1);
  });
});
