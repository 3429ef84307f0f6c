import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Sign-in throttles and API-token lifetimes.
 *
 * sign_in_throttles holds one counter row per (login, address) pair, per login and per address.
 * An attempt is reserved on its rows (an upsert that locks them) before the password is checked,
 * so parallel guesses queue on the row and at most the limit of them is ever checked. A row's
 * window starts with its first counted failure and ends `windowMinutes` later; attempts refused
 * inside it change nothing, so they cannot extend it. Nobody reads it through the read cache (it
 * changes on every failed sign-in and would otherwise empty the cache), so it is not tracked by
 * the data version.
 *
 * api_tokens gain a lifetime chosen at creation (1–365 days, 90 by default) and an expiry; the
 * tokens that exist now expire 90 days from this migration (now() is fixed for the statement).
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE sign_in_throttles (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      scope text NOT NULL CHECK (scope IN ('pair', 'login', 'address')),
      login text NOT NULL DEFAULT '',
      ip text NOT NULL DEFAULT '',
      failures integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
      window_started_at timestamptz NOT NULL DEFAULT now(),
      last_failure_at timestamptz,
      CONSTRAINT sign_in_throttles_key UNIQUE (scope, login, ip),
      CONSTRAINT sign_in_throttles_keyed CHECK (
        (scope = 'pair' AND login <> '' AND ip <> '')
        OR (scope = 'login' AND login <> '' AND ip = '')
        OR (scope = 'address' AND login = '' AND ip <> ''))
    )`,
    `CREATE INDEX sign_in_throttles_login_idx ON sign_in_throttles (login)`,
    `ALTER TABLE api_tokens ADD COLUMN lifetime_days integer NOT NULL DEFAULT 90
      CHECK (lifetime_days BETWEEN 1 AND 365)`,
    `ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz NOT NULL DEFAULT (now() + interval '90 days')`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    'ALTER TABLE api_tokens DROP COLUMN expires_at',
    'ALTER TABLE api_tokens DROP COLUMN lifetime_days',
    'DROP TABLE sign_in_throttles',
  ]);
}
