import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { compareKazakh } from '../../web/src/i18n/kazakh-order.js';
import { todayIn } from '../src/time.js';
import { createAccount, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

/**
 * A fresh install's demo has a meeting history that fills the meetings, tasks and discipline
 * screens (held and planned meetings, instructions in every state), while the map's year stays
 * at 18 entered and 12 resolved.
 */
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describeOnEachDatabase('the demo meeting history', (db) => {
  const today = todayIn('UTC');
  let app: RunningApp;
  let prosecutor: TestAccount;
  let police: TestAccount;
  const as = (account: TestAccount) => api(app.url, account.token);

  beforeAll(async () => {
    const result = await seedDemo(db().knex, today, { meetings: true });
    expect(result.meetingsAdded).toBe(3);
    prosecutor = await createAccount(db().knex, 'prosecutor');
    police = await createAccount(db().knex, 'akimat', undefined, 'police');
    app = await startApp(db(), { timeZone: 'UTC' });
  });
  afterAll(() => app?.close());

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
      expect(agenda.some((item) => item.hotspot !== null)).toBe(true);
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
    const all = await as(prosecutor)('GET', '/api/instructions?agency=police');
    expect(all.body.items.some((item: Json) => item.hotspot?.confidential)).toBe(true);
  });

  it('fills the discipline report over the recent months', async () => {
    const from = addDays(today, -120);
    const to = addDays(today, 60);
    const report = await as(prosecutor)('GET', `/api/discipline?from=${from}&to=${to}`);
    expect(report.status).toBe(200);
    const { totals } = report.body;
    expect(totals.given).toBeGreaterThanOrEqual(9);
    for (const count of ['done_on_time', 'done_late', 'overdue', 'pending']) expect(totals[count]).toBeGreaterThan(0);
    expect(report.body.agencies.length).toBeGreaterThan(3);
    expect(report.body.overdue.length).toBe(totals.overdue);
  });

  it('adds no meetings when loaded again', async () => {
    const again = await seedDemo(db().knex, today, { meetings: true });
    expect(again).toEqual({ areasAdded: 0, hotspotsAdded: 0, meetingsAdded: 0 });
  });

  it('sorts agencies as the web sorts names: the same Kazakh alphabet', async () => {
    const agencies = (await as(prosecutor)('GET', '/api/agencies')).body as { name_kk: string }[];
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
