import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Text search (`q`) matches a folded pattern anywhere in a hotspot's reference, title and
 * description: `kk_fold(…) LIKE '%…%'`. No B-tree serves a pattern with a leading wildcard, so
 * every search folded the text of every candidate row: 0.4 s at 10,000 hotspots, tens of seconds
 * at a million. A trigram index (pg_trgm, shipped with PostgreSQL's contrib and with PGlite) on
 * exactly that folded expression answers LIKE '%…%' for patterns of three letters or more; the
 * expression must stay identical to the one in api/src/hotspots/filter-sql.ts for it to be used.
 */
const SEARCH_TEXT = `kk_fold(reference || ' ' || title || ' ' || description)`;

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    // Trusted since PostgreSQL 13: a database owner may create it without being a superuser.
    `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
    `CREATE INDEX hotspots_search_trgm ON hotspots USING gin ((${SEARCH_TEXT}) gin_trgm_ops)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [`DROP INDEX hotspots_search_trgm`]);
}
