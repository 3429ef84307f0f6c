import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { authenticate } from '../src/auth/middleware.js';
import { DEFAULT_AUTH_POLICY } from '../src/auth/policy.js';
import type { Role } from '../src/accounts/repo.js';
import { createAccount } from './accounts.js';
import { withDefaultToken } from './support.js';

/**
 * For feature tests that mount routes on their own express app: real authentication, with
 * requests that carry no credentials sent on as a fresh account of this role.
 */
export async function signedInAs(knex: Knex, role: Role): Promise<RequestHandler[]> {
  const account = await createAccount(knex, role);
  return [withDefaultToken(account.token), authenticate(knex, DEFAULT_AUTH_POLICY)];
}
