import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { auditsRefusal } from '../src/auth/refusals.js';
import { createAccount, TEST_PASSWORD, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

describe('which refused sign-ins are audited', () => {
  it('picks the first refusal and each power of ten after it, nothing else', () => {
    const picked = Array.from({ length: 10_000 }, (_, i) => i + 1).filter(auditsRefusal);
    expect(picked).toEqual([1, 10, 100, 1000, 10_000]);
    expect(auditsRefusal(0)).toBe(false);
  });
});

describeOnEachDatabase('refused sign-ins do not flood the audit trail', (db) => {
  let app: RunningApp;
  let admin: TestAccount;
  // The race is the server's (PGlite runs one query at a time): there the full 1,000; embedded,
  // where each attempt waits its turn anyway, 200 show the same bound in a fifth of the time.
  const attempts = () => (db().kind === 'server' ? 1000 : 200);

  beforeAll(async () => {
    admin = await createAccount(db().knex, 'admin');
    app = await startApp(db(), { trustProxy: 'loopback', authPolicy: { maxDelayMs: 5 } });
  });
  afterAll(() => app.close());

  const signIn = (login: string, password: string, ip: string) =>
    fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
      body: JSON.stringify({ login, password }),
    }).then(async (response) => {
      await response.arrayBuffer();
      return response.status;
    });

  /** Sends every attempt, `parallel` at a time, and answers their statuses. */
  async function hammer(passwords: string[], login: string, ip: string, parallel = 50): Promise<number[]> {
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < passwords.length) {
        const password = passwords[next++]!;
        statuses.push(await signIn(login, password, ip));
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    return statuses;
  }

  it('keeps the lock, who and where, and how many were refused in a handful of rows for 1,000 parallel guesses (on the server)', async () => {
    const target = await createAccount(db().knex, 'viewer', 'refusals.target');
    const ip = '198.51.100.23';
    const ATTEMPTS = attempts();
    const statuses = await hammer(
      Array.from({ length: ATTEMPTS }, (_, i) => `wrong guess ${i}`),
      target.login,
      ip,
    );
    const refused = statuses.filter((status) => status === 429).length;
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(refused).toBeGreaterThanOrEqual(ATTEMPTS - 5);

    const rows = await db().knex('audit_log').where({ actor: target.login }).select('action', 'ip', 'after');
    // Five checked wrong passwords, the lock, and the counts at 10 and 100: not a row per attempt.
    expect(rows.length).toBeLessThanOrEqual(10);
    const locked = rows.filter((row) => row.action === 'sign_in_lock.locked');
    expect(locked).toHaveLength(1);
    expect(locked[0]).toMatchObject({ ip, after: { scope: 'pair', login: target.login, ip, refused: 1 } });
    const counts = rows.filter((row) => row.action === 'sign_in_lock.refused').map((row) => row.after.refused);
    expect(counts.sort((a, b) => a - b)).toEqual([10, 100, 1000].filter((n) => n <= refused));

    // The lock still holds, for the right password too; the administrator sees the lock and the count.
    expect(await signIn(target.login, TEST_PASSWORD, ip)).toBe(429);
    const as = api(app.url, admin.token);
    const locks = (await as('GET', '/api/sign-in-locks')).body as Json[];
    const lock = locks.find((row) => row.login === target.login && row.ip === ip);
    expect(lock).toMatchObject({ scope: 'pair', blocked: true, refused: refused + 1 });
    const trail = await as('GET', '/api/audit?action=sign_in_lock');
    expect(trail.status).toBe(200);
    expect((trail.body as Json[]).filter((row) => row.actor === target.login).map((row) => row.action)).toContain(
      'sign_in_lock.locked',
    );
  });

  it('audits a new lock again once the old one was cleared', async () => {
    const target = await createAccount(db().knex, 'viewer', 'refusals.again');
    const ip = '198.51.100.24';
    const guesses = (n: number) => Array.from({ length: n }, (_, i) => `guess ${i}`);
    await hammer(guesses(8), target.login, ip, 4);
    const as = api(app.url, admin.token);
    const lock = ((await as('GET', '/api/sign-in-locks')).body as Json[]).find((row) => row.login === target.login)!;
    expect((await as('DELETE', `/api/sign-in-locks/${lock.id}`)).status).toBe(204);
    await hammer(guesses(8), target.login, ip, 4);
    const locked = await db().knex('audit_log').where({ actor: target.login, action: 'sign_in_lock.locked' });
    expect(locked).toHaveLength(2);
    const cleared = await db()
      .knex('audit_log')
      .where({ action: 'sign_in_lock.clear', entity_id: String(lock.id) });
    expect(cleared[0].before).toMatchObject({ refused: 3 });
  });
});
