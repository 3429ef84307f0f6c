import type { Knex } from 'knex';
import { migrations } from './migrations/index.js';
import { applyAllSqlFunctions } from './sql-functions/index.js';

const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => migrations.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = migrations.find(([candidate]) => candidate === name);
    if (!found) throw new Error(`Unknown migration ${name}`);
    return found[1];
  },
};

const config: Knex.MigratorConfig = { migrationSource, tableName: 'knex_migrations' };

/**
 * Applies every pending migration, then every SQL function's current definition (a repeatable
 * step, see sql-functions/index.ts: it runs on every start, pending migrations or not); returns
 * the names of the migrations applied.
 */
export async function migrateToLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(config)) as [number, string[]];
  await applyAllSqlFunctions(knex);
  return applied;
}

/** Names of migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(knex: Knex): Promise<string[]> {
  const [, pending] = (await knex.migrate.list(config)) as [unknown, { file: string }[] | string[]];
  return pending.map((entry) => (typeof entry === 'string' ? entry : entry.file));
}
