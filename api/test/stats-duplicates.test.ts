import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { startApp, type RunningApp } from './support.js';
import { createAccount } from './accounts.js';
import { api, type Json } from './http.js';

const TODAY = '2026-11-23';
// A day the demo leaves alone, so the period's figures are this file's.
const DAY = '2025-03-12';
const place = { type: 'Point', coordinates: [68.31, 43.29] };

describeOnEachDatabase('statistics count a duplicate once in every figure', (db) => {
  let app: RunningApp;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    const prosecutor = await createAccount(db().knex, 'prosecutor', 'prokuror-dup-stats');
    app = await startApp(db(), { timeZone: 'UTC' });
    call = api(app.url, prosecutor.token);
  });
  afterAll(() => app.close());

  async function register(extra: Record<string, unknown> = {}) {
    const reply = await call('POST', '/api/hotspots', {
      ...{ title: 'Су жоқ', category: 'utilities', severity: 'high', agency: 'housing_utilities' },
      ...{ geometry: place, registered_on: DAY, due_on: '2025-04-12', ...extra },
    });
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  }
  async function resolve(id: string) {
    expect((await call('POST', `/api/hotspots/${id}/transitions`, { to: 'in_progress' })).status).toBe(200);
    const done = await call('POST', `/api/hotspots/${id}/transitions`, { to: 'resolved', note: 'Шешілді' });
    expect(done.status).toBe(200);
  }
  // From DAY to today (resolutions happen today, and "resolved" counts those by the period's end).
  // The period filter alone is answered from the cells; adding a text search takes the raw path.
  const stats = async (extra = '') => (await call('GET', `/api/stats?registered_from=${DAY}${extra}`)).body as Json;
  const RAW = '&q=%D0%A1%D1%83%20%D0%B6%D0%BE%D2%9B'; // "Су жоқ"
  const utilities = (answer: Json) => (answer.by_category as Json[]).find((row) => row.category === 'utilities');
  const march = (answer: Json) => (answer.by_month as Json[]).find((row) => row.month === '2025-03');

  it('when an original and its duplicate are both resolved, entered and resolved each count one issue, from cells and from rows', async () => {
    const before = [await stats(), await stats(RAW)];
    const original = await register();
    const duplicate = await register({ duplicate_of: original });
    await resolve(original);
    await resolve(duplicate);
    const after = [await stats(), await stats(RAW)];
    for (const [i, answer] of after.entries()) {
      const was = before[i]!;
      expect(answer.entered - was.entered).toBe(1);
      expect(answer.resolved - was.resolved).toBe(1);
      expect(answer.in_progress + answer.registered).toBe(was.in_progress + was.registered);
      expect(utilities(answer)!.entered - (utilities(was)?.entered ?? 0)).toBe(1);
      expect(utilities(answer)!.resolved - (utilities(was)?.resolved ?? 0)).toBe(1);
      expect(march(answer)!.entered - (march(was)?.entered ?? 0)).toBe(1);
    }
  });

  it('an open duplicate of an open original adds nothing to the open or overdue figures', async () => {
    const before = await stats();
    const original = await register({ title: 'Жол бұзылған' });
    await register({ title: 'Жол бұзылған', duplicate_of: original });
    const after = await stats();
    expect(after.registered - before.registered).toBe(1);
    expect(after.overdue - before.overdue).toBe(1);
    expect(after.entered - before.entered).toBe(1);
  });
});
