import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { workerCount } from '../../api/src/cluster.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { runLoad } from '../bench/load-test.js';
import { percentile, summarise } from '../bench/measure.js';
import { parseRunArgs, READ_CASES, RunArgsError } from '../bench/run-args.js';
import { choosePlaces, readCases, writeTargets } from '../bench/scenarios.js';
import { seedBench } from '../bench/seed.js';
import { ensureBenchAccount, signIn } from '../bench/session.js';
import { BUILT_IN_CITIES } from '../bench/settlements.js';

describe('bench measures', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(values, 50), percentile(values, 95), percentile(values, 99), percentile(values, 100)]).toEqual([
      50, 95, 99, 100,
    ]);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises unsorted timings', () => {
    expect(summarise([30, 10, 20, 40])).toMatchObject({ samples: 4, p50: 20, p95: 40, mean: 25 });
  });
});

describe('bench arguments', () => {
  const url = 'postgres://u:p@127.0.0.1:5432/bench';

  it('defaults to 10,000 hotspots and both databases when a server is known', () => {
    expect(parseRunArgs([], { DATABASE_URL: url })).toMatchObject({
      count: 10_000,
      databases: ['server', 'embedded'],
      databaseUrl: url,
      duration: 5,
    });
    expect(parseRunArgs([], {}).databases).toEqual(['embedded']);
    expect(parseRunArgs([], {}).only).toBeUndefined();
  });

  it('measures only the named reads, in the bench order, with --only', () => {
    expect(parseRunArgs(['--only', 'stats'], {}).only).toEqual(['stats']);
    expect(parseRunArgs(['--only', 'stats, country'], {}).only).toEqual(['country', 'stats']);
  });

  it.each([
    [['--count', '10k'], /--count must be a whole number/],
    [['--count', '0'], /--count must be between/],
    [['--duration', '0'], /--duration must be between/],
    [['--database', 'oracle'], /--database must be server, embedded or both/],
    [['--database', 'server'], /needs --database-url/],
    [['--database-url', 'mysql://x'], /postgres:\/\//],
    [['--what'], /Unknown option/],
    [['--only', 'stat'], /--only takes read cases .* \(got "stat"\)/],
    [['--only', 'stats,,country'], /--only takes read cases/],
    [['--only', ''], /--only takes read cases/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseRunArgs(argv, {})).toThrow(RunArgsError);
    expect(() => parseRunArgs(argv, {})).toThrow(message);
  });
});

describe('WORKERS', () => {
  it('reads a count from 1 to 64, 1 when unset', () => {
    expect(workerCount({})).toEqual({ count: 1 });
    expect(workerCount({ WORKERS: '2' })).toEqual({ count: 2 });
    for (const bad of ['0', '65', 'two', '1.5']) expect(workerCount({ WORKERS: bad })).toHaveProperty('problem');
  });

  it('refuses several workers on the embedded database before opening it', () => {
    const server = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../api/src/server.ts');
    const { PATH, HOME } = process.env;
    const result = spawnSync(process.execPath, ['--import', 'tsx', server], {
      env: { PATH, HOME, WORKERS: '2', DATA_DIR: '/nonexistent/oshaq-bench-test' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('WORKERS=2 needs DATABASE_URL');
  });
});

describeOnEachDatabase('bench harness', (db) => {
  let app: RunningApp;
  let password: string;
  beforeAll(async () => {
    const { knex } = db();
    await seedBench(knex, {
      seed: 7,
      count: 300,
      today: '2026-03-10',
      settlements: BUILT_IN_CITIES,
      batchSize: 300,
      jobs: 1,
      force: false,
    });
    password = await ensureBenchAccount(db().knex);
    // As the bench starts its API (api-process.ts): the password alone signs its prosecutor in.
    app = await startApp(db(), { authPolicy: { mfaRequiredRoles: [] } });
  }, 180_000);
  afterAll(() => app?.close());

  it('runs the floor of every read case without errors', async () => {
    const { knex } = db();
    const places = await choosePlaces(knex, '2026-03-10');
    expect(places.streetCount).toBeGreaterThan(0);
    const cases = await readCases(knex, places);
    expect(cases.map((each) => each.name)).toEqual([
      'street',
      'street-map',
      'city',
      'country',
      'stats',
      'search',
      'one',
    ]);
    // --only names them (run-args.ts).
    expect(cases.map((each) => each.name)).toEqual([...READ_CASES]);
    for (const each of cases) await each.floor(knex, 0);
  });

  it('loads a read endpoint for a second over a signed-in session', async () => {
    const { cookie } = await signIn(app.url, password);
    const run = await runLoad({
      url: app.url,
      requests: [{ path: '/api/hotspots?limit=10' }],
      connections: 2,
      duration: 1,
      headers: { cookie },
    });
    expect(run.requests).toBeGreaterThan(0);
    expect(run.statuses).toEqual({ 200: run.requests });
    expect(run.unexpected + run.errors).toBe(0);
    expect(run.p50).toBeLessThanOrEqual(run.p99);
  });

  it('transitions each write target once, so concurrent writes never conflict', async () => {
    const { knex } = db();
    const { cookie, csrf } = await signIn(app.url, password);
    const targets = (await writeTargets(knex, 40)).map((write) => ({ method: 'POST' as const, ...write }));
    expect(targets.length).toBe(40);
    const run = await runLoad({
      url: app.url,
      requests: targets,
      maxRequests: targets.length,
      connections: 4,
      duration: 30,
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(run.statuses).toEqual({ 200: 40 });
    const { rows } = await knex.raw<{ rows: { n: number }[] }>(
      "SELECT count(*)::int AS n FROM hotspot_events WHERE kind = 'status_changed' AND actor LIKE '%bench-prosecutor%'",
    );
    expect(rows[0]?.n).toBe(40);
  });

  it('refuses a write load larger than its connections can share', async () => {
    await expect(
      runLoad({ url: app.url, requests: [{ path: '/' }], maxRequests: 1, connections: 2, duration: 1 }),
    ).rejects.toThrow(/cannot be shared/);
  });
});
