import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { Database, DatabaseKind } from '../types.js';
import { testTargets } from './targets.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

export { testTargets, withDatabase } from './targets.js';
export { openTestDatabase, type TestDatabase } from './test-database.js';
import './provided-context.js';

/** Opens a fresh database of this kind for the calling test file. */
export function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return openTestDatabase(kind, inject('oshaqTemplates'));
}

/**
 * Declares the same suite once per database (embedded, and server when configured), each with a
 * fresh database opened before and dropped after: `db()` returns it inside the tests.
 */
export function describeOnEachDatabase(title: string, body: (db: () => Database, kind: DatabaseKind) => void) {
  for (const kind of testTargets()) {
    describe(`${title} [${kind}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await freshDatabase(kind);
      }, 120_000);
      afterAll(async () => {
        await database?.close();
      });
      body(() => {
        if (!database) throw new Error('database not open yet');
        return database;
      }, kind);
    });
  }
}
export { sharedGeodataAvailable, sharedGeodataFile, sharedGeodataDir } from './shared-data.js';
