import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { openDatabase } from '../open.js';
import type { Database, DatabaseKind } from '../types.js';
import { withDatabase } from './targets.js';

export interface TestTemplates {
  embedded: string;
  /** Where embedded copies go: removed as a whole when the run ends, whatever a worker left. */
  scratch?: string;
  server?: { adminUrl: string; template: string };
}

/**
 * A fresh, migrated database of the given kind for one test file, dropped on close: a copy of
 * the embedded template directory, or a server database cloned from the template database.
 */
export interface TestDatabase extends Database {
  /** For a server database: its connection URL, to hand to a child process. */
  url?: string;
}

export async function openTestDatabase(kind: DatabaseKind, templates: TestTemplates): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const dir = await mkdtemp(path.join(templates.scratch ?? os.tmpdir(), 'oshaq-test-'));
    await cp(templates.embedded, dir, { recursive: true });
    const db = await openDatabase({ dataDir: dir });
    return withCleanup(db, () => rm(dir, { recursive: true, force: true }));
  }
  if (!templates.server) throw new Error('No server template: TEST_DATABASE_URL is not set');
  const { adminUrl, template } = templates.server;
  const name = `${template.replace('oshaq_tpl_', 'oshaq_t_')}_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.destroy();
  }
  const url = withDatabase(adminUrl, name);
  const db = await openDatabase({ databaseUrl: url, dataDir: '' });
  return withCleanup({ ...db, url }, async () => {
    const dropper = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
    try {
      await dropper.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await dropper.destroy();
    }
  });
}

function withCleanup(db: TestDatabase, cleanup: () => Promise<void>): TestDatabase {
  return {
    ...db,
    async close() {
      await db.close();
      await cleanup();
    },
  };
}
