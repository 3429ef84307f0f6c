import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createAccount, TEST_PASSWORD, type TestAccount } from './accounts.js';
import { api } from './http.js';
import { startApp, type RunningApp } from './support.js';

describeOnEachDatabase('API tokens: a lifetime, step-up to mint, and revoked with what ends access', (db) => {
  let app: RunningApp;
  let admin: TestAccount;
  const asAdmin = () => api(app.url, admin.token);

  beforeAll(async () => {
    admin = await createAccount(db().knex, 'admin', 'token-admin');
    app = await startApp(db(), { authPolicy: { pairFailureLimit: 3, maxDelayMs: 10 } });
  });
  afterAll(() => app.close());

  /** A fresh account and a token it minted itself (with its password), as a stolen cookie might. */
  async function minted(role: 'viewer' | 'akimat' = 'viewer', body: Record<string, unknown> = {}) {
    const account = await createAccount(db().knex, role);
    const created = await api(app.url, account.token)('POST', '/api/me/tokens', {
      name: 'qgis',
      password: TEST_PASSWORD,
      ...body,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { account, token: created.body.token as string, id: created.body.id as number, body: created.body };
  }
  const works = async (token: string) => (await api(app.url, token)('GET', '/api/session')).status === 200;

  it('mints a token for 90 days unless told otherwise, up to 365, and lists when each expires', async () => {
    const { account, body } = await minted();
    const days = (iso: string) => (new Date(iso).getTime() - Date.now()) / 86_400_000;
    expect(days(body.expires_at)).toBeGreaterThan(89.9);
    expect(days(body.expires_at)).toBeLessThan(90.1);
    const call = api(app.url, account.token);
    const year = await call('POST', '/api/me/tokens', { name: 'year', password: TEST_PASSWORD, expires_in_days: 365 });
    expect(days(year.body.expires_at)).toBeGreaterThan(364.9);
    for (const bad of [0, 366, 1.5, '30']) {
      const refused = await call('POST', '/api/me/tokens', {
        name: 'bad',
        password: TEST_PASSWORD,
        expires_in_days: bad,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('expires_in_days');
    }
    const listed = await call('GET', '/api/me/tokens');
    expect(listed.body.map((token: { expires_at: string }) => token.expires_at)).toEqual(
      expect.arrayContaining([body.expires_at, year.body.expires_at]),
    );
  });

  it('refuses to mint without the right password, and counts wrong ones against the sign-in throttle', async () => {
    const account = await createAccount(db().knex, 'viewer');
    const call = api(app.url, account.token);
    expect((await call('POST', '/api/me/tokens', { name: 'x' })).status).toBe(400);
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(await call('POST', '/api/me/tokens', { name: 'x', password: `nope ${i}` }));
    expect(answers.slice(0, 3).map((answer) => answer.status)).toEqual([400, 400, 400]);
    expect(answers[0]!.body.errors[0].field).toBe('password');
    expect(answers[3]!.status).toBe(429);
    expect(answers[3]!.body.code).toBe('sign_in_throttled');
    // Even the right password waits for the window now.
    expect((await call('POST', '/api/me/tokens', { name: 'x', password: TEST_PASSWORD })).status).toBe(429);
    const tokens = await db()
      .knex('api_tokens')
      .where({ user_id: account.id })
      .count<{ count: number }[]>('* as count');
    expect(Number(tokens[0]!.count)).toBe(1);
  });

  it('refuses an expired token with words that say so, and renews it with the password for its own lifetime', async () => {
    const { account, token, id } = await minted('viewer', { expires_in_days: 1 });
    expect(await works(token)).toBe(true);
    await db()
      .knex('api_tokens')
      .where({ id })
      .update({ expires_at: db().knex.raw("now() - interval '1 minute'") });
    const refused = await api(app.url, token)('GET', '/api/session');
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/expired/);
    expect(refused.body.code).toBe('token_expired');
    const call = api(app.url, account.token);
    expect((await call('POST', `/api/me/tokens/${id}/renew`, {})).status).toBe(400);
    expect((await call('POST', `/api/me/tokens/${id}/renew`, { password: 'wrong' })).status).toBe(400);
    const renewed = await call('POST', `/api/me/tokens/${id}/renew`, { password: TEST_PASSWORD });
    expect(renewed.status).toBe(200);
    const hours = (new Date(renewed.body.expires_at).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThan(24.1);
    expect(await works(token)).toBe(true);
    // Someone else's token is not yours to renew.
    const other = await createAccount(db().knex, 'viewer');
    expect(
      (await api(app.url, other.token)('POST', `/api/me/tokens/${id}/renew`, { password: TEST_PASSWORD })).status,
    ).toBe(404);
  });

  it('revokes the account’s tokens when an admin ends its sessions, unless asked not to', async () => {
    const first = await minted();
    const ended = await asAdmin()('POST', `/api/users/${first.account.id}/end-sessions`, {});
    expect(ended.body).toEqual({ ended: 0, tokens_revoked: 2 });
    expect(await works(first.token)).toBe(false);
    expect(await works(first.account.token)).toBe(false);
    const second = await minted();
    const kept = await asAdmin()('POST', `/api/users/${second.account.id}/end-sessions`, { revoke_tokens: false });
    expect(kept.body).toEqual({ ended: 0, tokens_revoked: 0 });
    expect(await works(second.token)).toBe(true);
    expect(
      (await asAdmin()('POST', `/api/users/${second.account.id}/end-sessions`, { revoke_tokens: 'no' })).status,
    ).toBe(400);
  });

  it('revokes the tokens on a password change, a reset, a deactivation and a role change', async () => {
    const changer = await minted();
    const changed = await api(app.url, changer.account.token)('POST', '/api/me/password', {
      current_password: TEST_PASSWORD,
      new_password: 'жаңа-құпиясөз-жетінші-күн',
    });
    expect(changed.status).toBe(204);
    expect(await works(changer.token)).toBe(false);

    const reset = await minted();
    expect(
      (await asAdmin()('PATCH', `/api/users/${reset.account.id}`, { password: 'қалпына-келтірілген-сөз-сегіз' }))
        .status,
    ).toBe(200);
    expect(await works(reset.token)).toBe(false);

    const deactivated = await minted();
    expect((await asAdmin()('PATCH', `/api/users/${deactivated.account.id}`, { active: false })).status).toBe(200);
    expect((await asAdmin()('PATCH', `/api/users/${deactivated.account.id}`, { active: true })).status).toBe(200);
    expect(await works(deactivated.token)).toBe(false);

    const promoted = await minted();
    expect((await asAdmin()('PATCH', `/api/users/${promoted.account.id}`, { role: 'prosecutor' })).status).toBe(200);
    expect(await works(promoted.token)).toBe(false);

    // A change of name only leaves tokens alone.
    const renamed = await minted();
    expect((await asAdmin()('PATCH', `/api/users/${renamed.account.id}`, { full_name: 'Жаңа Есім' })).status).toBe(200);
    expect(await works(renamed.token)).toBe(true);
    const audit = await db()
      .knex('audit_log')
      .where({ action: 'user.update', entity_id: String(promoted.account.id) })
      .first('after');
    expect(audit.after).toMatchObject({ role: 'prosecutor', tokens_revoked: 2 });
  });

  it('gives existing tokens (created before expiry existed) 90 days', async () => {
    const account = await createAccount(db().knex, 'viewer');
    const row = await db()
      .knex('api_tokens')
      .where({ user_id: account.id })
      .first(db().knex.raw("(expires_at - now()) BETWEEN interval '89 days' AND interval '91 days' AS ninety"));
    expect(row.ninety).toBe(true);
  });
});
