import type { Knex } from 'knex';
import { type BenchHotspot, generateHotspots, type GenerateOptions } from './generate.js';
import {
  type BatchPayload,
  batchPayload,
  countOtherHotspots,
  insertBatch,
  referenceIds,
  removeBenchHotspots,
  reserveReferences,
} from './store.js';

/**
 * Fills a database with a bench data set: refuses to mix it with real records unless forced,
 * replaces any earlier bench rows, then inserts batches — building the next batch while the
 * database stores the ones before — and refreshes the planner's statistics.
 */
export interface SeedOptions extends GenerateOptions {
  batchSize: number;
  /** Batches stored at once: a server works on each in its own process; PGlite takes one at a time. */
  jobs: number;
  /** Load even though the database holds hotspots that are not bench data. */
  force: boolean;
  onProgress?: (loaded: number, total: number) => void;
}

export interface SeedReport {
  removed: number;
  hotspots: number;
  events: number;
  /** Generating and inserting, from the first batch to the last. */
  loadSeconds: number;
  analyseSeconds: number;
}

export class RefusedError extends Error {}

export async function seedBench(knex: Knex, options: SeedOptions): Promise<SeedReport> {
  const others = await countOtherHotspots(knex);
  if (others > 0 && !options.force) {
    throw new RefusedError(
      `the database already holds ${others} hotspot(s) that are not bench data; ` +
        'load into a scratch database, or pass --force to add bench rows beside them',
    );
  }
  const removed = await removeBenchHotspots(knex);
  const ids = await referenceIds(knex);
  const started = performance.now();
  let hotspots = 0;
  let events = 0;
  const inFlight = new Set<Promise<void>>();
  const store = (payload: BatchPayload) =>
    insertBatch(knex, payload).then((stored) => {
      if (stored.hotspots !== payload.count || stored.events !== payload.eventCount) {
        throw new Error(
          `a batch stored ${stored.hotspots} of ${payload.count} hotspots and ${stored.events} of ${payload.eventCount} events`,
        );
      }
      hotspots += stored.hotspots;
      events += stored.events;
      options.onProgress?.(hotspots, options.count);
    });
  const failures: unknown[] = [];
  try {
    for (const batch of batches(generateHotspots(options), options.batchSize)) {
      // Reserved in batch order, so reference numbers follow registration dates even when
      // batches finish out of order.
      const payload = batchPayload(batch, await reserveReferences(knex, batch), ids);
      const job = store(payload).finally(() => inFlight.delete(job));
      job.catch(() => {}); // awaited below; meanwhile not an unhandled rejection
      inFlight.add(job);
      if (inFlight.size >= options.jobs) await Promise.race(inFlight);
      // PGlite answers without I/O: without this, Ctrl-C would wait for the whole load.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    failures.push(error);
  }
  // Never return (or let the caller close the database) with a statement still running.
  for (const outcome of await Promise.allSettled(inFlight)) {
    if (outcome.status === 'rejected') failures.push(outcome.reason);
  }
  if (failures.length > 0) throw failures[0];
  const loadSeconds = (performance.now() - started) / 1000;
  const analysing = performance.now();
  // What a settled database has after autovacuum (which a CI-configured server may have off):
  // statistics, so the benchmarks get the plans a live one would, and a visibility map, so the
  // covering indexes answer without reading the table — for the hotspots and every table their
  // triggers keep (the statistics cells and the map grid were measured without either: estimates
  // of 1–48 rows for 15,000, and 7,840 heap reads in an index-only scan).
  for (const table of BENCH_VACUUMED_TABLES) await knex.raw(`VACUUM ANALYZE ${table}`);
  return { removed, hotspots, events, loadSeconds, analyseSeconds: (performance.now() - analysing) / 1000 };
}

/** Every table a bench load writes, through the hotspots' own triggers too. */
const BENCH_VACUUMED_TABLES = ['hotspots', 'hotspot_events', 'hotspot_cells', 'hotspot_grid', 'hotspot_grid_due'];

function* batches(rows: Iterable<BenchHotspot>, size: number): Generator<BenchHotspot[]> {
  let batch: BenchHotspot[] = [];
  for (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
