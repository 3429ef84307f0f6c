import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createAccount } from './accounts.js';
import { answer, enrolAtSignIn, send, signIn, signInWithCode, totp } from './mfa-support.js';
import { startApp, type RunningApp } from './support.js';

describeOnEachDatabase('signing in with a second factor', (db) => {
  let app: RunningApp;
  const audit = (userId: number, action: string) =>
    db()
      .knex('audit_log')
      .where({ entity_id: String(userId), action })
      .orderBy('id')
      .select('after', 'ip');

  beforeAll(async () => {
    // The production default: prosecutors and administrators must use a second factor.
    app = await startApp(db());
  });
  afterAll(() => app.close());

  it('makes a prosecutor without a factor enrol: QR and secret, a confirming code, recovery codes once, then a session', async () => {
    const person = await createAccount(db().knex, 'prosecutor');
    const first = await signIn(app, person.login);
    expect(first.status).toBe(200);
    expect(first.cookie).toBeUndefined();
    expect(first.body).toMatchObject({ mfa: 'enrol', challenge: expect.any(String) });
    const { secret, otpauth_uri: uri, qr_svg: qr } = first.body.enrolment;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toBe(`otpauth://totp/Oshaq:${person.login}?secret=${secret}&issuer=Oshaq`);
    expect(Buffer.from(qr.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toMatch(/^<svg /);
    // Nothing is signed in yet: the challenge is not a session.
    expect((await send(app, 'GET', '/api/session', { cookie: `oshaq_session=${first.body.challenge}` })).status).toBe(
      401,
    );

    expect((await answer(app, first.body.challenge, '000000')).status).toBe(401);
    const done = await answer(app, first.body.challenge, await totp(secret));
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ login: person.login });
    expect(done.body.recovery_codes).toHaveLength(10);
    expect(new Set(done.body.recovery_codes).size).toBe(10);
    for (const code of done.body.recovery_codes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    const stored = await db().knex('mfa_recovery_codes').where({ user_id: person.id }).pluck('code_hash');
    expect(stored).toHaveLength(10);
    expect(stored.join()).not.toContain(done.body.recovery_codes[0].replace(/-/g, ''));

    const sessions = await send(app, 'GET', '/api/me/sessions', { cookie: done.cookie });
    expect(sessions.body).toEqual([
      expect.objectContaining({
        current: true,
        auth_method: 'password+totp',
        ip: expect.stringContaining('127.0.0.1'),
      }),
    ]);
    expect((await audit(person.id, 'mfa.enrol')).length).toBe(1);
    expect((await audit(person.id, 'session.sign_in'))[0].after).toEqual({ method: 'password+totp' });
    // The same challenge cannot open a second session.
    expect((await answer(app, first.body.challenge, await totp(secret, 1))).status).toBe(401);
  });

  it('lets a viewer, whose role does not require a factor, in with the password alone', async () => {
    const person = await createAccount(db().knex, 'viewer');
    const reply = await signIn(app, person.login);
    expect(reply.body.user).toMatchObject({ login: person.login });
    const sessions = await send(app, 'GET', '/api/me/sessions', { cookie: reply.cookie });
    expect(sessions.body[0]).toMatchObject({ auth_method: 'password', current: true });
  });

  it('refuses a code already used, even from another sign-in, and lets only one of two parallel answers through', async () => {
    const person = await createAccount(db().knex, 'admin');
    const { secret, code } = await enrolAtSignIn(app, person.login);
    const again = await signInWithCode(app, person.login, code);
    expect(again.status).toBe(401);
    expect(again.body.detail).toMatch(/already used/);

    const next = await totp(secret, 1);
    const [one, two] = await Promise.all([signIn(app, person.login), signIn(app, person.login)]);
    const answers = await Promise.all([answer(app, one.body.challenge, next), answer(app, two.body.challenge, next)]);
    expect(answers.map((reply) => reply.status).sort()).toEqual([200, 401]);
  });

  it('takes five codes per sign-in, and ten wrong codes lock the account’s codes for the window', async () => {
    const person = await createAccount(db().knex, 'prosecutor');
    const { secret } = await enrolAtSignIn(app, person.login);
    const first = await signIn(app, person.login);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const wrong = await answer(app, first.body.challenge, '123456');
      expect(wrong.status).toBe(401);
      if (attempt === 5) expect(wrong.body.detail).toMatch(/sign in again/);
    }
    // Out of attempts: even the right code no longer opens this sign-in.
    const late = await answer(app, first.body.challenge, await totp(secret, 1));
    expect(late.status).toBe(401);
    expect(late.body.detail).toMatch(/expired or had too many wrong codes/);
    expect(await audit(person.id, 'session.mfa_failed')).toHaveLength(5);

    const second = await signIn(app, person.login);
    for (let attempt = 1; attempt <= 5; attempt += 1) await answer(app, second.body.challenge, '654321');
    const third = await signIn(app, person.login);
    const locked = await answer(app, third.body.challenge, await totp(secret, 1));
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBeTruthy();
  });

  it('checks at most ten wrong codes per account when thirty are sent at once over six sign-ins', async () => {
    const person = await createAccount(db().knex, 'prosecutor');
    const { secret } = await enrolAtSignIn(app, person.login);
    const challenges: string[] = [];
    for (let i = 0; i < 6; i += 1) challenges.push((await signIn(app, person.login)).body.challenge);
    const guesses = challenges.flatMap((challenge) =>
      Array.from({ length: 5 }, (_, i) => answer(app, challenge, String(100000 + i * 7919))),
    );
    const statuses = (await Promise.all(guesses)).map((reply) => reply.status);
    // Read before recorded, all thirty would be checked; under the account's lock, ten at most.
    expect(await audit(person.id, 'session.mfa_failed')).toHaveLength(10);
    expect(statuses.filter((status) => status === 401)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(20);
    const next = await signIn(app, person.login);
    expect((await answer(app, next.body.challenge, await totp(secret, 1))).status).toBe(429);
  });

  it('takes each recovery code once, and records the session as opened with one', async () => {
    const person = await createAccount(db().knex, 'prosecutor');
    const { recoveryCodes } = await enrolAtSignIn(app, person.login);
    // Typed by hand: upper case, spaces instead of dashes, O for 0 are read the same.
    const typed = recoveryCodes[3]!.toUpperCase().replace(/-/g, ' ').replace(/0/g, 'O');
    const used = await signInWithCode(app, person.login, typed);
    expect(used.status).toBe(200);
    const sessions = await send(app, 'GET', '/api/me/sessions', { cookie: used.cookie });
    expect(sessions.body[0]).toMatchObject({ current: true, auth_method: 'password+recovery' });
    expect((await send(app, 'GET', '/api/me/mfa', { cookie: used.cookie })).body).toMatchObject({
      enrolled: true,
      required: true,
      recovery_codes_left: 9,
    });
    expect((await signInWithCode(app, person.login, recoveryCodes[3]!)).status).toBe(401);
    expect((await signInWithCode(app, person.login, recoveryCodes[4]!)).status).toBe(200);
  });

  it('lets a pending sign-in expire after five minutes', async () => {
    const person = await createAccount(db().knex, 'prosecutor');
    const { secret } = await enrolAtSignIn(app, person.login);
    const first = await signIn(app, person.login);
    const row = await db().knex('mfa_challenges').where({ user_id: person.id }).whereNull('used_at').first();
    expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBeLessThanOrEqual(300_500);
    // Stored only hashed: the token in the answer is not in the table.
    expect(JSON.stringify(row)).not.toContain(first.body.challenge);
    await db()
      .knex('mfa_challenges')
      .where({ user_id: person.id })
      .whereNull('used_at')
      .update({ expires_at: db().knex.raw(`now() - interval '1 second'`) });
    const late = await answer(app, first.body.challenge, await totp(secret, 1));
    expect(late.status).toBe(401);
  });

  it('answers hostile input with a 400 or 401, never a session or a 500', async () => {
    const person = await createAccount(db().knex, 'prosecutor');
    const first = await signIn(app, person.login);
    for (const body of [
      { challenge: first.body.challenge, code: '1'.repeat(41) },
      { challenge: 'x'.repeat(101), code: '123456' },
      { challenge: first.body.challenge, code: '' },
      { challenge: first.body.challenge, code: 123456 },
      { challenge: first.body.challenge, code: '123456', extra: true },
    ]) {
      expect((await send(app, 'POST', '/api/session/mfa', { body })).status).toBe(400);
    }
    for (const code of ['12345', '1234567', 'abcd-efgh-jkmn', "' OR 1=1 --", 'ә'.repeat(40)]) {
      const reply = await answer(app, first.body.challenge, code);
      expect(reply.status, code).toBe(401);
      expect(reply.cookie).toBeUndefined();
    }
    expect((await answer(app, 'x'.repeat(100), '123456')).status).toBe(401);
  });
});
