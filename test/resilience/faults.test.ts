import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { freshDatabase, type TestDatabase, testTargets } from '@oshaq/db/testing';
import { type RunningApp, startApp } from '../../api/test/support.js';
import { type Outcome, Tally } from './support/client.js';
import { historyProblems, ledgerProblems } from './support/consistency.js';
import { Ledger } from './support/ledger.js';
import { createActors, knownHotspots, waitFor } from './support/setup.js';
import {
  type Actor,
  World,
  describeOutcomes,
  isUnavailableProblem,
  runActors,
  seededRandom,
  unexpectedOutcomes,
} from './support/workload.js';

const STEPS = Number(process.env.RESILIENCE_FAULT_STEPS ?? 120);
const KILLS = 5;

/**
 * Faults injected from a connection of its own, into this test's database only: the machine's
 * PostgreSQL is shared, so it is never restarted. Terminating the app's connections is what a
 * server restart, a failover or an administrator does to it; refusing new connections for a
 * moment is the database being away.
 */
class FaultInjector {
  readonly admin: Knex;
  terminated = 0;

  /** `adminUrl` names another database on the server: a database cannot refuse its own session's connections. */
  constructor(
    adminUrl: string,
    readonly database: string,
  ) {
    this.admin = knexFactory({
      client: 'pg',
      connection: { connectionString: adminUrl, application_name: 'resilience-faults' },
      pool: { min: 1, max: 1 },
    });
  }

  async terminateConnections(): Promise<number> {
    const { rows } = (await this.admin.raw(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = ? AND pid <> pg_backend_pid()`,
      [this.database],
    )) as { rows: { n: number }[] };
    this.terminated += rows[0]?.n ?? 0;
    return rows[0]?.n ?? 0;
  }

  /** New connections are refused until allowed again; existing ones are cut. */
  async goAway(): Promise<void> {
    await this.admin.raw(`ALTER DATABASE ${this.database} ALLOW_CONNECTIONS false`);
    await this.terminateConnections();
  }

  async comeBack(): Promise<void> {
    await this.admin.raw(`ALTER DATABASE ${this.database} ALLOW_CONNECTIONS true`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!testTargets().includes('server'))('database faults under load', () => {
  let db: TestDatabase;
  let app: RunningApp;
  let faults: FaultInjector;
  let actors: Actor[];
  const tally = new Tally();
  const ledger = new Ledger('faults');
  const readiness: { phase: 'away' | 'back'; status: number | 'network'; body: unknown }[] = [];
  let recoveredInMs: number | undefined;
  let duringOutage: Outcome[] = [];

  const readyz = async () => {
    try {
      const response = await fetch(`${app.url}/readyz`, { signal: AbortSignal.timeout(30_000) });
      return { status: response.status, body: await response.json() };
    } catch {
      return { status: 'network' as const, body: undefined };
    }
  };

  beforeAll(async () => {
    db = await freshDatabase('server');
    await seedDemo(db.knex);
    app = await startApp(db);
    const { adminUrl } = inject('oshaqTemplates').server ?? { adminUrl: '' };
    faults = new FaultInjector(adminUrl, new URL(db.url as string).pathname.slice(1));
    actors = await createActors(db.knex, () => app.url, { prosecutor: 6, akimat: 2, viewer: 4 }, tally);
    const world = new World(ledger, seededRandom(7), await knownHotspots(db.knex));
    let done = false;
    const load = runActors(actors, world, { steps: STEPS }).finally(() => (done = true));

    // Connections cut several times while requests are in flight.
    for (let i = 0; i < KILLS && !done; i++) {
      await sleep(300 + Math.floor(Math.random() * 500));
      await faults.terminateConnections();
    }
    // Then the database away for a while: /readyz must say so, requests must get 503.
    if (!done) {
      const before = tally.outcomes.length;
      await faults.goAway();
      const check = await readyz();
      readiness.push({ phase: 'away', ...check });
      await sleep(1500);
      readiness.push({ phase: 'away', ...(await readyz()) });
      duringOutage = tally.outcomes.slice(before);
      await faults.comeBack();
      recoveredInMs = await waitFor(async () => {
        const check = await readyz();
        readiness.push({ phase: 'back', ...check });
        return check.status === 200;
      }, 20_000);
    }
    await load;
    console.log(
      `Faults: ${tally.outcomes.length} requests, ${faults.terminated} connections terminated, ` +
        `${tally.count((o) => o.status === 503)} answered 503, ready again ${recoveredInMs} ms after the database came back. ` +
        tally.summary(),
    );
  }, 600_000);

  afterAll(async () => {
    await faults?.comeBack().catch(() => {});
    await faults?.admin.destroy();
    await app?.close();
    await db?.close();
  });

  it('really cut the connections of requests in flight', () => {
    expect(faults.terminated).toBeGreaterThanOrEqual(KILLS);
    expect(tally.count((o) => o.status === 503)).toBeGreaterThan(0);
  });

  it('answers 503 problem+json with Retry-After while the database is unavailable, never a 500', () => {
    const unexpected = unexpectedOutcomes(tally.outcomes, { allowUnavailable: true });
    expect(unexpected, describeOutcomes(unexpected)).toEqual([]);
    const unavailable = tally.outcomes.filter((outcome) => outcome.status === 503);
    expect(unavailable.filter((outcome) => !isUnavailableProblem(outcome))).toEqual([]);
  });

  it('says it is not ready while the database is away, and is ready again by itself once it is back', () => {
    expect(readiness.filter((check) => check.phase === 'away').map((check) => check.status)).toContain(503);
    expect(readiness.find((check) => check.phase === 'away' && check.status === 503)?.body).toMatchObject({
      status: 'not_ready',
      database: { database: 'unreachable' },
    });
    expect(duringOutage.filter((outcome) => outcome.status === 503).length).toBeGreaterThan(0);
    expect(recoveredInMs).toBeDefined();
  });

  it('loses no acknowledged write and applies none twice', async () => {
    expect(ledger.count('acknowledged')).toBeGreaterThan(0);
    expect(await ledgerProblems(db.knex, ledger)).toEqual([]);
    expect(await historyProblems(db.knex)).toEqual([]);
  });

  it('serves reads and writes normally after the faults', async () => {
    const prosecutor = actors.find((actor) => actor.role === 'prosecutor');
    const list = await prosecutor?.client.call('list', 'GET', '/api/hotspots?limit=5');
    expect(list?.status).toBe(200);
    const created = await prosecutor?.client.call('create', 'POST', '/api/hotspots', {
      title: 'After the faults',
      category: 'other',
      severity: 'low',
      geometry: { type: 'Point', coordinates: [68.25, 43.3] },
      agency: 'housing_utilities',
      due_on: '2027-06-30',
    });
    expect(created?.status).toBe(201);
  });
});
