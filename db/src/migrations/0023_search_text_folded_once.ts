import type { Knex } from 'knex';
import { applySqlFunctions } from '../sql-functions/index.js';
import { runStatements } from './run-statements.js';

/**
 * hotspots.search_text stops being a generated column and is kept by a trigger instead
 * (sql-functions/kk_fold_search_text.ts), so that an import can bring the text already folded.
 * Folding in SQL (kk_fold's translate() over ~200 Cyrillic characters) was the largest per-row cost
 * of importing 100,000 hotspots (issue 14): ~0.1–0.25 ms a row, where Node folds the same text in
 * a microsecond. Every other writer still gets the text folded by the database, and no writer can
 * leave one that does not match its row (see the trigger). The stored values do not change: DROP
 * EXPRESSION keeps them, and the trigram index on the column stays as it is.
 */
export async function up(knex: Knex): Promise<void> {
  await applySqlFunctions(knex, ['kk_fold_search_text']);
  await runStatements(knex, [
    `ALTER TABLE hotspots ALTER COLUMN search_text DROP EXPRESSION`,
    // Named to fire after hotspots_before_write, which may assign the reference the text begins with.
    `CREATE TRIGGER hotspots_search_text BEFORE INSERT OR UPDATE OF reference, title, description, search_text
       ON hotspots FOR EACH ROW EXECUTE FUNCTION kk_fold_search_text()`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `DROP TRIGGER hotspots_search_text ON hotspots`,
    `DROP INDEX hotspots_search_trgm`,
    `ALTER TABLE hotspots DROP COLUMN search_text`,
    `ALTER TABLE hotspots ADD COLUMN search_text text
       GENERATED ALWAYS AS (kk_fold(reference || ' ' || title || ' ' || description)) STORED`,
    `CREATE INDEX hotspots_search_trgm ON hotspots USING gin (search_text gin_trgm_ops)`,
  ]);
}
