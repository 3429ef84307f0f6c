import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createAccount, TEST_PASSWORD, type TestAccount } from './accounts.js';
import { startApp, type RunningApp } from './support.js';

interface Reply {
  status: number;
  body: Record<string, unknown>;
  cookie?: string;
  headers: Headers;
}

async function send(
  app: RunningApp,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const setCookie = response.headers.get('set-cookie') ?? undefined;
  return {
    status: response.status,
    body: text ? JSON.parse(text) : {},
    cookie: setCookie?.split(';')[0],
    headers: response.headers,
  };
}

describeOnEachDatabase('accounts, sessions and tokens', (db) => {
  let app: RunningApp;
  let prosecutor: TestAccount;
  let admin: TestAccount;
  const signIn = (login: string, password = TEST_PASSWORD, ip?: string) =>
    send(app, 'POST', '/api/session', { body: { login, password }, headers: ip ? { 'X-Forwarded-For': ip } : {} });

  beforeAll(async () => {
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prokuror1');
    admin = await createAccount(db().knex, 'admin', 'admin1');
    app = await startApp(db(), {
      trustProxy: 'loopback',
      // The password step alone: the second factor that follows it is tested in mfa-sign-in.test.ts.
      authPolicy: {
        pairFailureLimit: 3,
        loginFailureLimit: 3,
        addressFailureLimit: 6,
        maxDelayMs: 50,
        mfaRequiredRoles: [],
      },
    });
  });
  afterAll(() => app.close());

  it('signs in with an HttpOnly SameSite cookie, knows who is signed in, and signs out on the server', async () => {
    const signedIn = await signIn('ProKuror1');
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(signedIn.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    expect(signedIn.body.user).toMatchObject({ login: 'prokuror1', role: 'prosecutor' });
    const cookie = signedIn.cookie as string;
    expect((await send(app, 'GET', '/api/session', { headers: { Cookie: cookie } })).body.user).toMatchObject({
      login: 'prokuror1',
    });
    const csrf = signedIn.body.csrf_token as string;
    expect(
      (await send(app, 'DELETE', '/api/session', { headers: { Cookie: cookie, 'X-CSRF-Token': csrf } })).status,
    ).toBe(204);
    expect((await send(app, 'GET', '/api/session', { headers: { Cookie: cookie } })).status).toBe(401);
    const actions = await db().knex('audit_log').where({ user_id: prosecutor.id }).pluck('action');
    expect(actions).toEqual(expect.arrayContaining(['session.sign_in', 'session.sign_out']));
  });

  it('refuses a cookie-authenticated change without the CSRF token', async () => {
    const { cookie, body } = await signIn('prokuror1');
    const headers = { Cookie: cookie as string };
    const forged = await send(app, 'POST', '/api/me/tokens', { body: { name: 'forged' }, headers });
    expect(forged.status).toBe(403);
    expect(forged.body.detail).toContain('X-CSRF-Token');
    const wrong = await send(app, 'POST', '/api/me/tokens', {
      body: { name: 'x' },
      headers: { ...headers, 'X-CSRF-Token': 'nope' },
    });
    expect(wrong.status).toBe(403);
    const right = await send(app, 'POST', '/api/me/tokens', {
      body: { name: 'qgis', password: TEST_PASSWORD },
      headers: { ...headers, 'X-CSRF-Token': body.csrf_token as string },
    });
    expect(right.status).toBe(201);
  });

  it('never adopts a session id planted before sign-in', async () => {
    const planted = 'oshaq_session=attacker-chosen-value';
    const signedIn = await send(app, 'POST', '/api/session', {
      body: { login: 'prokuror1', password: TEST_PASSWORD },
      headers: { Cookie: planted },
    });
    expect(signedIn.cookie).toBeDefined();
    expect(signedIn.cookie).not.toBe(planted);
    expect((await send(app, 'GET', '/api/session', { headers: { Cookie: planted } })).status).toBe(401);
  });

  it('ends a session left idle too long', async () => {
    const { cookie } = await signIn('prokuror1');
    await db()
      .knex('sessions')
      .whereNull('ended_at')
      .update({ last_seen_at: db().knex.raw("now() - interval '2 hours'") });
    expect((await send(app, 'GET', '/api/session', { headers: { Cookie: cookie as string } })).status).toBe(401);
  });

  it('after repeated failures from elsewhere refuses the login with the same words whether or not it exists', async () => {
    const ip = '10.9.8.7';
    for (let i = 0; i < 3; i += 1) {
      const failed = await signIn('prokuror1', 'wrong password here', ip);
      expect(failed.status).toBe(401);
      expect(failed.body.detail).toBe('Sign-in failed: the login or the password is wrong.');
      const unknown = await signIn('nobody-here', 'wrong password here', `${ip}1`);
      expect(unknown.body.detail).toBe(failed.body.detail);
    }
    const locked = await signIn('prokuror1', TEST_PASSWORD, '10.1.1.1');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBeTruthy();
    expect(locked.body.code).toBe('sign_in_throttled');
    const lockedUnknown = await signIn('nobody-here', TEST_PASSWORD, '10.1.1.2');
    expect(lockedUnknown.status).toBe(429);
    expect(lockedUnknown.body.detail).toBe(locked.body.detail);
  });

  it('accepts a personal API token as Bearer and as the password of Basic auth, until it is revoked', async () => {
    const bearer = { Authorization: `Bearer ${admin.token}` };
    expect((await send(app, 'GET', '/api/session', { headers: bearer })).body.user).toMatchObject({ login: 'admin1' });
    const basic = { Authorization: `Basic ${Buffer.from(`admin1:${admin.token}`).toString('base64')}` };
    expect((await send(app, 'GET', '/api/hotspots?limit=1', { headers: basic })).status).toBe(200);
    const wrongLogin = { Authorization: `Basic ${Buffer.from(`prokuror1:${admin.token}`).toString('base64')}` };
    expect((await send(app, 'GET', '/api/hotspots?limit=1', { headers: wrongLogin })).status).toBe(401);
    const created = await send(app, 'POST', '/api/me/tokens', {
      body: { name: 'script', password: TEST_PASSWORD },
      headers: bearer,
    });
    const token = created.body.token as string;
    expect(token).toMatch(/^oshaq_/);
    const listed = await send(app, 'GET', '/api/me/tokens', { headers: bearer });
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect((await send(app, 'DELETE', `/api/me/tokens/${created.body.id}`, { headers: bearer })).status).toBe(204);
    expect((await send(app, 'GET', '/api/session', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );
  });

  it('records when a token was last used, writing that at most once a minute however many requests it makes', async () => {
    const token = await createAccount(db().knex, 'viewer', 'gis-client');
    const lastUsed = async () =>
      (await db()
        .knex('api_tokens')
        .where({ user_id: token.id })
        .first<{ at: string | null }>(db().knex.raw('last_used_at::text AS at')))!.at;
    const bearer = { Authorization: `Bearer ${token.token}` };
    expect((await send(app, 'GET', '/api/categories', { headers: bearer })).status).toBe(200);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    for (let i = 0; i < 3; i++) await send(app, 'GET', '/api/categories', { headers: bearer });
    expect(await lastUsed()).toBe(first);
    // A minute later (moved back in the database rather than waited for), the next request records itself.
    await db()
      .knex('api_tokens')
      .where({ user_id: token.id })
      .update({ last_used_at: db().knex.raw("now() - interval '2 minutes'") });
    const stale = await lastUsed();
    await send(app, 'GET', '/api/categories', { headers: bearer });
    expect(await lastUsed()).not.toBe(stale);
  });

  it('lets an admin end every session of a user, and a deactivated user can no longer sign in', async () => {
    const viewer = await createAccount(db().knex, 'viewer', 'viewer-to-stop');
    const { cookie } = await signIn('viewer-to-stop');
    const bearer = { Authorization: `Bearer ${admin.token}` };
    expect(
      (await send(app, 'POST', `/api/users/${viewer.id}/end-sessions`, { body: {}, headers: bearer })).body,
    ).toEqual({ ended: 1, tokens_revoked: 1 });
    expect((await send(app, 'GET', '/api/session', { headers: { Cookie: cookie as string } })).status).toBe(401);
    expect(
      (await send(app, 'PATCH', `/api/users/${viewer.id}`, { body: { active: false }, headers: bearer })).status,
    ).toBe(200);
    expect((await signIn('viewer-to-stop')).status).toBe(401);
    expect(
      (await send(app, 'GET', '/api/session', { headers: { Authorization: `Bearer ${viewer.token}` } })).status,
    ).toBe(401);
  });

  it('changes a password: the current one is required, a weak one refused, other sessions end', async () => {
    await createAccount(db().knex, 'viewer', 'changer');
    const other = await signIn('changer');
    const mine = await signIn('changer');
    const headers = { Cookie: mine.cookie as string, 'X-CSRF-Token': mine.body.csrf_token as string };
    const wrong = await send(app, 'POST', '/api/me/password', {
      body: { current_password: 'nope', new_password: 'жаңа-құпия-сөз-өте-ұзын' },
      headers,
    });
    expect((wrong.body.errors as { field: string }[])[0]?.field).toBe('current_password');
    const weak = await send(app, 'POST', '/api/me/password', {
      body: { current_password: TEST_PASSWORD, new_password: 'password123456' },
      headers,
    });
    expect((weak.body.errors as { field: string }[])[0]?.field).toBe('new_password');
    // A code the web words in the person's language; zxcvbn's English feedback is not passed on.
    expect(weak.body.code).toBe('password_guessable');
    const changed = await send(app, 'POST', '/api/me/password', {
      body: { current_password: TEST_PASSWORD, new_password: 'жаңа-құпия-сөз-өте-ұзын' },
      headers,
    });
    expect(changed.status).toBe(204);
    expect((await send(app, 'GET', '/api/session', { headers: { Cookie: other.cookie as string } })).status).toBe(401);
    expect((await send(app, 'GET', '/api/session', { headers: { Cookie: mine.cookie as string } })).status).toBe(200);
    expect((await signIn('changer')).status).toBe(401);
    expect((await signIn('changer', 'жаңа-құпия-сөз-өте-ұзын')).status).toBe(200);
  });

  it('lets an admin reset a password, ending the account’s sessions and keeping the password out of the audit', async () => {
    const target = await createAccount(db().knex, 'akimat', 'reset-me');
    const { cookie } = await signIn('reset-me');
    const bearer = { Authorization: `Bearer ${admin.token}` };
    const reset = await send(app, 'PATCH', `/api/users/${target.id}`, {
      body: { password: 'бір-екі-үш-төрт-бес-алты' },
      headers: bearer,
    });
    expect(reset.status).toBe(200);
    expect((await send(app, 'GET', '/api/session', { headers: { Cookie: cookie as string } })).status).toBe(401);
    expect((await signIn('reset-me', 'бір-екі-үш-төрт-бес-алты')).status).toBe(200);
    const audit = await db()
      .knex('audit_log')
      .where({ action: 'user.update', entity_id: String(target.id) })
      .first('after');
    expect(JSON.stringify(audit.after)).not.toContain('бір-екі');
  });

  it('answers 401 with a Basic challenge for GIS clients, but not for the web app', async () => {
    const gis = await send(app, 'GET', '/api/hotspots');
    expect(gis.status).toBe(401);
    expect(gis.headers.get('www-authenticate')).toMatch(/^Basic/);
    const web = await send(app, 'GET', '/api/hotspots', { headers: { 'X-Requested-With': 'oshaq-web' } });
    expect(web.status).toBe(401);
    expect(web.headers.get('www-authenticate')).toBeNull();
  });

  it('sends a Content-Security-Policy that allows only the app and the tile server', async () => {
    const response = await fetch(`${app.url}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/tile\.example\.org/);
  });
});
