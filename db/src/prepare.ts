import { migrateToLatest } from './migrate.js';
import { loadSharedPlaces, type SharedPlacesResult } from './places/shared-places.js';
import { seedDemo, type DemoSeedResult } from './seed/demo.js';
import { seedReference } from './seed/reference.js';
import type { Database } from './types.js';

export interface PrepareResult {
  migrationsApplied: string[];
  /** True when this start created the schema from nothing. */
  fresh: boolean;
  demo?: DemoSeedResult;
  /** The demo's populated places (from ../shared/geodata), when this start loaded or skipped them. */
  places?: SharedPlacesResult;
}

/**
 * What every start does: migrate, add missing reference data, and — on the first start of an
 * embedded database only — load the demo. A server database never gets demo data by itself.
 */
export async function prepareDatabase(db: Database, options: { demo: boolean }): Promise<PrepareResult> {
  const migrationsApplied = await migrateToLatest(db.knex);
  const fresh = migrationsApplied.includes('0001_reference');
  await seedReference(db.knex);
  const demo =
    fresh && options.demo && db.kind === 'embedded'
      ? await seedDemo(db.knex, undefined, { meetings: true })
      : undefined;
  // The demo's settlements, once: on its first start, or when an older demo database gains the table.
  const places =
    options.demo && db.kind === 'embedded' && migrationsApplied.includes('0018_places')
      ? await loadSharedPlaces(db.knex)
      : undefined;
  return { migrationsApplied, fresh, ...(demo && { demo }), ...(places && { places }) };
}
