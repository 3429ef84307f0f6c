import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createAccount, TEST_PASSWORD, type TestAccount } from './accounts.js';
import { api } from './http.js';
import { enrolAtSignIn, send, signIn, signInWithCode, totp } from './mfa-support.js';
import { startApp, type RunningApp } from './support.js';

describeOnEachDatabase('a person’s own second factor, and an administrator’s reset', (db) => {
  let app: RunningApp;
  let admin: TestAccount;

  beforeAll(async () => {
    admin = await createAccount(db().knex, 'admin');
    app = await startApp(db());
  });
  afterAll(() => app.close());

  it('lets a viewer add a factor from the account page, then asks for it at sign-in, and lets them remove it', async () => {
    const person = await createAccount(db().knex, 'viewer');
    const session = await signIn(app, person.login);
    const as = { cookie: session.cookie, csrf: session.body.csrf_token };
    expect((await send(app, 'GET', '/api/me/mfa', as)).body).toEqual({
      enrolled: false,
      required: false,
      confirmed_at: null,
      recovery_codes_left: 0,
    });
    // Not with an API token, nor without the password.
    expect((await api(app.url, person.token)('POST', '/api/me/mfa', { password: TEST_PASSWORD })).status).toBe(403);
    const noPassword = await send(app, 'POST', '/api/me/mfa', { ...as, body: { password: 'not-it' } });
    expect(noPassword.body.errors[0].field).toBe('password');
    const begun = await send(app, 'POST', '/api/me/mfa', { ...as, body: { password: TEST_PASSWORD } });
    expect(begun.status).toBe(200);
    const secret = begun.body.secret as string;
    // Not confirmed yet: sign-in still takes the password alone.
    expect((await signIn(app, person.login)).body.user).toBeDefined();
    expect((await send(app, 'POST', '/api/me/mfa/confirm', { ...as, body: { code: '000000' } })).status).toBe(400);
    const confirmed = await send(app, 'POST', '/api/me/mfa/confirm', { ...as, body: { code: await totp(secret) } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recovery_codes).toHaveLength(10);
    expect((await send(app, 'POST', '/api/me/mfa', { ...as, body: { password: TEST_PASSWORD } })).status).toBe(409);
    expect((await signIn(app, person.login)).body.mfa).toBe('required');

    const proof = { password: TEST_PASSWORD, code: await totp(secret, 1) };
    const wrongPassword = await send(app, 'DELETE', '/api/me/mfa', { ...as, body: { ...proof, password: 'nope' } });
    expect(wrongPassword.body.errors[0].field).toBe('password');
    const noCode = await send(app, 'DELETE', '/api/me/mfa', { ...as, body: { ...proof, code: '000000' } });
    expect(noCode.body.errors[0].field).toBe('code');
    expect((await send(app, 'DELETE', '/api/me/mfa', { ...as, body: proof })).status).toBe(204);
    expect((await signIn(app, person.login)).body.user).toBeDefined();
    const actions = await db()
      .knex('audit_log')
      .where({ entity_id: String(person.id) })
      .pluck('action');
    expect(actions).toEqual(expect.arrayContaining(['mfa.enrol', 'mfa.code_failed', 'mfa.remove']));
  });

  it('keeps a required factor: a prosecutor cannot remove it, but can renew recovery codes with password and code', async () => {
    const person = await createAccount(db().knex, 'prosecutor');
    const enrolled = await enrolAtSignIn(app, person.login);
    const as = { cookie: enrolled.cookie, csrf: enrolled.csrf };
    const removal = await send(app, 'DELETE', '/api/me/mfa', {
      ...as,
      body: { password: TEST_PASSWORD, code: await totp(enrolled.secret, 1) },
    });
    expect(removal.status).toBe(403);
    expect((await send(app, 'GET', '/api/me/mfa', as)).body.enrolled).toBe(true);

    const renewed = await send(app, 'POST', '/api/me/mfa/recovery-codes', {
      ...as,
      body: { password: TEST_PASSWORD, code: enrolled.recoveryCodes[0] },
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body.recovery_codes).toHaveLength(10);
    // The old codes no longer work; the new ones do.
    expect((await signInWithCode(app, person.login, enrolled.recoveryCodes[1]!)).status).toBe(401);
    expect((await signInWithCode(app, person.login, renewed.body.recovery_codes[0])).status).toBe(200);
  });

  it('lets an administrator reset a lost factor: audited, sessions end, the person enrols again', async () => {
    const person = await createAccount(db().knex, 'prosecutor');
    const enrolled = await enrolAtSignIn(app, person.login);
    const prosecutorAttempt = await api(app.url, person.token)('POST', `/api/users/${admin.id}/mfa/reset`);
    expect(prosecutorAttempt.status).toBe(403);
    const reset = await api(app.url, admin.token)('POST', `/api/users/${person.id}/mfa/reset`);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ factor_removed: true, sessions_ended: 1 });
    expect((await send(app, 'GET', '/api/session', { cookie: enrolled.cookie })).status).toBe(401);
    expect(await db().knex('mfa_recovery_codes').where({ user_id: person.id }).count({ n: '*' })).toEqual([{ n: 0 }]);
    const again = await signIn(app, person.login);
    expect(again.body.mfa).toBe('enrol');
    expect(again.body.enrolment.secret).not.toBe(enrolled.secret);
    const row = await db()
      .knex('audit_log')
      .where({ action: 'user.mfa_reset', entity_id: String(person.id) })
      .first();
    expect(row).toMatchObject({ user_id: admin.id, after: { factor_removed: true, sessions_ended: 1 } });
    expect((await api(app.url, admin.token)('POST', '/api/users/999999/mfa/reset')).status).toBe(404);
  });

  it('keeps the factor through an administrator’s password reset', async () => {
    const person = await createAccount(db().knex, 'admin');
    const enrolled = await enrolAtSignIn(app, person.login);
    const password = 'жаңа-құпия-сөз-тау-2027';
    expect((await api(app.url, admin.token)('PATCH', `/api/users/${person.id}`, { password })).status).toBe(200);
    const first = await signIn(app, person.login, password);
    expect(first.status).toBe(200);
    expect(first.cookie).toBeUndefined();
    expect(first.body).toMatchObject({ mfa: 'required' });
    expect(first.body.enrolment).toBeUndefined();
    const users = await api(app.url, admin.token)('GET', '/api/users');
    expect(users.body.find((user: { id: number }) => user.id === person.id)).toMatchObject({ mfa_enrolled: true });
    void enrolled;
  });

  it('asks an account with a factor for a code, besides the password, to mint an API token', async () => {
    const person = await createAccount(db().knex, 'prosecutor');
    const enrolled = await enrolAtSignIn(app, person.login);
    const as = { cookie: enrolled.cookie, csrf: enrolled.csrf };
    const withoutCode = await send(app, 'POST', '/api/me/tokens', {
      ...as,
      body: { name: 'QGIS', password: TEST_PASSWORD },
    });
    expect(withoutCode.status).toBe(400);
    expect(withoutCode.body.errors[0].field).toBe('code');
    const reused = await send(app, 'POST', '/api/me/tokens', {
      ...as,
      body: { name: 'QGIS', password: TEST_PASSWORD, code: enrolled.code },
    });
    expect(reused.body.errors[0].field).toBe('code');
    const minted = await send(app, 'POST', '/api/me/tokens', {
      ...as,
      body: { name: 'QGIS', password: TEST_PASSWORD, code: await totp(enrolled.secret, 1) },
    });
    expect(minted.status).toBe(201);
    expect(minted.body.token).toMatch(/^oshaq_/);
  });
});
