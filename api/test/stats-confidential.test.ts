import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { isHeadlinePeriod } from '../src/stats/confidential.js';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { api } from './http.js';
import { startApp, type RunningApp } from './support.js';

const TODAY = '2026-11-23';

describe('which filters are a headline period', () => {
  it('takes no filter, whole months and periods up to today; nothing narrower, nothing else', () => {
    expect(isHeadlinePeriod({}, TODAY)).toBe(true);
    expect(isHeadlinePeriod({ registered_from: '2026-01-01' }, TODAY)).toBe(true);
    expect(isHeadlinePeriod({ registered_from: '2026-10-01', registered_to: TODAY }, TODAY)).toBe(true);
    expect(isHeadlinePeriod({ registered_from: '2026-03-01', registered_to: '2026-03-31' }, TODAY)).toBe(true);
    expect(isHeadlinePeriod({ registered_from: '2024-02-01', registered_to: '2024-02-29' }, TODAY)).toBe(true);
    expect(isHeadlinePeriod({ registered_from: '2026-03-03', registered_to: '2026-03-03' }, TODAY)).toBe(false);
    expect(isHeadlinePeriod({ registered_from: '2026-03-01', registered_to: '2026-03-30' }, TODAY)).toBe(false);
    expect(isHeadlinePeriod({ registered_from: '2026-10-25', registered_to: TODAY }, TODAY)).toBe(false);
    expect(isHeadlinePeriod({ status: ['resolved'] }, TODAY)).toBe(false);
    expect(isHeadlinePeriod({ registered_from: '2026-01-01', overdue: true }, TODAY)).toBe(false);
    expect(isHeadlinePeriod({ resolved_from: '2026-01-01' }, TODAY)).toBe(false);
  });
});

describeOnEachDatabase('the confidential count in /api/stats', (db) => {
  let app: RunningApp;
  let who: Record<'viewer' | 'akimat' | 'prosecutor' | 'admin', TestAccount>;
  const as = (account: TestAccount) => api(app.url, account.token);
  let secret: { registered_on: string; status: string };

  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    who = await createRoleAccounts(db().knex);
    app = await startApp(db(), { timeZone: 'UTC' });
    secret = await db()
      .knex('hotspots')
      .where('confidential', true)
      .whereNull('deleted_at')
      .first('registered_on', 'status');
  });
  afterAll(() => app?.close());

  const narrow = () => [
    `registered_from=${secret.registered_on}&registered_to=${secret.registered_on}`,
    `registered_from=${secret.registered_on}&registered_to=${secret.registered_on}&status=${secret.status}`,
    `status=${secret.status}`,
    'overdue=false',
    `resolved_from=2026-01-01`,
  ];

  it('counts confidential hotspots for every role under a headline period', async () => {
    const confidential = await db()
      .knex('hotspots')
      .where('confidential', true)
      .whereNull('deleted_at')
      .count({ n: '*' });
    for (const account of Object.values(who)) {
      const stats = await as(account)('GET', '/api/stats');
      expect(stats.body.confidential, account.role).toBe(Number(confidential[0]!.n));
      const month = secret.registered_on.slice(0, 7);
      const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString();
      const inMonth = await as(account)(
        'GET',
        `/api/stats?registered_from=${month}-01&registered_to=${last.slice(0, 10)}`,
      );
      expect(inMonth.body.confidential, account.role).toBeGreaterThan(0);
    }
  });

  it('leaves them out of every figure for viewer and akimat staff under narrower filters, so the headline equals the list', async () => {
    for (const account of [who.viewer, who.akimat]) {
      for (const filter of narrow()) {
        const stats = await as(account)('GET', `/api/stats?${filter}`);
        expect(stats.status).toBe(200);
        expect(stats.body, `${account.role} ${filter}`).not.toHaveProperty('confidential');
        const list = await as(account)('GET', `/api/hotspots?${filter}&limit=1000`);
        expect(stats.body.entered, `${account.role} ${filter}`).toBe(list.body.numberMatched);
      }
    }
    for (const account of [who.prosecutor, who.admin]) {
      for (const filter of narrow()) {
        const stats = await as(account)('GET', `/api/stats?${filter}`);
        const list = await as(account)('GET', `/api/hotspots?${filter}&limit=1000`);
        expect(stats.body.entered).toBe(list.body.numberMatched);
        expect(typeof stats.body.confidential).toBe('number');
      }
    }
  });
});
