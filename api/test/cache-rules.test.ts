import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { ReadCache, type ReadCacheStats } from '../src/cache/read-cache.js';
import type { AnyRouteSpec, RouteTable } from '../src/http/route-table.js';
import { RouteTable as Table } from '../src/http/route-table.js';
import { problemHandler } from '../src/http/problem.js';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { reader, touch, watchQueries } from './cache-support.js';
import { startApp, type RunningApp } from './support.js';
import { signedInAs } from './test-auth.js';

/** Tables whose writes do not change what the cached routes answer; every other one must bump the version. */
const UNTRACKED = [
  'data_version',
  'hotspot_reference_counters',
  'users',
  'sessions',
  'api_tokens',
  'sign_in_attempts',
  'sign_in_throttles',
  'mfa_factors', // the second factor is written by sign-in and read by no cached route (0013)
  'mfa_recovery_codes',
  'mfa_challenges',
  'audit_log',
  'knex_migrations',
  'knex_migrations_lock',
];

describeOnEachDatabase('what the read cache serves, and what it never does', (db) => {
  let app: RunningApp;
  let who: Record<'viewer' | 'akimat' | 'prosecutor' | 'admin', TestAccount>;
  let read: ReturnType<typeof reader>;
  let queries: ReturnType<typeof watchQueries>;
  const stats = () => app.express.locals.readCache.stats as ReadCacheStats;

  beforeAll(async () => {
    await seedDemo(db().knex, '2026-11-23');
    who = await createRoleAccounts(db().knex);
    app = await startApp(db(), { timeZone: 'UTC', cacheDebugHeader: true });
    read = reader(app.url);
    queries = watchQueries(db().knex);
  });
  afterAll(() => app.close());

  it('caches only the shared reads: map, list, clusters, statistics and reference data', () => {
    const table = app.express.locals.routeTable as RouteTable;
    const cached = table.routes.filter((route: AnyRouteSpec) => route.cache).map((r) => `${r.method} ${r.path}`);
    expect(cached.sort()).toEqual(
      [
        'get /hotspots',
        'get /hotspots/clusters',
        'get /hotspots/nearby',
        'get /stats',
        'get /areas',
        'get /areas/:id',
        'get /categories',
        'get /agencies',
        'get /places',
        'get /settlements',
      ].sort(),
    );
    expect(() =>
      new Table('/api').add(
        { method: 'post', path: '/x', summary: 'x', tags: [], access: 'public', responses: {}, cache: true },
        () => undefined,
      ),
    ).toThrow('only GET answers are cached');
  });

  it('serves HEAD from the same entry as GET, and a HEAD that missed fills it with the whole body', async () => {
    await touch(db().knex);
    const get = await read(who.viewer, '/api/stats');
    const head = await read(who.viewer, '/api/stats', {}, 'HEAD');
    expect(head).toMatchObject({ status: 200, xCache: 'hit', text: '', etag: get.etag, type: get.type });
    const headFirst = await read(who.viewer, '/api/categories', {}, 'HEAD');
    expect(headFirst).toMatchObject({ status: 200, xCache: 'miss', text: '' });
    const after = await queries.during(() => read(who.viewer, '/api/categories'));
    expect(after.result.xCache).toBe('hit');
    expect(after.result.body.length).toBeGreaterThan(0);
    expect(after.data).toEqual([]);
  });

  it('never caches answers about the person, single records, downloads, the audit trail or writes', async () => {
    const id = (await db().knex('hotspots').where('confidential', false).first('id')).id as string;
    for (const path of [
      '/api/session',
      '/api/me/tokens',
      `/api/hotspots/${id}`,
      '/api/hotspots/export.csv',
      '/api/audit',
    ]) {
      const first = await read(who.admin, path);
      const second = await read(who.admin, path);
      expect(first.status, path).toBe(200);
      expect([first.xCache, second.xCache], path).toEqual([null, null]);
    }
    const write = await fetch(`${app.url}/api/hotspots`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${who.prosecutor.token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(write.status).toBe(400);
    expect(write.headers.get('x-cache')).toBeNull();
  });

  it('checks access and parameters before the cache: a 401 or a 400 is never a cached answer', async () => {
    await touch(db().knex);
    const cached = await read(who.viewer, '/api/stats');
    expect((await read(who.viewer, '/api/stats')).xCache).toBe('hit');
    const anonymous = await read(undefined, '/api/stats', { 'If-None-Match': cached.etag as string });
    expect(anonymous).toMatchObject({ status: 401, xCache: null });
    for (let i = 0; i < 2; i++) {
      expect(await read(who.viewer, '/api/stats?severity=apocalyptic')).toMatchObject({ status: 400, xCache: null });
    }
    const missing = await read(who.viewer, '/api/areas/999999');
    expect(missing).toMatchObject({ status: 404, xCache: 'miss' });
    expect((await read(who.viewer, '/api/areas/999999')).xCache).toBe('miss');
  });

  it('runs the query once for identical requests that arrive together', async () => {
    await touch(db().knex);
    const before = { ...stats() };
    const replies = await Promise.all(Array.from({ length: 12 }, () => read(who.viewer, '/api/hotspots?limit=1000')));
    expect(new Set(replies.map((reply) => reply.text)).size).toBe(1);
    expect(stats().misses - before.misses).toBe(1);
    expect(stats().hits - before.hits).toBe(11);
  });

  it('shares one data-version read among the requests of one turn, and never one begun before a request arrived', async () => {
    const cache = new ReadCache({ knex: db().knex, today: () => '2026-11-23' });
    const versionReads: string[] = [];
    const onQuery = (query: { sql: string }) => {
      if (/\bdata_version_now\b/.test(query.sql)) versionReads.push(query.sql);
    };
    db().knex.on('query', onQuery);
    try {
      const together = await Promise.all(Array.from({ length: 8 }, () => cache.versionNow()));
      expect(new Set(together).size).toBe(1);
      expect(versionReads).toHaveLength(1);
      // A write, then a request: its version is read after it arrived, so it shows the write.
      const before = await cache.versionNow();
      const pending = cache.versionNow(); // asked before the write: may or may not show it
      await touch(db().knex);
      const after = await cache.versionNow();
      expect(after).not.toBe(before);
      expect(after).toBe(await cache.dataTag());
      await pending;
      // Asked while a read is already under way: waits for a new read rather than joining it.
      const first = cache.versionNow();
      await new Promise((resolve) => setImmediate(resolve)); // the first read has begun
      const reads = versionReads.length;
      await touch(db().knex);
      await first;
      const late = await cache.versionNow();
      expect(versionReads.length).toBeGreaterThan(reads);
      expect(late).toBe(await cache.dataTag());
    } finally {
      db().knex.off('query', onQuery);
    }
  });

  it('with READ_CACHE off runs every query, still marking the answers private', async () => {
    const uncached = await startApp(db(), { timeZone: 'UTC', readCache: false, cacheDebugHeader: true });
    try {
      const readUncached = reader(uncached.url);
      for (let i = 0; i < 2; i++) {
        const reply = await queries.during(() => readUncached(who.viewer, '/api/stats'));
        expect(reply.result).toMatchObject({ status: 200, xCache: 'off', cacheControl: 'private, no-cache' });
        expect(reply.data.length).toBeGreaterThan(0);
      }
    } finally {
      await uncached.close();
    }
  });

  it('says nothing of hits and misses unless CACHE_DEBUG_HEADER asks, while the counters still count', async () => {
    // People of one role class share entries: a hit would tell one what another just asked.
    const quiet = await startApp(db(), { timeZone: 'UTC' });
    try {
      const readQuiet = reader(quiet.url);
      const counters = () => quiet.express.locals.readCache.stats as ReadCacheStats;
      const path = '/api/hotspots?q=%D0%B6%D0%B5%D1%80&status=registered';
      const viewer = await readQuiet(who.viewer, path);
      const akimat = await readQuiet(who.akimat, path);
      expect([viewer.status, akimat.status]).toEqual([200, 200]);
      expect([viewer.xCache, akimat.xCache]).toEqual([null, null]);
      expect(akimat.etag).toBe(viewer.etag);
      expect(counters()).toMatchObject({ misses: 1, hits: 1 });
      const notModified = await readQuiet(who.viewer, path, { 'If-None-Match': viewer.etag as string });
      expect(notModified).toMatchObject({ status: 304, xCache: null });
    } finally {
      await quiet.close();
    }
  });

  it('starts a new entry when the day changes, since overdue flags and the stats period depend on it', async () => {
    // The cache asks for "today" once a minute (a date can only change on a whole minute): the
    // clock moves across midnight as the day does.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-23T23:59:30Z') });
    let today = '2026-11-23';
    let runs = 0;
    const cache = new ReadCache({ knex: db().knex, today: () => today });
    const table = new Table('/t', { readCache: cache });
    table.add(
      { method: 'get', path: '/day', summary: 'day', tags: [], access: 'signed_in', responses: {}, cache: true },
      (_input, _req, res) => {
        runs += 1;
        res.json({ today, runs });
      },
    );
    const mini = express()
      .use(await signedInAs(db().knex, 'viewer'))
      .use('/t', table.router)
      .use(problemHandler(() => undefined));
    const server = mini.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/t/day`;
      const day = async () => (await fetch(url)).json();
      expect(await day()).toEqual({ today: '2026-11-23', runs: 1 });
      expect(await day()).toEqual({ today: '2026-11-23', runs: 1 });
      today = '2026-11-24';
      vi.setSystemTime(new Date('2026-11-24T00:00:00Z'));
      expect(await day()).toEqual({ today: '2026-11-24', runs: 2 });
      expect(await day()).toEqual({ today: '2026-11-24', runs: 2 });
    } finally {
      vi.useRealTimers();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('bumps the data version on a write to every table the application reads', async () => {
    const { rows } = await db().knex.raw<{ rows: { table: string; tracked: boolean }[] }>(
      `SELECT c.relname AS table,
              EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'data_version_bump') AS tracked
       FROM pg_class c
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`,
    );
    const untracked = rows.filter((row) => !row.tracked).map((row) => row.table);
    // A new table the API reads needs `SELECT data_version_track('name')` in its migration.
    expect(untracked.sort()).toEqual([...UNTRACKED].sort());
    for (const table of ['hotspots', 'hotspot_events', 'categories', 'agencies', 'areas']) {
      expect(rows.find((row) => row.table === table)?.tracked, table).toBe(true);
    }
    const version = async () => Number((await db().knex('data_version_now').first('version')).version);
    const before = await version();
    await db().knex('agencies').where({ code: 'no-such-agency' }).delete(); // no row: still a statement
    await db().knex('sessions').where({ token_hash: 'none' }).delete();
    expect(await version()).toBe(before + 1);
  });
});
