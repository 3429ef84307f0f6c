import { migrateToLatest } from './migrate.js';
import { seedDemo, type DemoSeedResult } from './seed/demo.js';
import { seedReference } from './seed/reference.js';
import type { Database } from './types.js';

export interface PrepareResult {
  migrationsApplied: string[];
  /** True when this start created the schema from nothing. */
  fresh: boolean;
  demo?: DemoSeedResult;
}

/**
 * What every start does: migrate, add missing reference data, and — on the first start of an
 * embedded database only — load the demo. A server database never gets demo data by itself.
 */
export async function prepareDatabase(db: Database, options: { demo: boolean }): Promise<PrepareResult> {
  const migrationsApplied = await migrateToLatest(db.knex);
  const fresh = migrationsApplied.includes('0001_reference');
  await seedReference(db.knex);
  if (fresh && options.demo && db.kind === 'embedded') {
    return { migrationsApplied, fresh, demo: await seedDemo(db.knex) };
  }
  return { migrationsApplied, fresh };
}
