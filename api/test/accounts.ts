import type { Knex } from 'knex';
import { createUser } from '../src/accounts/create-user.js';
import type { Role } from '../src/accounts/repo.js';
import { newApiToken, sha256 } from '../src/auth/tokens.js';

export const TEST_PASSWORD = 'тау-дала-өзен-көл-2026';

export interface TestAccount {
  id: number;
  login: string;
  role: Role;
  token: string;
}

/**
 * Creates an account and an API token for it, straight in the database: tests of other features
 * sign in with the token (Bearer), tests of sign-in itself use the password.
 */
export async function createAccount(
  knex: Knex,
  role: Role,
  login: string = `${role}-${Math.random().toString(36).slice(2, 8)}`,
  agency = 'housing_utilities',
): Promise<TestAccount> {
  const id = await createUser(
    knex,
    { login, full_name: `Test ${role}`, role, agency: role === 'akimat' ? agency : undefined, password: TEST_PASSWORD },
    { actor: 'test set-up' },
  );
  const { token, prefix } = newApiToken();
  await knex('api_tokens').insert({ user_id: id, name: 'tests', token_hash: sha256(token), prefix });
  return { id, login, role, token };
}

/** One account per role. */
export async function createRoleAccounts(knex: Knex) {
  return {
    viewer: await createAccount(knex, 'viewer'),
    akimat: await createAccount(knex, 'akimat'),
    prosecutor: await createAccount(knex, 'prosecutor'),
    admin: await createAccount(knex, 'admin'),
  };
}
