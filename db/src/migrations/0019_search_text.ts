import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * The folded search text as a stored column, and the trigram index on it (replacing 0010's index
 * on the expression). A trigram index is lossy: every candidate it finds is checked again against
 * the pattern, and with the index on the expression that check folded the row's text again —
 * kk_fold's translate() over about 200 Cyrillic characters costs ~0.1 ms a row on the server, 50×
 * a LIKE on text already folded. A common word matching tens of thousands of rows paid seconds for
 * it (issue 14). Stored, the text is folded once per write (the index folded it on write anyway).
 * The search in api/src/hotspots/filter-sql.ts reads this column; a change to kk_fold that folds
 * differently needs a migration that recomputes it (UPDATE … SET title = title rewrites it).
 */
export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `ALTER TABLE hotspots ADD COLUMN search_text text
       GENERATED ALWAYS AS (kk_fold(reference || ' ' || title || ' ' || description)) STORED`,
    `DROP INDEX hotspots_search_trgm`,
    `CREATE INDEX hotspots_search_trgm ON hotspots USING gin (search_text gin_trgm_ops)`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `DROP INDEX hotspots_search_trgm`,
    `ALTER TABLE hotspots DROP COLUMN search_text`,
    `CREATE INDEX hotspots_search_trgm ON hotspots
       USING gin ((kk_fold(reference || ' ' || title || ' ' || description)) gin_trgm_ops)`,
  ]);
}
