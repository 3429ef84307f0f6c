import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import type { RouteTable } from '../src/http/route-table.js';
import { createAccount, TEST_PASSWORD, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

const HEADER = 'id,at,user_id,actor,ip,action,entity,entity_id,hotspot_reference,before,after';
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$/;
const point = { type: 'Point', coordinates: [68.26, 43.3] };
/** A calendar date `offset` days from now (UTC). */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeOnEachDatabase('audit trail', (db) => {
  let app: RunningApp;
  let admin: TestAccount;
  let prosecutor: TestAccount;
  let akimat: TestAccount;
  let viewer: TestAccount;
  const as = (account: TestAccount) => api(app.url, account.token);
  /** The entries an administrator reads with these filters, newest first. */
  async function trail(query: string, account = admin): Promise<Json[]> {
    const reply = await as(account)('GET', `/api/audit?${query}`);
    expect(reply.status, query).toBe(200);
    return reply.body as Json[];
  }
  const byPerson = (account: TestAccount) => ({
    user_id: account.id,
    actor: expect.stringContaining(account.login),
    ip: expect.stringMatching(LOOPBACK),
  });
  const signIn = (login: string, password: string, ip: string) =>
    fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
      body: JSON.stringify({ login, password }),
    });
  async function newHotspot(title: string): Promise<{ id: string; etag: string; reference: string }> {
    const reply = await as(prosecutor)('POST', '/api/hotspots', {
      ...{ title, category: 'utilities', severity: 'medium', geometry: point, agency: 'housing_utilities' },
      due_on: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(reply.status).toBe(201);
    return { id: reply.body.id, etag: reply.headers.get('etag')!, reference: reply.body.properties.reference };
  }

  beforeAll(async () => {
    const knex = db().knex;
    await seedDemo(knex, '2026-11-23');
    admin = await createAccount(knex, 'admin');
    prosecutor = await createAccount(knex, 'prosecutor');
    akimat = await createAccount(knex, 'akimat', undefined, 'housing_utilities');
    viewer = await createAccount(knex, 'viewer');
    // The test speaks as a proxy on loopback would, naming the person's address in X-Forwarded-For.
    app = await startApp(db(), { trustProxy: 'loopback' });
  });
  afterAll(() => app.close());

  it('records who created, edited, moved, commented on, resolved and deleted a hotspot, from where, with before and after', async () => {
    const { id, etag, reference } = await newHotspot('Аудит: бастапқы атау');
    expect(reference).toMatch(/^\d{4}-\d{3,}$/);
    const call = as(prosecutor);
    expect(
      (await call('PATCH', `/api/hotspots/${id}`, { title: 'Аудит: жаңа атау' }, { 'If-Match': etag })).status,
    ).toBe(200);
    expect((await call('POST', `/api/hotspots/${id}/transitions`, { to: 'in_progress' })).status).toBe(200);
    expect((await call('POST', `/api/hotspots/${id}/comments`, { note: 'Жұмыс басталды' })).status).toBe(201);
    const resolve = { to: 'resolved', note: 'Су берілді' };
    expect((await as(akimat)('POST', `/api/hotspots/${id}/transitions`, resolve)).status).toBe(200);
    expect((await call('DELETE', `/api/hotspots/${id}`, { reason: 'registered_in_error' })).status).toBe(204);

    const rows = await trail(`entity_id=${id}`);
    // People know a hotspot by its reference, even once deleted; the id stays for links and filters.
    const hotspot = {
      entity: 'hotspot',
      entity_id: id,
      hotspot_reference: reference,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
    };
    expect(rows).toEqual([
      expect.objectContaining({
        ...hotspot,
        ...byPerson(prosecutor),
        action: 'hotspot.delete',
        before: { version: 5 },
        after: { reason: 'registered_in_error', note: null },
      }),
      expect.objectContaining({
        ...{ ...hotspot, ...byPerson(akimat), action: 'hotspot.transition', before: { status: 'in_progress' } },
        after: expect.objectContaining({ status: 'resolved', note: 'Су берілді' }),
      }),
      expect.objectContaining({
        ...{ ...hotspot, ...byPerson(prosecutor), action: 'hotspot.comment' },
        after: expect.objectContaining({ note: 'Жұмыс басталды' }),
      }),
      expect.objectContaining({
        ...{ ...hotspot, ...byPerson(prosecutor), action: 'hotspot.transition', before: { status: 'registered' } },
        after: expect.objectContaining({ status: 'in_progress' }),
      }),
      expect.objectContaining({
        ...{ ...hotspot, ...byPerson(prosecutor), action: 'hotspot.update' },
        ...{ before: { title: 'Аудит: бастапқы атау' }, after: { title: 'Аудит: жаңа атау' } },
      }),
      expect.objectContaining({
        ...{ ...hotspot, ...byPerson(prosecutor), action: 'hotspot.create' },
        after: expect.objectContaining({ title: 'Аудит: бастапқы атау', agency: 'housing_utilities' }),
      }),
    ]);
  });

  it('records an import as one entry naming who imported how many hotspots, and which', async () => {
    const features = ['audit-1', 'audit-2'].map((ref) => ({
      type: 'Feature',
      properties: { external_ref: ref, title: `Импорт ${ref}`, category: 'utilities', severity: 'low' },
      geometry: point,
    }));
    const response = await fetch(`${app.url}/api/imports`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${prosecutor.token}`, 'Content-Type': 'application/geo+json' },
      body: JSON.stringify({ type: 'FeatureCollection', features }),
    });
    expect(response.status).toBe(201);
    const [row] = await trail('action=import&limit=1');
    expect(row).toMatchObject({
      ...{ ...byPerson(prosecutor), action: 'import.create', entity: 'hotspot' },
      after: { rows: 2, created: 2, external_refs: ['audit-1', 'audit-2'] },
    });
  });

  it('records an administrator creating and changing an account and ending its sessions, never with the password', async () => {
    const password = 'Көкпар-алаңы-жаңбыр-4711';
    const created = await as(admin)('POST', '/api/users', {
      ...{ login: 'audit.person', full_name: 'Аудит Адамы', role: 'viewer', password },
    });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const change = { full_name: 'Аудит Өзгерді', role: 'akimat', agency: 'housing_utilities' };
    expect((await as(admin)('PATCH', `/api/users/${id}`, change)).status).toBe(200);
    expect((await signIn('audit.person', password, '198.51.100.4')).status).toBe(200);
    expect((await as(admin)('POST', `/api/users/${id}/end-sessions`, {})).body).toEqual({
      ended: 1,
      tokens_revoked: 0,
    });

    const rows = await trail(`entity=user&entity_id=${id}`);
    expect(rows.map((row) => row.action)).toEqual([
      'user.end_sessions',
      'session.sign_in',
      'user.update',
      'user.create',
    ]);
    expect(rows[0]).toMatchObject({ ...byPerson(admin), after: { ended: 1 } });
    expect(rows[1]).toMatchObject({ user_id: Number(id), ip: '198.51.100.4' });
    expect(rows[2]).toMatchObject({
      ...byPerson(admin),
      ...{ before: { full_name: 'Аудит Адамы', role: 'viewer', agency: null }, after: change },
    });
    expect(rows[3]).toMatchObject({
      ...byPerson(admin),
      after: { login: 'audit.person', full_name: 'Аудит Адамы', role: 'viewer' },
    });
    expect(JSON.stringify(rows)).not.toContain(password);
    expect(JSON.stringify(rows)).not.toContain('$argon2');
  });

  it('records creating and revoking an API token, never with its secret', async () => {
    const made = await as(viewer)('POST', '/api/me/tokens', { name: 'QGIS', password: TEST_PASSWORD });
    expect(made.status).toBe(201);
    expect((await as(viewer)('DELETE', `/api/me/tokens/${made.body.id}`)).status).toBe(204);
    const rows = await trail(`entity=api_token&entity_id=${made.body.id}`);
    expect(rows).toEqual([
      expect.objectContaining({ ...byPerson(viewer), action: 'token.revoke' }),
      expect.objectContaining({
        ...byPerson(viewer),
        action: 'token.create',
        after: { name: 'QGIS', prefix: made.body.prefix, expires_at: made.body.expires_at },
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(made.body.token);
  });

  it('records sign-in, failed sign-in and sign-out with the address each came from, never the password tried', async () => {
    const person = await createAccount(db().knex, 'viewer', 'audit.signin');
    expect((await signIn('Audit.Signin', 'not-the-password-42', '203.0.113.7')).status).toBe(401);
    const signedIn = await signIn('Audit.Signin', TEST_PASSWORD, '203.0.113.7');
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf_token: csrf } = (await signedIn.json()) as Json;
    const signedOut = await fetch(`${app.url}/api/session`, {
      method: 'DELETE',
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'X-Forwarded-For': '203.0.113.8' },
    });
    expect(signedOut.status).toBe(204);
    const rows = (await trail('action=session')).filter((row) => row.actor === 'audit.signin');
    expect(rows.map((row) => [row.action, row.user_id, row.ip, row.entity_id])).toEqual([
      ['session.sign_out', person.id, '203.0.113.8', String(person.id)],
      ['session.sign_in', person.id, '203.0.113.7', String(person.id)],
      ['session.sign_in_failed', null, '203.0.113.7', null],
    ]);
    expect(JSON.stringify(rows)).not.toContain('not-the-password-42');
  });

  it('records the lock a refused sign-in meets, not the refusal as another failed sign-in', async () => {
    await createAccount(db().knex, 'viewer', 'audit.locked');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      statuses.push((await signIn('audit.locked', `guess-number-${attempt}`, '203.0.113.99')).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const rows = (await trail('action=session.sign_in_failed')).filter((row) => row.actor === 'audit.locked');
    expect(rows).toHaveLength(5);
    const locks = (await trail('action=sign_in_lock')).filter((row) => row.actor === 'audit.locked');
    expect(locks.map((row) => [row.action, row.ip])).toEqual([['sign_in_lock.locked', '203.0.113.99']]);
  });

  it('filters the trail by action prefix, entity id and dates, for administrators and prosecutor’s staff alike', async () => {
    const { id, etag } = await newHotspot('Сүзгі тексеруі');
    expect(
      (await as(prosecutor)('PATCH', `/api/hotspots/${id}`, { severity: 'high' }, { 'If-Match': etag })).status,
    ).toBe(200);
    for (const account of [admin, prosecutor]) {
      const hotspotRows = await trail('action=hotspot&limit=1000', account);
      expect(hotspotRows.length).toBeGreaterThanOrEqual(2);
      expect(hotspotRows.filter((row) => !row.action.startsWith('hotspot.'))).toEqual([]);
      const ids = hotspotRows.map((row) => row.id as number);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
      const updates = await trail('action=hotspot.update&limit=1000', account);
      expect(new Set(updates.map((row) => row.action))).toEqual(new Set(['hotspot.update']));
      expect(updates.map((row) => row.entity_id)).toContain(id);
      const of = (query: string) =>
        trail(`entity_id=${id}&${query}`, account).then((rows) => rows.map((r) => r.action));
      expect(await of('limit=100')).toEqual(['hotspot.update', 'hotspot.create']);
      expect(await of(`from=${day(-1)}&to=${day(1)}`)).toEqual(['hotspot.update', 'hotspot.create']);
      expect(await of(`from=${day(2)}`)).toEqual([]);
      expect(await of(`to=${day(-2)}`)).toEqual([]);
      expect(await of('limit=1')).toEqual(['hotspot.update']);
    }
    for (const bad of ['action=DROP%20TABLE', 'from=yesterday', 'limit=0', 'limit=1001', 'colour=red']) {
      expect((await as(admin)('GET', `/api/audit?${bad}`)).status, bad).toBe(400);
    }
  });

  it('exports the filtered trail as CSV with a BOM, a header and one row per entry, formulas defused', async () => {
    // The login of a failed sign-in is whatever a stranger typed: here, a spreadsheet formula.
    expect((await signIn('=1+2', 'whatever-it-is-99', '192.0.2.55')).status).toBe(401);
    for (const account of [admin, prosecutor]) {
      const query = 'action=session.sign_in_failed';
      const response = await fetch(`${app.url}/api/audit.csv?${query}`, {
        headers: { Authorization: `Bearer ${account.token}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="?oshaq-audit\.csv"?$/);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe(HEADER);
      expect(lines.at(-1)).toBe('');
      const rows = lines.slice(1, -1);
      expect(rows).toHaveLength((await trail(query, account)).length);
      expect(rows.every((row) => row.includes('"session.sign_in_failed"'))).toBe(true);
      expect(rows.find((row) => row.includes('192.0.2.55'))).toContain(`"'=1+2"`);
    }
  });

  it('shows the trail to no one but administrators and prosecutor’s staff', async () => {
    for (const path of ['/api/audit', '/api/audit.csv']) {
      expect((await api(app.url)('GET', path)).status, path).toBe(401);
      for (const account of [viewer, akimat]) expect((await as(account)('GET', path)).status, path).toBe(403);
    }
  });

  it('offers no way to change or remove an audit entry through the API', async () => {
    const table = app.express.locals.routeTable as RouteTable;
    const routes = table.routes.filter((route) => route.path.startsWith('/audit'));
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(['get /audit', 'get /audit.csv']);
    const count = async () => Number((await db().knex('audit_log').count({ n: '*' }))[0]!.n);
    const [latest] = await trail('limit=1');
    const before = await count();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of ['/api/audit', `/api/audit/${latest.id}`, '/api/audit.csv']) {
        const reply = await as(admin)(method, path, method === 'DELETE' ? undefined : { actor: 'someone else' });
        expect([404, 405], `${method} ${path}`).toContain(reply.status);
      }
    }
    expect(await count()).toBe(before);
    expect((await trail('limit=1'))[0]).toEqual(latest);
  });
});
