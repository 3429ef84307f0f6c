import type { Knex } from 'knex';
import type { Role } from '../accounts/repo.js';

export interface AuthUser {
  id: number;
  login: string;
  full_name: string;
  role: Role;
  agency_id: number | null;
  agency: string | null;
  language: 'kk' | 'ru' | 'en';
}

const USER_COLUMNS = ['u.id', 'u.login', 'u.full_name', 'u.role', 'u.agency_id', 'ag.code as agency', 'u.language'];

function users(knex: Knex) {
  return knex('users as u').leftJoin('agencies as ag', 'ag.id', 'u.agency_id').where('u.active', true);
}

export async function userForSignIn(knex: Knex, login: string) {
  return (await users(knex)
    .where('u.login', login)
    .first([...USER_COLUMNS, 'u.password_hash'])) as (AuthUser & { password_hash: string }) | undefined;
}

export async function insertSession(
  knex: Knex,
  session: {
    token_hash: string;
    user_id: number;
    csrf_token: string;
    expires_at: Date;
    ip: string;
    user_agent: string | null;
    /** How it was established (contract/mfa.ts AUTH_METHODS); 'password' when left out. */
    auth_method?: string;
  },
) {
  await knex('sessions').insert(session);
}

/** The live session with this token hash and its user, or undefined when none is live. */
export async function liveSession(knex: Knex, tokenHash: string, idleSince: Date) {
  return (await users(knex)
    .join('sessions as s', 's.user_id', 'u.id')
    .where('s.token_hash', tokenHash)
    .whereNull('s.ended_at')
    .where('s.expires_at', '>', knex.fn.now())
    .where('s.last_seen_at', '>', idleSince)
    .first([...USER_COLUMNS, 's.csrf_token', 's.last_seen_at'])) as
    (AuthUser & { csrf_token: string; last_seen_at: Date }) | undefined;
}

export async function touchSession(knex: Knex, tokenHash: string) {
  await knex('sessions').where({ token_hash: tokenHash }).update({ last_seen_at: knex.fn.now() });
}

export async function endSession(knex: Knex, tokenHash: string) {
  return knex('sessions').where({ token_hash: tokenHash }).whereNull('ended_at').update({ ended_at: knex.fn.now() });
}

export async function endUserSessions(knex: Knex, userId: number) {
  return knex('sessions').where({ user_id: userId }).whereNull('ended_at').update({ ended_at: knex.fn.now() });
}

/**
 * The user of a live (not revoked) API token, with whether it has expired: an expired token is
 * refused with its own words, so its owner knows to renew it rather than hunt for a typo.
 */
export async function userForApiToken(knex: Knex, tokenHash: string, login?: string) {
  const query = users(knex)
    .join('api_tokens as t', 't.user_id', 'u.id')
    .where('t.token_hash', tokenHash)
    .whereNull('t.revoked_at');
  if (login) query.where('u.login', login);
  const user = (await query.first([
    ...USER_COLUMNS,
    't.id as token_id',
    't.last_used_at',
    knex.raw('(t.expires_at <= now()) AS expired'),
    knex.raw(`to_char(t.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS token_expires_at`),
  ])) as
    | (AuthUser & { token_id: number; last_used_at: Date | null; expired: boolean; token_expires_at: string })
    | undefined;
  if (!user) return undefined;
  const { last_used_at: lastUsed, expired, token_expires_at: expiresAt, token_id: _id, ...found } = user;
  if (expired) return { expired: true as const, expiresAt };
  // "Last used" is for people reviewing their tokens, to the minute: writing it on every request
  // would turn a GIS client's burst of reads into as many row updates.
  if (!lastUsed || Date.now() - new Date(lastUsed).getTime() > 60_000) {
    await knex('api_tokens').where({ id: user.token_id }).update({ last_used_at: knex.fn.now() });
  }
  return { expired: false as const, user: found as AuthUser };
}

export async function setLanguage(knex: Knex, userId: number, language: string) {
  await knex('users').where({ id: userId }).update({ language, updated_at: knex.fn.now() });
}

export async function setPasswordHash(knex: Knex, userId: number, hash: string) {
  await knex('users').where({ id: userId }).update({ password_hash: hash, updated_at: knex.fn.now() });
}

/** Ends the account's sessions but the one in use (a password change keeps its own page signed in). */
export async function endOtherSessions(knex: Knex, userId: number, keepTokenHash: string | undefined) {
  // Counted from the rows returned: PGlite's driver does not answer a row count.
  const ended = await knex('sessions')
    .where({ user_id: userId })
    .whereNull('ended_at')
    .whereNot('token_hash', keepTokenHash ?? '')
    .update({ ended_at: knex.fn.now() })
    .returning('user_id');
  return ended.length;
}

export async function activeLogin(knex: Knex, userId: number): Promise<string | undefined> {
  return ((await knex('users').where({ id: userId, active: true }).first('login')) as { login: string } | undefined)
    ?.login;
}
