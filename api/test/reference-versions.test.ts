import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createAccount, type TestAccount } from './accounts.js';
import { api } from './http.js';
import { startApp, type RunningApp } from './support.js';

describeOnEachDatabase('two administrators editing one category or agency lose no edit', (db) => {
  let app: RunningApp;
  let admin: TestAccount;
  beforeAll(async () => {
    admin = await createAccount(db().knex, 'admin');
    app = await startApp(db());
  });
  afterAll(() => app.close());
  const as = () => api(app.url, admin.token);

  it.each([
    ['categories', 'roads', { name_en: 'Roads (edited by one)' }, { name_en: 'Roads (edited by the other)' }],
    ['agencies', 'ecology', { name_en: 'Ecology (one)' }, { name_en: 'Ecology (other)' }],
  ])(
    'applies exactly one of parallel edits of one version of %s, the other answered 412 with the current',
    async (kind, code, first, second) => {
      const read = await as()('GET', `/api/${kind}/${code}`);
      expect(read.status).toBe(200);
      const etag = read.headers.get('etag')!;
      expect(etag).toBe(`"v${read.body.version}"`);
      const answers = await Promise.all(
        [first, second, first, second].map((patch) =>
          as()('PATCH', `/api/${kind}/${code}`, patch, { 'If-Match': etag }),
        ),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 412, 412, 412]);
      const applied = answers.find((answer) => answer.status === 200)!;
      expect(applied.body.version).toBe(read.body.version + 1);
      expect(applied.headers.get('etag')).toBe(`"v${read.body.version + 1}"`);
      for (const refused of answers.filter((answer) => answer.status === 412)) {
        expect(refused.body.current).toMatchObject({ name_en: applied.body.name_en, version: applied.body.version });
      }
      const audited = await db()
        .knex('audit_log')
        .where({ action: `${kind === 'categories' ? 'category' : 'agency'}.update`, entity_id: code });
      expect(audited).toHaveLength(1);
      // The list shows the version too, so a form opened from it can send it back.
      const listed = (await as()('GET', `/api/${kind}`)).body.find((row: { code: string }) => row.code === code);
      expect(listed).toMatchObject({ version: applied.body.version, name_en: applied.body.name_en });
    },
  );

  it('asks for If-Match on an edit and refuses a version that is not the current one', async () => {
    const before = await as()('GET', '/api/categories/utilities');
    const missing = await as()('PATCH', '/api/categories/utilities', { sort_order: 7 });
    expect(missing.status).toBe(428);
    const stale = await as()(
      'PATCH',
      '/api/categories/utilities',
      { sort_order: 7 },
      { 'If-Match': `"v${before.body.version + 5}"` },
    );
    expect(stale.status).toBe(412);
    const garbage = await as()('PATCH', '/api/categories/utilities', { sort_order: 7 }, { 'If-Match': 'yesterday' });
    expect(garbage.status).toBe(400);
    const after = await as()('GET', '/api/categories/utilities');
    expect(after.body).toEqual(before.body);
    expect((await as()('GET', '/api/categories/no_such_one')).status).toBe(404);
  });
});
