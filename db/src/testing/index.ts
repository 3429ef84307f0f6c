import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { Database, DatabaseKind } from '../types.js';
import { testTargets } from './targets.js';
import { borrowTestDatabase } from './pool.js';
import { openTestDatabase, type TestDatabase } from './test-database.js';

export { testTargets, withDatabase } from './targets.js';
export type { TestDatabase } from './test-database.js';
import './provided-context.js';

/**
 * A fresh database of this kind for the calling test file: migrated, with reference data and
 * nothing else. It is the worker's pooled database reset to that state (see pool.ts); `close()`
 * gives it back. A test that needs a database of its own uses `ownDatabase`.
 */
export function freshDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return borrowTestDatabase(kind, inject('oshaqTemplates'));
}

/**
 * A fresh database no other file ever sees, really closed (and dropped) by `close()`: for a test
 * of what happens when the database goes away, or one that keeps its files after closing.
 */
export function ownDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  return openTestDatabase(kind, inject('oshaqTemplates'));
}

/**
 * Declares the same suite once per database (embedded, and server when configured), each with a
 * fresh database opened before and given back after: `db()` returns it inside the tests.
 * `own: true` gives the suite a database of its own (see `ownDatabase`), for tests that close it,
 * copy its files or dump it whole. `only` limits the suite to one kind (browser tests: what they
 * check does not depend on the database, and the API tests cover both).
 */
export function describeOnEachDatabase(
  title: string,
  body: (db: () => Database, kind: DatabaseKind) => void,
  options: { own?: boolean; only?: DatabaseKind } = {},
) {
  for (const kind of testTargets().filter((k) => !options.only || k === options.only)) {
    describe(`${title} [${kind}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await (options.own ? ownDatabase(kind) : freshDatabase(kind));
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
