import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { freshDatabase, type TestDatabase, testTargets } from '@oshaq/db/testing';
import { type RunningApp, startApp } from '../../api/test/support.js';
import { Tally } from './support/client.js';
import { historyProblems, ledgerProblems } from './support/consistency.js';
import { Ledger } from './support/ledger.js';
import { createActors, knownHotspots } from './support/setup.js';
import {
  type Actor,
  World,
  describeOutcomes,
  runActors,
  seededRandom,
  unexpectedOutcomes,
} from './support/workload.js';

// 20 people at once, 200 operations each (a write reads the hotspot first, so ~4,800 requests).
const STEPS = Number(process.env.RESILIENCE_STEPS ?? 200);

describe.skipIf(!testTargets().includes('server'))('a bounded mixed load on the server database', () => {
  let db: TestDatabase;
  let app: RunningApp;
  let actors: Actor[];
  const tally = new Tally();
  const ledger = new Ledger('load');

  beforeAll(async () => {
    db = await freshDatabase('server');
    await seedDemo(db.knex);
    app = await startApp(db);
    actors = await createActors(db.knex, () => app.url, { prosecutor: 8, akimat: 4, viewer: 8 }, tally);
    const world = new World(ledger, seededRandom(2026), await knownHotspots(db.knex));
    const started = Date.now();
    await runActors(actors, world, { steps: STEPS });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `Load: ${tally.outcomes.length} requests from ${actors.length} clients in ${seconds.toFixed(1)} s ` +
        `(${(tally.outcomes.length / seconds).toFixed(0)}/s). ${tally.summary()}. ms p50/p95: ${tally.latencies()}`,
    );
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('answers every request with an expected status: no 5xx, no dropped connection', () => {
    const unexpected = unexpectedOutcomes(tally.outcomes);
    expect(unexpected, describeOutcomes(unexpected)).toEqual([]);
  });

  it('did real work of every kind, so the checks below mean something', () => {
    expect(tally.outcomes.length).toBeGreaterThanOrEqual(actors.length * STEPS);
    for (const kind of ['create', 'transition', 'comment', 'edit'] as const) {
      expect(ledger.count('acknowledged', kind), kind).toBeGreaterThan(STEPS / 10);
    }
  });

  it('keeps every acknowledged write exactly once, and none of the refused ones', async () => {
    expect(await ledgerProblems(db.knex, ledger)).toEqual([]);
  });

  it("leaves every hotspot's history consistent with its status and version", async () => {
    expect(await historyProblems(db.knex)).toEqual([]);
  });

  it('then answers lists and statistics that agree with the database (no stale cached view)', async () => {
    const prosecutor = actors.find((actor) => actor.role === 'prosecutor');
    const list = await prosecutor?.client.call('list', 'GET', '/api/hotspots?limit=1&count=exact');
    const [live] = await db.knex('hotspots').whereNull('deleted_at').count({ n: '*' });
    expect(list?.body.numberMatched).toBe(Number(live?.n));

    const stats = await prosecutor?.client.call('stats', 'GET', '/api/stats');
    const { from, to } = stats?.body.period as { from: string | null; to: string };
    const rows: { status: string; n: number }[] = await db
      .knex('hotspots')
      .whereNull('deleted_at')
      .where('registered_on', '<=', to)
      .modify((query) => (from ? query.where('registered_on', '>=', from) : query))
      .groupBy('status')
      .select('status', db.knex.raw('count(*)::int AS n'));
    const byStatus = Object.fromEntries(rows.map((row) => [row.status, row.n]));
    expect(stats?.body).toMatchObject({
      entered: rows.reduce((sum, row) => sum + row.n, 0),
      registered: byStatus.registered ?? 0,
      in_progress: byStatus.in_progress ?? 0,
      resolved: byStatus.resolved ?? 0,
      dismissed: byStatus.dismissed ?? 0,
    });
  });
});
