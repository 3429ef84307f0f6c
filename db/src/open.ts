import { openEmbedded } from './embedded.js';
import { ensurePostgis } from './postgis.js';
import { openServer } from './server.js';
import type { Database } from './types.js';

export interface OpenOptions {
  /** A postgres:// URL: use that server. Unset: use the embedded database in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  poolMax?: number;
}

/** The one way the project opens its database. PostGIS is checked before anything else runs. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const db = options.databaseUrl
    ? await openServer(options.databaseUrl, { poolMax: options.poolMax })
    : await openEmbedded(options.dataDir);
  try {
    await ensurePostgis(db.knex);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/**
 * Closes the database when the process is told to stop, so the embedded database's files are
 * never left half-written. `beforeClose` lets a server stop taking requests first.
 */
export function closeOnSignals(
  db: Database,
  beforeClose: () => Promise<void> = async () => {},
  log: (message: string) => void = (message) => console.error(message),
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: finishing work in progress and closing the database…`);
    beforeClose()
      .then(() => db.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log(`Could not close cleanly: ${(error as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
