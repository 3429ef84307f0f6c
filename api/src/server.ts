import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeOnSignals, openDatabase, prepareDatabase } from '@oshaq/db';
import { createDemoAccounts, describeDemoAccounts } from './accounts/demo-accounts.js';
import { createApp } from './app.js';
import { runWorkers, workerCount, workersProblem } from './cluster.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const version = (JSON.parse(readFileSync(path.join(here, '../../package.json'), 'utf8')) as { version: string })
  .version;

function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
    server.once('error', reject);
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // Requests still running after 10 s are cut so the database can close before a supervisor kills us.
    setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, 10_000).unref();
  });
}

/**
 * WORKERS=N (N > 1, server database only): this process migrates the database once, then forks N
 * workers, each of which runs main() below as a single server would.
 */
async function primary(config: ReturnType<typeof loadConfig>, count: number): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolMax: 1 });
  try {
    const prepared = await prepareDatabase(db, { demo: config.DEMO });
    if (prepared.migrationsApplied.length > 0)
      logger.info(`Applied migrations: ${prepared.migrationsApplied.join(', ')}`);
  } finally {
    await db.close();
  }
  process.exitCode = await runWorkers(count, (message) => logger.info(message));
}

async function main(): Promise<void> {
  const config = loadConfig();
  const workers = workerCount(process.env);
  if ('problem' in workers) throw new ConfigError([workers.problem]);
  const problem = workersProblem(workers.count, config.DATABASE_URL);
  if (problem) throw new ConfigError([problem]);
  if (workers.count > 1 && cluster.isPrimary) return primary(config, workers.count);
  const logger = createLogger(config.LOG_LEVEL);
  const started = Date.now();
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolMax: config.DB_POOL_MAX,
  });
  logger.info(
    db.kind === 'embedded'
      ? `Database: embedded PostgreSQL (PGlite + PostGIS), data kept in ${db.location}`
      : `Database: PostgreSQL server at ${db.location}`,
  );
  let server: Server | undefined;
  closeOnSignals(
    db,
    async () => (server ? stopServer(server) : undefined),
    (message) => logger.info(message),
  );
  const prepared = await prepareDatabase(db, { demo: config.DEMO });
  if (prepared.migrationsApplied.length > 0)
    logger.info(`Applied migrations: ${prepared.migrationsApplied.join(', ')}`);
  if (prepared.demo) {
    logger.info(
      `Loaded the demo: ${prepared.demo.hotspotsAdded} hotspots in Turkestan city and Keles district, ${prepared.demo.meetingsAdded ?? 0} meetings`,
    );
    // Printed once, now: only their hashes are stored.
    console.log(describeDemoAccounts(await createDemoAccounts(db.knex, config.MFA_REQUIRED_ROLES)));
  }
  if (prepared.places) {
    logger.info(
      'report' in prepared.places
        ? `Loaded ${prepared.places.report.added} populated places (OpenStreetMap, ODbL) from ../shared/geodata`
        : `No populated places loaded: ${prepared.places.skipped} (settlement names and search by settlement stay empty)`,
    );
  }
  const webDist = config.WEB_DIST ?? path.resolve(here, '../../web/dist');
  const app = createApp({
    db,
    logger,
    webDist,
    version,
    timeZone: config.TIME_ZONE,
    maxVertices: config.MAX_VERTICES,
    jurisdiction: config.JURISDICTION_AREA,
    tileUrl: config.TILE_URL,
    tileAttribution: config.TILE_ATTRIBUTION,
    readCache: config.READ_CACHE,
    cacheDebugHeader: config.CACHE_DEBUG_HEADER,
    authPolicy: { mfaRequiredRoles: config.MFA_REQUIRED_ROLES },
    trustProxy: config.TRUST_PROXY,
    publicUrl: config.PUBLIC_URL,
  });
  try {
    server = await listen(app, config.PORT, config.HOST);
  } catch (error) {
    await db.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${config.PORT} on ${config.HOST} is already in use: set PORT to a free port.`);
    }
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const shownHost = ['127.0.0.1', '0.0.0.0', '::'].includes(config.HOST) ? 'localhost' : config.HOST;
  logger.info(
    `Oshaq ${version} is running at http://${shownHost}:${port} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `Oshaq could not start: ${(error as Error).message}`;
  console.error(message);
  process.exit(1);
});
