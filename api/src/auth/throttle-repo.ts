import type { Knex } from 'knex';

/** Which counter a row is: one login from one address, one login from anywhere, one address for any login. */
export type ThrottleScope = 'pair' | 'login' | 'address';

export interface ThrottleKey {
  scope: ThrottleScope;
  login: string;
  ip: string;
}

/** A timestamp as ISO 8601 in UTC, to the second. */
const isoSql = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** A window's length as an SQL interval from seconds (tests use windows of a few seconds). */
const windowSql = (knex: Knex, seconds: number) => knex.raw("(?::double precision * interval '1 second')", [seconds]);

/**
 * Counts one more attempt on a counter, starting a new window when the last one has ended, and
 * answers the count with the window's end. The upsert locks the row until the transaction ends,
 * so parallel attempts on the same counter are counted one after another, never from a stale read.
 */
export async function countAttempt(trx: Knex.Transaction, key: ThrottleKey, windowSeconds: number) {
  const window = windowSql(trx, windowSeconds);
  const { rows } = await trx.raw<{
    rows: { id: number; failures: number; retry_after: number; window: string }[];
  }>(
    `INSERT INTO sign_in_throttles AS t (scope, login, ip, failures, window_started_at, last_failure_at)
     VALUES (?, ?, ?, 1, now(), now())
     ON CONFLICT (scope, login, ip) DO UPDATE SET
       failures = CASE WHEN t.window_started_at <= now() - ? THEN 1 ELSE t.failures + 1 END,
       window_started_at = CASE WHEN t.window_started_at <= now() - ? THEN now() ELSE t.window_started_at END,
       refused = CASE WHEN t.window_started_at <= now() - ? THEN 0 ELSE t.refused END,
       last_failure_at = now()
     RETURNING id, failures, window_started_at::text AS window,
       greatest(1, ceil(extract(epoch FROM (window_started_at + ? - now()))))::int AS retry_after`,
    [key.scope, key.login, key.ip, window, window, window, window],
  );
  return rows[0]!;
}

/**
 * Counts one refused attempt on the counter that refused it, within the window it was refused in,
 * and answers the count so far: one statement, so parallel refusals each see their own number.
 */
export async function countRefusal(knex: Knex, id: number, window: string, windowSeconds: number) {
  const { rows } = await knex.raw<{
    rows: { refused: number; scope: ThrottleScope; login: string; ip: string; failures: number; until: string }[];
  }>(
    `UPDATE sign_in_throttles SET refused = refused + 1, last_refused_at = now()
     WHERE id = ? AND window_started_at = ?::timestamptz
     RETURNING refused, scope, login, ip, failures, ${isoSql('(window_started_at + ?)')} AS until`,
    [id, window, windowSql(knex, windowSeconds)],
  );
  return rows[0];
}

/** Gives back one reserved attempt (the password was right): it was not a failure. */
export async function releaseAttempt(knex: Knex, id: number, window: string) {
  // The window's start as text keeps its microseconds: a new window since then is left alone.
  await knex('sign_in_throttles')
    .where({ id })
    .where('window_started_at', knex.raw('?::timestamptz', [window]))
    .where('failures', '>', 0)
    .update({ failures: knex.raw('failures - 1') });
}

export async function deleteCounter(knex: Knex, id: number) {
  await knex('sign_in_throttles').where({ id }).delete();
}

/** Forgets every counter of a login (its pairs and its own): its password was just set anew. */
export async function clearLogin(knex: Knex, login: string): Promise<number> {
  // Counted from the rows returned: PGlite's driver answers a DELETE with an object, not a count.
  return (await knex('sign_in_throttles').where({ login }).delete().returning('id')).length;
}

/** Counters whose window ended long ago mean nothing; spoofed addresses would otherwise pile up. */
export async function pruneEnded(knex: Knex, windowSeconds: number) {
  await knex('sign_in_throttles')
    .where('window_started_at', '<', knex.raw('now() - 2 * ?', [windowSql(knex, windowSeconds)]))
    .delete();
}

/**
 * Whether this login completed a sign-in from this address within the last `days` days: a session
 * was started there. A right password alone is not enough — with a second factor, whoever knows
 * only the password would otherwise make their own address familiar.
 */
export async function isFamiliar(knex: Knex, login: string, ip: string, days: number): Promise<boolean> {
  const row = await knex('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where({ 'u.login': login, 's.ip': ip })
    .where('s.created_at', '>', knex.raw("now() - ? * interval '1 day'", [days]))
    .first(knex.raw('1 AS found'));
  return !!row;
}

export async function recordAttempt(knex: Knex, attempt: { login: string; ip: string; success: boolean }) {
  await knex('sign_in_attempts').insert(attempt);
}

export interface ThrottleRow {
  id: number;
  scope: ThrottleScope;
  login: string | null;
  ip: string | null;
  failures: number;
  since: string;
  until: string;
  last_failure_at: string | null;
  /** Attempts refused while blocked, in this window (they are not audited one by one). */
  refused: number;
  blocked: boolean;
}

/** Counters whose window is still open, blocked ones first; limits say from which count a row blocks. */
export async function openCounters(
  knex: Knex,
  windowSeconds: number,
  limits: Record<ThrottleScope, number>,
): Promise<ThrottleRow[]> {
  const window = windowSql(knex, windowSeconds);
  return knex('sign_in_throttles')
    .where('failures', '>', 0)
    .where('window_started_at', '>', knex.raw('now() - ?', [window]))
    .select(
      'id',
      'scope',
      knex.raw("nullif(login, '') AS login"),
      knex.raw("nullif(ip, '') AS ip"),
      'failures',
      knex.raw(`${isoSql('window_started_at')} AS since`),
      knex.raw(`${isoSql('(window_started_at + ?)')} AS until`, [window]),
      knex.raw(`${isoSql('last_failure_at')} AS last_failure_at`),
      'refused',
      knex.raw("failures >= CASE scope WHEN 'pair' THEN ?::int WHEN 'login' THEN ?::int ELSE ?::int END AS blocked", [
        limits.pair,
        limits.login,
        limits.address,
      ]),
    )
    .orderBy([
      { column: 'blocked', order: 'desc' },
      { column: 'last_failure_at', order: 'desc' },
    ])
    .limit(500) as Promise<ThrottleRow[]>;
}

export async function counterById(knex: Knex, id: number) {
  return (await knex('sign_in_throttles').where({ id }).first('id', 'scope', 'login', 'ip', 'failures', 'refused')) as
    { id: number; scope: ThrottleScope; login: string; ip: string; failures: number; refused: number } | undefined;
}
