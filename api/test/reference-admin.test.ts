import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { api } from './http.js';
import { startApp, type RunningApp } from './support.js';

describeOnEachDatabase('categories and agencies managed by administrators', (db) => {
  let app: RunningApp;
  let accounts: Record<'viewer' | 'akimat' | 'prosecutor' | 'admin', TestAccount>;
  beforeAll(async () => {
    accounts = await createRoleAccounts(db().knex);
    app = await startApp(db());
  });
  afterAll(() => app.close());

  it('lets an admin add a category in three languages, and audits it', async () => {
    const admin = api(app.url, accounts.admin.token);
    const added = await admin('POST', '/api/categories', {
      code: 'water_dispute',
      name_kk: 'Суару суы дауы',
      name_ru: 'Споры о поливной воде',
      name_en: 'Irrigation water disputes',
      colour: '#2266aa',
    });
    expect(added.status).toBe(201);
    expect((await admin('GET', '/api/categories')).body.map((c: { code: string }) => c.code)).toContain(
      'water_dispute',
    );
    const audit = await db()
      .knex('audit_log')
      .where({ action: 'category.create', entity_id: 'water_dispute' })
      .first('user_id');
    expect(audit.user_id).toBe(accounts.admin.id);
    expect(
      (
        await admin('POST', '/api/categories', {
          code: 'water_dispute',
          name_kk: 'a',
          name_ru: 'a',
          name_en: 'a',
          colour: '#000000',
        })
      ).status,
    ).toBe(409);
  });

  it('keeps a default deadline per category and severity, lists it, audits its change and refuses nonsense', async () => {
    const admin = api(app.url, accounts.admin.token);
    const set = await admin(
      'PATCH',
      '/api/categories/utilities',
      { due_days: { critical: 3, high: 10 } },
      { 'If-Match': '*' },
    );
    expect(set.status).toBe(200);
    expect(set.body.due_days).toEqual({ critical: 3, high: 10 });
    const listed = (await admin('GET', '/api/categories')).body.find((c: { code: string }) => c.code === 'utilities');
    expect(listed.due_days).toEqual({ critical: 3, high: 10 });
    const audit = await db()
      .knex('audit_log')
      .where({ action: 'category.update', entity_id: 'utilities' })
      .orderBy('id', 'desc')
      .first('before', 'after');
    expect(audit.before.due_days).toEqual({});
    expect(audit.after.due_days).toEqual({ critical: 3, high: 10 });
    for (const due_days of [{ critical: 0 }, { high: 2.5 }, { urgent: 3 }, [3]]) {
      const bad = await admin('PATCH', '/api/categories/utilities', { due_days }, { 'If-Match': '*' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toMatch(/^due_days/);
    }
    const viewer = api(app.url, accounts.viewer.token);
    expect(
      (await viewer('PATCH', '/api/categories/utilities', { due_days: { low: 30 } }, { 'If-Match': '*' })).status,
    ).toBe(403);
  });

  it('retires an agency without deleting it, keeping before and after in the audit trail', async () => {
    const admin = api(app.url, accounts.admin.token);
    const retired = await admin(
      'PATCH',
      '/api/agencies/ecology',
      { active: false, name_en: 'Ecology Department' },
      { 'If-Match': '*' },
    );
    expect(retired.body).toMatchObject({ code: 'ecology', active: false, name_en: 'Ecology Department' });
    const audit = await db()
      .knex('audit_log')
      .where({ action: 'agency.update', entity_id: 'ecology' })
      .first('before', 'after');
    expect(audit.before).toMatchObject({ active: true, name_en: 'Department of Ecology' });
    expect(audit.after).toMatchObject({ active: false });
    expect((await admin('PATCH', '/api/agencies/nope', { active: false }, { 'If-Match': '*' })).status).toBe(404);
  });

  it('refuses reference changes from anyone but an admin, and bad values with the field named', async () => {
    for (const role of ['viewer', 'akimat', 'prosecutor'] as const) {
      const reply = await api(app.url, accounts[role].token)(
        'PATCH',
        '/api/categories/other',
        { colour: '#000000' },
        { 'If-Match': '*' },
      );
      expect(reply.status).toBe(403);
    }
    const bad = await api(app.url, accounts.admin.token)(
      'PATCH',
      '/api/categories/other',
      { colour: 'red' },
      { 'If-Match': '*' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('colour');
  });
});
