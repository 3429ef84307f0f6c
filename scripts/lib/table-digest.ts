import type { Knex } from 'knex';
import { OWN_TABLES_SQL, quoteIdent } from './backup-contents.js';

export interface DatabaseDigest {
  /** Per table: its row count and an md5 of its rows in a fixed order. */
  tables: Record<string, { rows: number; md5: string }>;
  /** Per sequence: its last value, so ids handed out after a restore never repeat old ones. */
  sequences: Record<string, number | null>;
}

/**
 * A fingerprint of everything the project keeps: two databases with equal digests hold the same
 * rows, byte for byte as PostgreSQL prints them (geometry included, as hex EWKB).
 */
export async function databaseDigest(knex: Knex): Promise<DatabaseDigest> {
  const rows = async (sql: string) => ((await knex.raw(sql)) as { rows: Record<string, unknown>[] }).rows;
  const tables: DatabaseDigest['tables'] = {};
  for (const { name } of await rows(OWN_TABLES_SQL)) {
    const [row] = await rows(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5
       FROM public.${quoteIdent(String(name))} t`,
    );
    tables[String(name)] = { rows: Number(row?.n), md5: String(row?.md5) };
  }
  const sequences: DatabaseDigest['sequences'] = {};
  for (const row of await rows(
    `SELECT sequencename AS name, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
  )) {
    sequences[String(row.name)] = row.last_value === null ? null : Number(row.last_value);
  }
  return { tables, sequences };
}
