import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createAccount, TEST_PASSWORD } from './accounts.js';
import { startApp, type RunningApp } from './support.js';

describeOnEachDatabase('ending your other sessions from the account page', (db) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(db(), { trustProxy: 'loopback' });
  });
  afterAll(() => app.close());

  /** A browser's session: its cookie and the CSRF token its changes carry. */
  async function signIn(login: string, ip: string) {
    const response = await fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip, 'User-Agent': `browser at ${ip}` },
      body: JSON.stringify({ login, password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const { csrf_token: csrf } = (await response.json()) as { csrf_token: string };
    return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, csrf, ip };
  }
  type Browser = Awaited<ReturnType<typeof signIn>>;
  const whoAmI = async (browser: Browser) =>
    (await fetch(`${app.url}/api/session`, { headers: { Cookie: browser.cookie } })).status;
  const endOthers = async (browser: Browser, body: unknown, csrf = browser.csrf) => {
    const response = await fetch(`${app.url}/api/me/sessions/end-others`, {
      method: 'POST',
      headers: {
        Cookie: browser.cookie,
        'X-CSRF-Token': csrf,
        'Content-Type': 'application/json',
        'X-Forwarded-For': browser.ip,
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('ends the other browser’s session and keeps this one, audited with how many ended', async () => {
    const person = await createAccount(db().knex, 'viewer', 'end.others');
    const elsewhere = await signIn(person.login, '192.0.2.10');
    const stranger = await signIn(person.login, '192.0.2.11');
    const here = await signIn(person.login, '192.0.2.12');
    expect(await endOthers(here, { password: TEST_PASSWORD })).toEqual({ status: 200, body: { ended: 2 } });
    expect(await whoAmI(elsewhere)).toBe(401);
    expect(await whoAmI(stranger)).toBe(401);
    expect(await whoAmI(here)).toBe(200);
    const rows = await db().knex('audit_log').where({ action: 'session.end_others', user_id: person.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ip: '192.0.2.12', entity_id: String(person.id), after: { sessions_ended: 2 } });
  });

  it('asks for the password again, so a stolen cookie alone cannot sign its owner out', async () => {
    const person = await createAccount(db().knex, 'viewer', 'end.others.proof');
    const owner = await signIn(person.login, '192.0.2.20');
    const thief = await signIn(person.login, '192.0.2.21');
    const wrong = await endOthers(thief, { password: 'not the password' });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('password');
    expect((await endOthers(thief, {})).status).toBe(400);
    // A cross-site form cannot send it either: the CSRF token is checked first.
    expect((await endOthers(thief, { password: TEST_PASSWORD }, 'forged')).status).toBe(403);
    expect(await whoAmI(owner)).toBe(200);
    expect(await db().knex('audit_log').where({ action: 'session.end_others', user_id: person.id })).toEqual([]);
  });
});
