import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { todayIn } from '../src/time.js';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { api } from './http.js';
import { startApp, type RunningApp } from './support.js';

const OWN = 'housing_utilities';
const OTHER = 'police';

/*
 * The discipline report counts instructions about confidential hotspots in its totals for people
 * who may not open them, as /api/stats does: over a headline period only (whole months, or up to
 * today), for every agency. A narrow question — one day's deadlines, one agency — would single
 * the confidential hotspot's instruction out by subtraction from the list.
 */
describeOnEachDatabase('discipline totals and confidential hotspots under narrow questions', (db) => {
  let app: RunningApp;
  let who: Record<'viewer' | 'akimat' | 'prosecutor' | 'admin', TestAccount>;
  let today = '';
  let due = '';

  beforeAll(async () => {
    who = await createRoleAccounts(db().knex);
    app = await startApp(db(), { timeZone: 'UTC' });
    today = todayIn('UTC');
    const day = (offset: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    due = day(-5);
    const call = api(app.url, who.prosecutor.token);
    const secret = await call('POST', '/api/hotspots', {
      ...{ title: 'Құпия ошақ', description: 'Сипаттама', category: 'utilities', severity: 'high' },
      ...{ geometry: { type: 'Point', coordinates: [68.2611, 43.3011] }, agency: OWN, confidential: true },
      ...{ registered_on: day(-40), due_on: day(10) },
    });
    expect(secret.status, JSON.stringify(secret.body)).toBe(201);
    const meeting = await call('POST', '/api/meetings', {
      ...{ held_on: day(-30), kind: 'interagency_prosecutor', title: 'Кеңес', chair: 'Прокурор' },
      ...{ agencies: [OWN, OTHER], agenda: [{ hotspot_id: secret.body.id }] },
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const instruction = await call('POST', `/api/meetings/${meeting.body.id}/instructions`, {
      ...{ text: 'Тексеру', due_on: due, agencies: [OWN, OTHER], hotspot_id: secret.body.id },
    });
    expect(instruction.status, JSON.stringify(instruction.body)).toBe(201);
  });
  afterAll(() => app?.close());

  const report = async (account: TestAccount, query: string) => {
    const answer = await api(app.url, account.token)('GET', `/api/discipline?${query}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as { totals: { given: number }; confidential: number };
  };
  const monthStart = () => `${due.slice(0, 8)}01`;

  it('counts them for everyone over whole months up to today, as the headline does', async () => {
    for (const account of [who.viewer, who.prosecutor]) {
      const whole = await report(account, `from=${monthStart()}&to=${today}`);
      expect(whole.totals.given).toBe(2);
      expect(whole.confidential).toBe(2);
    }
  });

  it('leaves them out for a viewer when the period is one day, but not for those who may open them', async () => {
    const narrow = await report(who.viewer, `from=${due}&to=${due}`);
    expect(narrow.totals.given).toBe(0);
    expect(narrow.confidential).toBe(0);
    expect((await report(who.prosecutor, `from=${due}&to=${due}`)).totals.given).toBe(2);
  });

  it('leaves them out for a viewer when one agency is asked about, whatever the period', async () => {
    const own = await report(who.viewer, `from=${monthStart()}&to=${today}&agency=${OTHER}`);
    expect(own.totals.given).toBe(0);
    expect(own.confidential).toBe(0);
  });
});
