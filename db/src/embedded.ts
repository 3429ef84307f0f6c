import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { postgis } from '@electric-sql/pglite-postgis';
import knexFactory from 'knex';
import ClientPgLite from 'knex-pglite';
import { dataDirUsers } from './data-dir-users.js';
import { typeParsers } from './type-parsers.js';
import type { Database } from './types.js';

/**
 * The extensions the embedded database's files may use: every PGlite that opens them must load
 * these (the app, the backup), or a query touching their types or indexes fails.
 */
export const EMBEDDED_EXTENSIONS = { postgis, pg_trgm };

/** Another process already runs PGlite on the data directory; a second one would corrupt it. */
class DataDirInUseError extends Error {
  constructor(dataDir: string, users: { pid: number; command: string }[]) {
    const who = users.map((user) => `process ${user.pid}: ${user.command}`).join('; ');
    super(
      `The embedded database in ${dataDir} is already open in another process (${who}). ` +
        `An embedded database serves one process at a time: stop the other one, give this one another ` +
        `DATA_DIR, or set DATABASE_URL to share a PostgreSQL server between processes.`,
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * Opens (creating when absent) an embedded PGlite database with PostGIS in `dataDir`.
 * PGlite has a single connection; knex-pglite queues queries on it, so transactions are
 * serialised rather than interleaved.
 */
export async function openEmbedded(dataDir: string): Promise<Database> {
  const absolute = path.resolve(dataDir);
  await mkdir(absolute, { recursive: true });
  // Checked, not locked: two processes starting in the same instant could both pass, but the
  // common mistake (a second `npm start`, a script run beside the app) is caught.
  const use = await dataDirUsers(absolute);
  if (use.users.length > 0) throw new DataDirInUseError(absolute, use.users);
  const pglite = await PGlite.create(absolute, {
    extensions: EMBEDDED_EXTENSIONS,
    parsers: typeParsers,
  });
  // The extension must exist before any migration runs; CREATE EXTENSION is idempotent here.
  await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const knex = knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    connection: () => ({ pglite }) as never,
  });
  let closing: Promise<void> | undefined;
  return {
    knex,
    kind: 'embedded',
    location: absolute,
    close() {
      // knex.destroy() closes PGlite, which flushes and releases its files.
      closing ??= knex.destroy().then(async () => {
        if (!pglite.closed) await pglite.close();
      });
      return closing;
    },
  };
}
