import type { Knex } from 'knex';

export const ROLES = ['viewer', 'akimat', 'prosecutor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface NewUser {
  login: string;
  full_name: string;
  role: Role;
  agency_id: number | null;
  language: 'kk' | 'ru' | 'en';
  password_hash: string;
}

export async function insertUser(knex: Knex, user: NewUser): Promise<number> {
  const [row] = await knex('users').insert(user).returning('id');
  return (row as { id: number }).id;
}

export async function loginTaken(knex: Knex, login: string): Promise<boolean> {
  return (await knex('users').where({ login }).first('id')) !== undefined;
}

export async function appendAudit(
  knex: Knex,
  entry: {
    user_id?: number | null;
    actor: string;
    ip?: string | null;
    action: string;
    entity?: string | null;
    entity_id?: string | null;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await knex('audit_log').insert({
    ...entry,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  });
}

/** An audit row written as the acting person (see auth/middleware.ts `actorOf`). */
export function auditAs(
  knex: Knex,
  actor: { name: string; userId: number | null; ip: string | null },
  entry: { action: string; entity?: string | null; entity_id?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  return appendAudit(knex, { user_id: actor.userId, actor: actor.name, ip: actor.ip, ...entry });
}
