import type { Knex } from 'knex';
import { enrolledSql } from '../auth/mfa-repo.js';

/** Accounts as administrators see them (never the password hash). */
function userQuery(knex: Knex) {
  return knex('users as u')
    .leftJoin('agencies as ag', 'ag.id', 'u.agency_id')
    .select(
      'u.id',
      'u.login',
      'u.full_name',
      'u.role',
      'ag.code as agency',
      'u.language',
      'u.active',
      knex.raw(`to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`),
    );
}

export interface UserRow {
  id: number;
  login: string;
  full_name: string;
  role: string;
  agency: string | null;
  language: string;
  active: boolean;
  created_at: string;
  mfa_enrolled?: boolean;
}

export async function allUsers(knex: Knex): Promise<UserRow[]> {
  // Whether each has a second factor (auth/mfa-repo.ts), for the administrators' list only.
  return userQuery(knex)
    .select(knex.raw(`${enrolledSql('u.id')} AS mfa_enrolled`))
    .orderBy('u.login') as Promise<UserRow[]>;
}

export async function userById(knex: Knex, id: number): Promise<UserRow | undefined> {
  return (await userQuery(knex).where('u.id', id).first()) as UserRow | undefined;
}

/** Locks the account's row for the rest of the transaction, so two admins' changes do not interleave. */
export async function lockUser(knex: Knex, id: number) {
  await knex('users').where({ id }).forUpdate().first('id');
}

export async function agencyIdByCode(knex: Knex, code: string): Promise<number | undefined> {
  return ((await knex('agencies').where({ code }).first('id')) as { id: number } | undefined)?.id;
}

export async function updateUser(knex: Knex, id: number, columns: Record<string, unknown>) {
  await knex('users')
    .where({ id })
    .update({ ...columns, updated_at: knex.fn.now() });
}
