import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createAccount, TEST_PASSWORD, type TestAccount } from './accounts.js';
import { startApp, type RunningApp } from './support.js';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  retryAfter: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnEachDatabase('sign-in limits that hold in parallel and never lock an owner out for good', (db) => {
  let app: RunningApp;
  let admin: TestAccount;
  // Long enough that a slow machine finishes an attack inside one window; the test moves the
  // window's start back in the database rather than waiting for it to end.
  const WINDOW_SECONDS = 60;

  const signIn = async (login: string, password: string, ip: string): Promise<Answer> => {
    const response = await fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
      body: JSON.stringify({ login, password }),
    });
    return {
      status: response.status,
      body: (await response.json()) as never,
      retryAfter: response.headers.get('retry-after'),
    };
  };
  const asAdmin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${admin.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  /**
   * Failed sign-ins whose password was really checked (from the audit trail), and those refused
   * unchecked (counted on the login's counters: auth/refusals.ts audits only the lock and a count).
   */
  const audited = async (login: string) => {
    const checked = (await db().knex('audit_log').where({ action: 'session.sign_in_failed', actor: login })).length;
    const counters = await db().knex('sign_in_throttles').where({ login }).sum({ refused: 'refused' }).first();
    return { checked, refused: Number(counters?.refused ?? 0) };
  };
  const locksOf = async (login: string) =>
    (
      (await asAdmin('GET', '/api/sign-in-locks')).body as {
        login: string | null;
        scope: string;
        id: number;
        until: string;
        blocked: boolean;
        failures: number;
        ip: string | null;
      }[]
    ).filter((lock) => lock.login === login);

  beforeAll(async () => {
    admin = await createAccount(db().knex, 'admin', 'lock-admin');
    app = await startApp(db(), {
      trustProxy: 'loopback',
      authPolicy: {
        pairFailureLimit: 5,
        loginFailureLimit: 10,
        addressFailureLimit: 500,
        windowMinutes: WINDOW_SECONDS / 60,
        maxDelayMs: 10,
      },
    });
  });
  afterAll(() => app.close());

  it('checks at most the limit of 120 parallel guesses from one address, the right password among them', async () => {
    await createAccount(db().knex, 'viewer', 'parallel-target');
    // The default 15-minute window here: the run must not outlast it.
    const longWindow = await startApp(db(), { trustProxy: 'loopback', authPolicy: { maxDelayMs: 10 } });
    const guesses = Array.from({ length: 120 }, (_, i) => (i === 30 ? TEST_PASSWORD : `wrong guess ${i}`));
    const answers = await Promise.all(
      guesses.map((password) =>
        fetch(`${longWindow.url}/api/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.1.0.1' },
          body: JSON.stringify({ login: 'parallel-target', password }),
        }).then(async (response) => ({ status: response.status, body: await response.text() })),
      ),
    );
    await longWindow.close();
    const statuses = answers.map((answer) => answer.status);
    const checked = statuses.filter((status) => status === 401 || status === 200).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(115);
    const counts = await audited('parallel-target');
    expect(counts.checked).toBeLessThanOrEqual(5);
    expect(counts.checked + counts.refused).toBe(120 - statuses.filter((status) => status === 200).length);
    // Blocked now: the right password is refused too, with when to come back and a stable code.
    const again = await startApp(db(), { trustProxy: 'loopback' });
    const response = await fetch(`${again.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.1.0.1' },
      body: JSON.stringify({ login: 'parallel-target', password: TEST_PASSWORD }),
    });
    const after = {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: await response.json(),
    };
    await again.close();
    expect(after.status).toBe(429);
    expect(Number(after.retryAfter)).toBeGreaterThan(0);
    expect(Number(after.retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect(after.body).toMatchObject({ code: 'sign_in_throttled', retry_after: Number(after.retryAfter) });
  });

  it('refuses guesses from many spoofed addresses without locking the owner out for good', async () => {
    const owner = await createAccount(db().knex, 'viewer', 'spoof-target');
    // The owner's usual address: a successful sign-in makes it familiar.
    expect((await signIn('spoof-target', TEST_PASSWORD, '10.2.0.99')).status).toBe(200);
    const attack = (from: number, count: number) =>
      Promise.all(
        Array.from({ length: count }, (_, i) => signIn('spoof-target', `guess ${from + i}`, `10.3.${from + i}.1`)),
      );
    const answers = await attack(0, 60);
    expect(answers.filter((answer) => answer.status === 401).length).toBeLessThanOrEqual(10);
    // From a new address the login is blocked; from the owner's familiar one it is not.
    expect((await signIn('spoof-target', TEST_PASSWORD, '10.4.0.1')).status).toBe(429);
    expect((await signIn('spoof-target', TEST_PASSWORD, '10.2.0.99')).status).toBe(200);

    // Attempts while blocked do not move the end of the block.
    const [lock] = (await locksOf('spoof-target')).filter((row) => row.scope === 'login');
    expect(lock).toMatchObject({ blocked: true, failures: 10, ip: null });
    await sleep(1100);
    await attack(100, 20);
    const [still] = (await locksOf('spoof-target')).filter((row) => row.scope === 'login');
    expect(still).toMatchObject({ id: lock!.id, until: lock!.until, failures: 10 });

    // The window ends (moved back rather than waited for) and the owner signs in from anywhere.
    await db()
      .knex('sign_in_throttles')
      .where({ login: 'spoof-target' })
      .update({ window_started_at: db().knex.raw(`window_started_at - interval '${WINDOW_SECONDS + 1} seconds'`) });
    expect((await signIn('spoof-target', TEST_PASSWORD, '10.4.0.2')).status).toBe(200);

    // Blocked again; an administrator sees the lock and clears it, and that is audited.
    await attack(200, 30);
    expect((await signIn('spoof-target', TEST_PASSWORD, '10.4.0.3')).status).toBe(429);
    const [again] = (await locksOf('spoof-target')).filter((row) => row.scope === 'login' && row.blocked);
    expect(again).toBeDefined();
    expect((await asAdmin('DELETE', `/api/sign-in-locks/${again!.id}`)).status).toBe(204);
    const cleared = await db()
      .knex('audit_log')
      .where({ action: 'sign_in_lock.clear', entity_id: String(again!.id) })
      .first('actor', 'before');
    expect(cleared.actor).toContain('lock-admin');
    expect(cleared.before).toMatchObject({ scope: 'login', login: 'spoof-target' });
    expect((await signIn('spoof-target', TEST_PASSWORD, '10.4.0.3')).status).toBe(200);

    // Blocked once more; an administrator's password reset clears the login's locks.
    await attack(300, 30);
    expect((await signIn('spoof-target', TEST_PASSWORD, '10.4.0.4')).status).toBe(429);
    const reset = await asAdmin('PATCH', `/api/users/${owner.id}`, { password: 'жаңа-құпиясөз-бесінші-қабат' });
    expect(reset.status).toBe(200);
    expect(await locksOf('spoof-target')).toEqual([]);
    expect((await signIn('spoof-target', 'жаңа-құпиясөз-бесінші-қабат', '10.4.0.4')).status).toBe(200);
  });

  it('does not take an address as familiar for a right password whose second factor never followed', async () => {
    await createAccount(db().knex, 'prosecutor', 'half-signed');
    // The password is right, so a code is asked for; no code comes and no session starts.
    const half = await signIn('half-signed', TEST_PASSWORD, '10.6.0.1');
    expect(half.body).toMatchObject({ mfa: 'enrol' });
    await Promise.all(Array.from({ length: 12 }, (_, i) => signIn('half-signed', `guess ${i}`, `10.7.${i}.1`)));
    // The login is blocked from everywhere, the address that knew only the password included.
    expect((await signIn('half-signed', TEST_PASSWORD, '10.6.0.1')).status).toBe(429);
  });

  it('limits one address guessing many logins (spraying) and leaves the others alone', async () => {
    const sprayApp = await startApp(db(), {
      trustProxy: 'loopback',
      authPolicy: { pairFailureLimit: 5, loginFailureLimit: 50, addressFailureLimit: 8, maxDelayMs: 10 },
    });
    try {
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fetch(`${sprayApp.url}/api/session`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.5.0.1' },
            body: JSON.stringify({ login: `sprayed-${i}`, password: 'Summer2026!' }),
          }).then((response) => response.status),
        ),
      );
      expect(answers.filter((status) => status === 401).length).toBeLessThanOrEqual(8);
      expect(answers.filter((status) => status === 429).length).toBeGreaterThanOrEqual(32);
      await createAccount(db().knex, 'viewer', 'elsewhere-user');
      const other = await fetch(`${sprayApp.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.5.0.2' },
        body: JSON.stringify({ login: 'elsewhere-user', password: TEST_PASSWORD }),
      });
      expect(other.status).toBe(200);
    } finally {
      await sprayApp.close();
    }
  });

  it('lets a person who changed their own password in at once, whatever the locks', async () => {
    await createAccount(db().knex, 'akimat', 'self-changer');
    const mine = await signIn('self-changer', TEST_PASSWORD, '10.6.0.1');
    expect(mine.status).toBe(200);
    await Promise.all(Array.from({ length: 15 }, (_, i) => signIn('self-changer', `bad ${i}`, `10.7.${i}.1`)));
    expect((await signIn('self-changer', TEST_PASSWORD, '10.6.0.2')).status).toBe(429);
    expect((await locksOf('self-changer')).some((lock) => lock.blocked)).toBe(true);
    // Signed in still (the session from before); the change clears the login's locks.
    const cookie = await fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.6.0.1' },
      body: JSON.stringify({ login: 'self-changer', password: TEST_PASSWORD }),
    });
    const set = cookie.headers.get('set-cookie')!.split(';')[0]!;
    const { csrf_token: csrf } = (await cookie.json()) as { csrf_token: string };
    const changed = await fetch(`${app.url}/api/me/password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: set, 'X-CSRF-Token': csrf, 'X-Forwarded-For': '10.6.0.1' },
      body: JSON.stringify({ current_password: TEST_PASSWORD, new_password: 'өзгерген-құпиясөз-алтыншы' }),
    });
    expect(changed.status).toBe(204);
    expect(await locksOf('self-changer')).toEqual([]);
    expect((await signIn('self-changer', 'өзгерген-құпиясөз-алтыншы', '10.6.0.2')).status).toBe(200);
  });
});
