import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { createUser } from '../../api/src/accounts/create-user.js';
import { hashPassword } from '../../api/src/accounts/passwords.js';

const BENCH_LOGIN = 'bench-prosecutor';

/**
 * Makes sure the bench's prosecutor account exists, with a fresh random password (so none is kept
 * anywhere), the way `npm run user:create` makes one; returns the password.
 */
export async function ensureBenchAccount(knex: Knex): Promise<string> {
  const password = `bench-${randomBytes(18).toString('base64url')}`;
  const existing = (await knex('users').where({ login: BENCH_LOGIN }).first('id')) as { id: number } | undefined;
  if (existing) {
    await knex('users')
      .where({ id: existing.id })
      .update({ password_hash: await hashPassword(password) });
  } else {
    await createUser(
      knex,
      { login: BENCH_LOGIN, full_name: 'Benchmark Prosecutor', role: 'prosecutor', password },
      { actor: 'npm run bench' },
    );
  }
  return password;
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs in through the API as a browser does: the session cookie, and the CSRF token for writes. */
export async function signIn(url: string, password: string): Promise<Session> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: BENCH_LOGIN, password }),
  });
  if (!response.ok) throw new Error(`sign-in failed with ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { csrf_token: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie.startsWith('oshaq_session=')) throw new Error('sign-in set no session cookie');
  return { cookie, csrf: body.csrf_token };
}
