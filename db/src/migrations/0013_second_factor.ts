import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * A second factor (TOTP, RFC 6238) and how each session was established.
 *
 * - mfa_factors: one authenticator per account. A row without confirmed_at is an enrolment begun
 *   but not yet proven with a code; only a confirmed one is asked for at sign-in. last_step is the
 *   TOTP time step of the last code accepted: a code is accepted only for a later step, so a code
 *   seen over someone's shoulder cannot be used again within its 30 s.
 * - mfa_recovery_codes: one-time codes for a lost phone, stored only as SHA-256 (they are random
 *   60-bit values, so a plain hash is enough), each spent once (used_at).
 * - mfa_challenges: a sign-in whose password was right and which waits for the code; only the hash
 *   of its token is stored, it lives five minutes and takes a handful of codes (attempts are
 *   counted before a code is checked, so parallel guesses cannot exceed the limit).
 * - sessions.auth_method: 'password', 'password+totp' or 'password+recovery', shown to the person.
 *
 * Like sessions and tokens, these tables are written by sign-in, never read by a cached route:
 * they stay out of the data version, or each sign-in would empty the read cache.
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE sessions ADD COLUMN auth_method text NOT NULL DEFAULT 'password'
      CHECK (auth_method IN ('password', 'password+totp', 'password+recovery'))`,
    `CREATE TABLE mfa_factors (
      user_id integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      secret text NOT NULL,
      confirmed_at timestamptz,
      last_step bigint,
      created_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE mfa_recovery_codes (
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, code_hash)
    )`,
    `CREATE TABLE mfa_challenges (
      token_hash text PRIMARY KEY,
      user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('required', 'enrol')),
      ip text,
      user_agent text,
      attempts integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`,
    `CREATE INDEX mfa_challenges_user_idx ON mfa_challenges (user_id, created_at)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    'DROP TABLE mfa_challenges',
    'DROP TABLE mfa_recovery_codes',
    'DROP TABLE mfa_factors',
    'ALTER TABLE sessions DROP COLUMN auth_method',
  ]);
}
