import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import knexFactory from 'knex';
import ClientPgLite from 'knex-pglite';
import { typeParsers } from './type-parsers.js';
import type { Database } from './types.js';

/**
 * Opens (creating when absent) an embedded PGlite database with PostGIS in `dataDir`.
 * PGlite has a single connection; knex-pglite queues queries on it, so transactions are
 * serialised rather than interleaved.
 */
export async function openEmbedded(dataDir: string): Promise<Database> {
  const absolute = path.resolve(dataDir);
  await mkdir(absolute, { recursive: true });
  const pglite = await PGlite.create(absolute, {
    extensions: { postgis },
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
