import type { DatabaseKind } from '../types.js';
import { resetToSnapshot, schemaFingerprint, takeSnapshot, type Snapshot } from './reset.js';
import { openTestDatabase, type TestDatabase, type TestTemplates } from './test-database.js';

/**
 * One open database per kind per test worker, lent to one test file after another and reset
 * between them (see reset.ts). A test file sees the same fresh, migrated, reference-seeded
 * database it would get from its own copy of the template, without paying seconds to open it.
 *
 * The pool lives on `globalThis`, so it outlives the module graph vitest rebuilds for each file
 * in a worker that does not isolate files. A database lent and not given back (a file that never
 * closed it) simply stays out of the pool; a file that changed the schema gets its database
 * closed instead of reused.
 */
interface Pooled {
  db: TestDatabase;
  snapshot: Snapshot;
  lent: boolean;
}

const POOL = Symbol.for('oshaq.testDatabasePool');
type Pool = Map<DatabaseKind, Pooled[]>;

function pool(): Pool {
  const holder = globalThis as { [POOL]?: Pool };
  return (holder[POOL] ??= new Map());
}

export async function borrowTestDatabase(kind: DatabaseKind, templates: TestTemplates): Promise<TestDatabase> {
  const entries = pool().get(kind) ?? [];
  pool().set(kind, entries);
  for (const entry of entries.filter((e) => !e.lent)) {
    entry.lent = true;
    try {
      const started = Date.now();
      await resetToSnapshot(entry.db.knex, entry.snapshot);
      if (process.env.OSHAQ_POOL_DEBUG)
        console.log(`pool: reset ${kind} in ${Date.now() - started} ms (pid ${process.pid})`);
      return lend(entry, entries);
    } catch (error) {
      console.warn(`A pooled ${kind} test database could not be reset, opening another: ${(error as Error).message}`);
      await discard(entry, entries);
    }
  }
  const started = Date.now();
  const db = await openTestDatabase(kind, templates);
  if (process.env.OSHAQ_POOL_DEBUG)
    console.log(`pool: opened ${kind} in ${Date.now() - started} ms (pid ${process.pid})`);
  const entry: Pooled = { db, snapshot: await takeSnapshot(db.knex), lent: true };
  entries.push(entry);
  return lend(entry, entries);
}

function lend(entry: Pooled, entries: Pooled[]): TestDatabase {
  return {
    ...entry.db,
    async close() {
      let sameSchema = false;
      try {
        sameSchema = (await schemaFingerprint(entry.db.knex)) === entry.snapshot.fingerprint;
      } catch {
        // unusable (closed, broken connection): discarded below
      }
      if (sameSchema) entry.lent = false;
      else await discard(entry, entries);
    },
  };
}

async function discard(entry: Pooled, entries: Pooled[]): Promise<void> {
  entries.splice(entries.indexOf(entry), 1);
  await entry.db.close().catch(() => {});
}
