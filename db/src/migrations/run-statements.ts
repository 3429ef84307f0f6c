import type { Knex } from 'knex';

/**
 * Runs SQL statements one at a time: PGlite (through knex) uses the extended protocol, which
 * takes one statement per query, so a migration cannot send several in one string.
 */
export async function runStatements(knex: Knex, statements: string[]): Promise<void> {
  for (const statement of statements) await knex.raw(statement);
}
