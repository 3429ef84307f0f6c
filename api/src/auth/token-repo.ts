import type { Knex } from 'knex';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

function tokenColumns(knex: Knex) {
  return [
    'id',
    'name',
    'prefix',
    'lifetime_days',
    knex.raw(`${iso('created_at')} AS created_at`),
    knex.raw(`${iso('last_used_at')} AS last_used_at`),
    knex.raw(`${iso('expires_at')} AS expires_at`),
    knex.raw('(expires_at <= now()) AS expired'),
  ];
}

export interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  lifetime_days: number;
  created_at: string;
  last_used_at: string | null;
  expires_at: string;
  expired: boolean;
}

/** A person's tokens not revoked, expired ones included (they can still be renewed). */
export async function liveTokens(knex: Knex, userId: number): Promise<TokenRow[]> {
  return knex('api_tokens')
    .where({ user_id: userId })
    .whereNull('revoked_at')
    .orderBy('id')
    .select(tokenColumns(knex)) as Promise<TokenRow[]>;
}

export async function insertToken(
  knex: Knex,
  token: { user_id: number; name: string; token_hash: string; prefix: string; lifetime_days: number },
): Promise<TokenRow> {
  const [id] = (await knex('api_tokens')
    .insert({
      ...token,
      expires_at: knex.raw("now() + ? * interval '1 day'", [token.lifetime_days]),
    })
    .returning('id')) as { id: number }[];
  return (await knex('api_tokens').where({ id: id!.id }).first(tokenColumns(knex))) as TokenRow;
}

/** Moves a live token's expiry to its own lifetime from now; undefined when the person has no such token. */
export async function renewToken(knex: Knex, userId: number, id: number): Promise<TokenRow | undefined> {
  const renewed = await knex('api_tokens')
    .where({ id, user_id: userId })
    .whereNull('revoked_at')
    .update({ expires_at: knex.raw("now() + lifetime_days * interval '1 day'") });
  if (!renewed) return undefined;
  return (await knex('api_tokens').where({ id }).first(tokenColumns(knex))) as TokenRow;
}

export async function revokeToken(knex: Knex, userId: number, id: number): Promise<number> {
  return knex('api_tokens')
    .where({ id, user_id: userId })
    .whereNull('revoked_at')
    .update({ revoked_at: knex.fn.now() });
}

/** Revokes every token of an account: what ends its sessions must end its tokens too. */
export async function revokeUserTokens(knex: Knex, userId: number): Promise<number> {
  return knex('api_tokens').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: knex.fn.now() });
}
