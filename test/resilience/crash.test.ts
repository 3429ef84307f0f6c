import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase, seedDemo } from '@oshaq/db';
import { freshDatabase, type TestDatabase, testTargets } from '@oshaq/db/testing';
import { Tally } from './support/client.js';
import { historyProblems, ledgerProblems } from './support/consistency.js';
import { Ledger } from './support/ledger.js';
import { type ServerChild, startServerChild } from './support/server-child.js';
import { createActors, knownHotspots, waitFor } from './support/setup.js';
import {
  type Actor,
  World,
  WRITES_ONLY,
  describeOutcomes,
  runActors,
  seededRandom,
  unexpectedOutcomes,
} from './support/workload.js';

/** Acknowledged writes to collect before the kill, so the kill lands in a stream of writes. */
const WRITES_BEFORE_KILL = 30;

interface CrashRun {
  tally: Tally;
  ledger: Ledger;
  killed: { code: number | null; signal: NodeJS.Signals | null };
  inFlightAtKill: number;
  afterRestart: Tally;
  stopped: number | null;
  /** Seconds: first start, writing until the kill, restart after the kill. */
  timings: { start: number; writing: number; restart: number };
}

/**
 * Prosecutor's staff register, edit, move on and comment on hotspots through a real server
 * process; once enough writes are acknowledged, and while some are in flight, the process gets
 * SIGKILL — no shutdown handler runs. A new process on the same database then serves writes again.
 */
async function killMidWrite(
  env: Record<string, string>,
  url: { current: string },
  actors: Actor[],
  world: World,
  tally: Tally,
) {
  const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;
  let started = Date.now();
  let server: ServerChild = await startServerChild(env);
  url.current = server.url;
  const start = seconds(started);
  started = Date.now();
  let stop = false;
  const writing = runActors(actors, world, { steps: 100_000, stop: () => stop, mix: WRITES_ONLY });
  await waitFor(
    async () =>
      world.ledger.count('acknowledged') >= WRITES_BEFORE_KILL && actors.some((actor) => actor.client.inFlight > 0),
    120_000,
    5,
  );
  const inFlightAtKill = actors.reduce((sum, actor) => sum + actor.client.inFlight, 0);
  const killed = await server.kill('SIGKILL');
  stop = true;
  await writing;
  const writingTime = seconds(started);

  started = Date.now();
  server = await startServerChild(env);
  url.current = server.url;
  const restart = seconds(started);
  const afterRestart = new Tally();
  const before = tally.outcomes.length;
  await runActors(actors, world, { steps: 3, mix: WRITES_ONLY });
  afterRestart.outcomes.push(...tally.outcomes.slice(before));
  const stopped = (await server.kill('SIGTERM')).code;
  const timings = { start, writing: writingTime, restart };
  return { tally, ledger: world.ledger, killed, inFlightAtKill, afterRestart, stopped, timings } satisfies CrashRun;
}

function crashChecks(run: () => CrashRun, knex: () => Knex) {
  it('was killed by SIGKILL while writes were in flight, and cut them', () => {
    expect(run().killed.signal).toBe('SIGKILL');
    expect(run().inFlightAtKill).toBeGreaterThan(0);
    expect(run().tally.count((o) => o.status === 'network')).toBeGreaterThan(0);
  });

  it('answered every request before the kill as usual', () => {
    const unexpected = unexpectedOutcomes(run().tally.outcomes.filter((o) => o.status !== 'network'));
    expect(unexpected, describeOutcomes(unexpected)).toEqual([]);
  });

  it('restarts on the same database and serves writes again, then stops cleanly', () => {
    const unexpected = unexpectedOutcomes(run().afterRestart.outcomes);
    expect(unexpected, describeOutcomes(unexpected)).toEqual([]);
    expect(run().afterRestart.count((o) => o.op === 'create' && o.status === 201)).toBeGreaterThan(0);
    expect(run().stopped).toBe(0);
  });

  it('kept every acknowledged write, and no hotspot lacks its created event or half a change', async () => {
    expect(run().ledger.count('acknowledged')).toBeGreaterThanOrEqual(WRITES_BEFORE_KILL);
    expect(await ledgerProblems(knex(), run().ledger)).toEqual([]);
    expect(await historyProblems(knex())).toEqual([]);
  });
}

/** Points the actors' clients at whichever server process is current. */
function followingUrl(url: { current: string }) {
  return () => url.current;
}

describe.skipIf(!testTargets().includes('server'))('SIGKILL of the API process mid-write [server]', () => {
  let db: TestDatabase;
  let run: CrashRun;
  beforeAll(async () => {
    db = await freshDatabase('server');
    await seedDemo(db.knex);
    const url = { current: '' };
    const tally = new Tally();
    const actors = await createActors(db.knex, followingUrl(url), { prosecutor: 6 }, tally);
    const world = new World(new Ledger('crash-server'), seededRandom(11), await knownHotspots(db.knex));
    run = await killMidWrite({ DATABASE_URL: db.url as string }, url, actors, world, tally);
    console.log(
      `SIGKILL [server]: ${run.inFlightAtKill} in flight at the kill, ${JSON.stringify(run.timings)} s. ${tally.summary()}`,
    );
  }, 600_000);
  afterAll(() => db?.close());
  crashChecks(
    () => run,
    () => db.knex,
  );
});

describe('SIGKILL of the API process mid-write [embedded]', () => {
  let dir: string;
  let db: Database | undefined;
  let run: CrashRun;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'oshaq-crash-'));
    const dataDir = path.join(dir, 'data');
    await cp(inject('oshaqTemplates').embedded, dataDir, { recursive: true });
    // Accounts and demo data first; then the database is the server process's alone.
    const setup = await openDatabase({ dataDir });
    await seedDemo(setup.knex);
    const url = { current: '' };
    const tally = new Tally();
    const actors = await createActors(setup.knex, followingUrl(url), { prosecutor: 4 }, tally);
    const world = new World(new Ledger('crash-embedded'), seededRandom(13), await knownHotspots(setup.knex));
    await setup.close();
    run = await killMidWrite({ DATA_DIR: dataDir }, url, actors, world, tally);
    console.log(
      `SIGKILL [embedded]: ${run.inFlightAtKill} in flight at the kill, ${JSON.stringify(run.timings)} s. ${tally.summary()}`,
    );
    db = await openDatabase({ dataDir });
  }, 600_000);
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });
  crashChecks(
    () => run,
    () => (db as Database).knex,
  );
});
