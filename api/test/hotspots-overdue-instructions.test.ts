import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { todayIn } from '../src/time.js';
import { createAccount, type TestAccount } from './accounts.js';
import { api } from './http.js';
import { startApp, type RunningApp } from './support.js';

const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describeOnEachDatabase('the hotspot filter "with overdue instructions"', (db) => {
  let app: RunningApp;
  let prosecutor: TestAccount;
  const ids: Record<'late' | 'onTime' | 'none', string> = { late: '', onTime: '', none: '' };

  beforeAll(async () => {
    prosecutor = await createAccount(db().knex, 'prosecutor');
    app = await startApp(db(), { timeZone: 'UTC' });
    const call = api(app.url, prosecutor.token);
    const today = todayIn('UTC');
    for (const name of ['late', 'onTime', 'none'] as const) {
      const created = await call('POST', '/api/hotspots', {
        title: `Ошақ ${name}`,
        category: 'utilities',
        severity: 'medium',
        geometry: { type: 'Point', coordinates: [68.26, 43.3] },
        agency: 'housing_utilities',
        registered_on: shift(today, -40),
        due_on: shift(today, 20),
      });
      expect(created.status).toBe(201);
      ids[name] = created.body.id;
    }
    const meeting = await call('POST', '/api/meetings', {
      held_on: shift(today, -30),
      kind: 'interagency_prosecutor',
      title: 'Ведомствоаралық кеңес',
    });
    expect(meeting.status).toBe(201);
    for (const [name, due] of [
      ['late', shift(today, -1)],
      ['onTime', shift(today, 10)],
    ] as const) {
      const given = await call('POST', `/api/meetings/${meeting.body.id}/instructions`, {
        text: 'Жағдайды шешіп, хабарлаңыз',
        due_on: due,
        agencies: ['housing_utilities'],
        hotspot_id: ids[name],
      });
      expect(given.status).toBe(201);
    }
  });
  afterAll(() => app.close());

  it('lists only hotspots with an instruction past its deadline, and the counts agree', async () => {
    const call = api(app.url, prosecutor.token);
    const list = await call('GET', '/api/hotspots?overdue_instructions=true');
    expect(list.status).toBe(200);
    expect(list.body.features.map((feature: { id: string }) => feature.id)).toEqual([ids.late]);
    const stats = await call('GET', '/api/stats?overdue_instructions=true');
    expect(stats.body.entered).toBe(1);
    const others = await call('GET', '/api/hotspots?overdue_instructions=false');
    const otherIds = others.body.features.map((feature: { id: string }) => feature.id);
    expect(otherIds).toContain(ids.onTime);
    expect(otherIds).not.toContain(ids.late);
  });

  it('refuses a value that is not true or false', async () => {
    const reply = await api(app.url, prosecutor.token)('GET', '/api/hotspots?overdue_instructions=yes');
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].field).toBe('overdue_instructions');
  });
});
