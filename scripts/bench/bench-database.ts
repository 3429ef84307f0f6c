import { type Database, localToday, openDatabase, prepareDatabase } from '@oshaq/db';
import { seedBench } from './seed.js';
import { loadSettlements } from './settlements.js';
import { countOtherHotspots } from './store.js';

export interface Prepared {
  db: Database;
  postgres: string;
  hotspots: number;
  events: number;
  /** Set when this run loaded the data. */
  seedSeconds?: number;
}

export interface Target {
  kind: 'server' | 'embedded';
  databaseUrl?: string;
  dataDir: string;
}

/**
 * Opens the bench database, migrated, and makes it hold `count` bench hotspots: kept when it
 * already does, otherwise (re)loaded with the generator's defaults (seed 42). Refuses, as
 * bench:seed does, to mix bench rows with real ones.
 */
export async function prepareBenchDatabase(target: Target, count: number, skipSeed: boolean): Promise<Prepared> {
  const db = await openDatabase({
    databaseUrl: target.kind === 'server' ? target.databaseUrl : undefined,
    dataDir: target.dataDir,
  });
  try {
    await prepareDatabase(db, { demo: false });
    const total = async () => {
      const { rows } = await db.knex.raw<{ rows: { n: number }[] }>(
        'SELECT count(*)::int AS n FROM hotspots WHERE deleted_at IS NULL',
      );
      return rows[0]?.n ?? 0;
    };
    let seedSeconds: number | undefined;
    const bench = (await total()) - (await countOtherHotspots(db.knex));
    if (!skipSeed && bench !== count) {
      console.error(
        `  ${target.kind}: ${bench.toLocaleString('en')} bench hotspots, loading ${count.toLocaleString('en')}…`,
      );
      const places = await loadSettlements();
      const report = await seedBench(db.knex, {
        count,
        seed: 42,
        batchSize: 2000,
        jobs: target.kind === 'server' ? 2 : 1,
        force: false,
        today: localToday(),
        settlements: places.settlements,
      });
      seedSeconds = report.loadSeconds + report.analyseSeconds;
    }
    const { rows } = await db.knex.raw<{ rows: { version: string; events: number }[] }>(
      "SELECT current_setting('server_version') AS version, (SELECT count(*)::int FROM hotspot_events) AS events",
    );
    return {
      db,
      postgres: `PostgreSQL ${rows[0]?.version ?? '?'}`,
      hotspots: await total(),
      events: rows[0]?.events ?? 0,
      seedSeconds,
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
