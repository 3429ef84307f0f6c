import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { compareKazakh } from '../../web/src/i18n/kazakh-order.js';
import type { RouteTable } from '../src/http/route-table.js';
import { createAccount, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

/**
 * A fresh install's demo has a meeting history that fills the meetings, tasks and discipline
 * screens (held and planned meetings, instructions in every state), while the map's year stays
 * at 18 entered and 12 resolved. The history and the hotspots are dated from the day the demo is
 * loaded, so each check runs with the demo loaded (and the clock set) on days across the year:
 * early on, the meetings fall before most hotspots were registered.
 */
const DAYS = ['2027-01-10', '2027-03-15', '2027-06-30', '2027-11-20'];

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** An answer as text; a workbook as the text of all its cells (its XML is compressed). */
async function textOf(response: Response): Promise<string> {
  const body = Buffer.from(await response.arrayBuffer());
  if (!(response.headers.get('content-type') ?? '').includes('spreadsheetml')) return body.toString('utf8');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  return cells.join('\n');
}

for (const today of DAYS) {
  describeOnEachDatabase(`the demo meeting history loaded on ${today}`, (db) => {
    let app: RunningApp;
    let prosecutor: TestAccount;
    let police: TestAccount;
    let viewer: TestAccount;
    const as = (account: TestAccount) => api(app.url, account.token);

    beforeAll(async () => {
      // The API's "today" (overdue, pending) is the day the demo was loaded.
      vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${today}T06:00:00Z`) });
      const result = await seedDemo(db().knex, today, { meetings: true });
      expect(result.meetingsAdded).toBe(3);
      prosecutor = await createAccount(db().knex, 'prosecutor');
      police = await createAccount(db().knex, 'akimat', undefined, 'police');
      viewer = await createAccount(db().knex, 'viewer');
      // No read cache: its ages are measured on the clock, which stands still here.
      app = await startApp(db(), { timeZone: 'UTC', readCache: false });
    });
    afterAll(async () => {
      await app?.close();
      vi.useRealTimers();
    });

    it('keeps the map year at 18 hotspots entered and 12 resolved', async () => {
      const year = today.slice(0, 4);
      const [row] = await db()
        .knex('hotspots')
        .where('registered_on', '>=', `${year}-01-01`)
        .andWhere('registered_on', '<=', today)
        .whereNull('deleted_at')
        .select(
          db().knex.raw('count(*)::int AS entered'),
          db().knex.raw(`count(*) FILTER (WHERE status = 'resolved' AND resolved_on <= ?)::int AS resolved`, [today]),
        );
      expect(row).toEqual({ entered: 18, resolved: 12 });
    });

    it('lists meetings held and one planned, with hotspots and free topics on their agendas', async () => {
      const list = await as(prosecutor)('GET', '/api/meetings');
      expect(list.status).toBe(200);
      const meetings = list.body.meetings as Json[];
      expect(meetings.filter((m) => m.held_on <= today)).toHaveLength(2);
      expect(meetings.filter((m) => m.held_on > today)).toHaveLength(1);
      for (const summary of meetings) {
        expect(summary.agenda_count).toBeGreaterThan(1);
        const detail = await as(prosecutor)('GET', `/api/meetings/${summary.id}`);
        const agenda = detail.body.agenda as Json[];
        expect(agenda.some((item) => item.topic !== null)).toBe(true);
        // The planned meeting discusses hotspots registered by now; held ones, those registered by then.
        if (summary.held_on > today) expect(agenda.some((item) => item.hotspot !== null)).toBe(true);
        expect(summary.agencies.length).toBeGreaterThan(0);
        // Instructions are given at meetings held, not at the planned one.
        expect(summary.instruction_count > 0).toBe(summary.held_on <= today);
      }
    });

    it('has agencies’ parts in every state: accepted on time and late, reported, returned, due and overdue', async () => {
      const list = await as(prosecutor)('GET', '/api/instructions?limit=100');
      expect(list.status).toBe(200);
      const items = list.body.items as Json[];
      const timeliness = new Set(items.map((item) => item.timeliness));
      expect([...timeliness].sort()).toEqual(['late', 'on_time', 'overdue', 'pending']);
      expect(new Set(items.map((item) => item.status))).toEqual(new Set(['assigned', 'reported', 'accepted']));
      const returned = items.filter((item) => item.returned_on !== null);
      expect(returned).toHaveLength(1);
      expect(returned[0].status).toBe('assigned');
      for (const item of items) {
        expect(item.due_on >= item.meeting.held_on).toBe(true);
        if (item.reported_on) expect(item.reported_on >= item.meeting.held_on).toBe(true);
        if (item.reported_on) expect(item.reported_on <= today).toBe(true);
      }
      const detail = await as(prosecutor)('GET', `/api/instructions/${returned[0].instruction_id}`);
      expect((detail.body.history as Json[]).map((event) => event.kind)).toEqual(['reported', 'returned']);
    });

    it('gives an agency its own tasks, without the confidential hotspot’s', async () => {
      const mine = await as(police)('GET', '/api/instructions?mine=true');
      expect(mine.status).toBe(200);
      const items = mine.body.items as Json[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((item) => item.agency === 'police')).toBe(true);
      expect(items.some((item) => item.hotspot?.confidential)).toBe(false);
      // The prosecutor's office sees police's part about it exactly when the demo could link it:
      // the hotspot was registered by the meeting's day (else the item is left out altogether).
      const linked = await db()
        .knex('instructions as i')
        .join('instruction_assignments as a', 'a.instruction_id', 'i.id')
        .join('agencies as g', 'g.id', 'a.agency_id')
        .join('hotspots as h', 'h.id', 'i.hotspot_id')
        .where({ 'h.confidential': true, 'g.code': 'police' })
        .first('i.id');
      const all = await as(prosecutor)('GET', '/api/instructions?agency=police');
      expect(all.body.items.some((item: Json) => item.hotspot?.confidential)).toBe(linked !== undefined);
    });

    it('fills the discipline report over the recent months', async () => {
      const report = await as(prosecutor)(
        'GET',
        `/api/discipline?from=${addDays(today, -120)}&to=${addDays(today, 60)}`,
      );
      expect(report.status).toBe(200);
      const { totals } = report.body;
      expect(totals.given).toBeGreaterThanOrEqual(8);
      for (const count of ['done_on_time', 'done_late', 'overdue', 'pending']) expect(totals[count]).toBeGreaterThan(0);
      expect(report.body.agencies.length).toBeGreaterThan(3);
      expect(report.body.overdue.length).toBe(totals.overdue);
    });

    /**
     * Every GET of the route table (each meeting and instruction by id, lists with all they hold),
     * as `account`: the paths whose answer has a confidential hotspot's id, title or description.
     */
    async function confidentialIn(account: TestAccount): Promise<string[]> {
      const knex = db().knex;
      const secrets: { id: string; title: string; description: string }[] = await knex('hotspots')
        .where('confidential', true)
        .select('id', 'title', 'description');
      expect(secrets.length).toBeGreaterThan(0);
      const byId: Record<string, string[]> = {
        '/meetings/:id': ((await knex('meetings').pluck('id')) as number[]).map(String),
        '/instructions/:id': ((await knex('instructions').pluck('id')) as number[]).map(String),
      };
      const period = `from=${addDays(today, -120)}&to=${addDays(today, 60)}`;
      const queries: Record<string, string> = {
        '/discipline': period,
        '/discipline.xlsx': period,
        '/summary/year': `year=${today.slice(0, 4)}`,
        '/hotspots/clusters': 'bbox=46,40,88,56&zoom=6',
        '/instructions': 'limit=1000',
        '/hotspots': 'limit=1000',
      };
      const table = app.express.locals.routeTable as RouteTable;
      const paths = table.routes
        .filter((route) => route.method === 'get' && (!route.path.includes(':') || byId[route.path]))
        .flatMap((route) => (byId[route.path] ?? ['']).map((id) => route.path.replace(':id', id)))
        .flatMap((path) => [`/api${path}`, ...(queries[path] ? [`/api${path}?${queries[path]}`] : [])]);
      paths.push('/api/instructions?mine=true&limit=1000');
      const found: string[] = [];
      for (const path of paths) {
        const response = await fetch(`${app.url}${path}`, { headers: { Authorization: `Bearer ${account.token}` } });
        const text = await textOf(response);
        for (const secret of secrets) {
          const named = [secret.id, secret.title, secret.description].filter((words) => text.includes(words));
          if (named.length) found.push(`${path} (${response.status}): ${named.join(' | ')}`);
        }
      }
      return found;
    }

    it('names no confidential hotspot to viewers or akimat staff in any meetings, tasks or other answer', async () => {
      expect(await confidentialIn(viewer)).toEqual([]);
      expect(await confidentialIn(police)).toEqual([]);
    });

    it('names the confidential hotspots to the prosecutor’s office, so the walk sees what it looks for', async () => {
      const seen = await confidentialIn(prosecutor);
      expect(seen.some((line) => line.startsWith('/api/hotspots?'))).toBe(true);
      // And on a meeting's page, when the demo discusses one registered by the meeting's day.
      const discussed = await db()
        .knex('agenda_items as it')
        .join('hotspots as h', 'h.id', 'it.hotspot_id')
        .where('h.confidential', true)
        .first('it.meeting_id');
      if (discussed) expect(seen.some((line) => line.startsWith(`/api/meetings/${discussed.meeting_id} `))).toBe(true);
    });

    it('adds no meetings when loaded again', async () => {
      const again = await seedDemo(db().knex, today, { meetings: true });
      expect(again).toEqual({ areasAdded: 0, hotspotsAdded: 0, meetingsAdded: 0 });
    });
  });
}

describeOnEachDatabase('the demo’s agency names', (db) => {
  let app: RunningApp;
  let prosecutor: TestAccount;
  beforeAll(async () => {
    await seedDemo(db().knex, DAYS[0] as string, { meetings: true });
    prosecutor = await createAccount(db().knex, 'prosecutor');
    app = await startApp(db(), { timeZone: 'UTC' });
  });
  afterAll(() => app?.close());

  it('sorts agencies as the web sorts names: the same Kazakh alphabet', async () => {
    const agencies = (await api(app.url, prosecutor.token)('GET', '/api/agencies')).body as { name_kk: string }[];
    const names = agencies.map((agency) => agency.name_kk);
    expect([...names].sort(compareKazakh)).toEqual(names);
    const tricky = [
      'Ішкі',
      'Ыдыс',
      'Ию',
      'Қала',
      'Кеңес',
      'Әкімдік',
      'Ауыл',
      'Үй',
      'Ұл',
      'Уақыт',
      'Һ',
      'Хат',
      'Ңа',
      'Нұр',
    ];
    const { rows } = await db().knex.raw<{ rows: { name: string }[] }>(
      `SELECT name FROM unnest(?::text[]) AS t(name) ORDER BY kk_sort_key(name) COLLATE "C"`,
      [tricky],
    );
    expect(rows.map((row) => row.name)).toEqual([...tricky].sort(compareKazakh));
  });
});
