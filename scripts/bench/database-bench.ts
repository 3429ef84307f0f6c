import { todayIn } from '../../api/src/time.js';
import { type ApiProcess, startApi } from './api-process.js';
import { prepareBenchDatabase, type Target } from './bench-database.js';
import { browserAvailable, type BrowserView, timeBrowser } from './browser.js';
import { type LoadRequest, type LoadResult, runLoad } from './load-test.js';
import { type Timing, timeSequentially } from './measure.js';
import { choosePlaces, type Places, type ReadCase, readCases, writeTargets } from './scenarios.js';
import { ensureBenchAccount, signIn } from './session.js';

/** What every browser sends: the API may answer gzipped (cache hits of large answers are). */
const BROWSER_ENCODINGS = 'gzip, deflate, br';

export interface ReadFigure {
  name: string;
  what: string;
  path: string;
  floor: Timing;
  c1: LoadResult;
  /** Left out when one query takes over 2 s: 32 at once would take minutes to drain. */
  c32?: LoadResult;
  /** API p50 at concurrency 1 over the floor's p50: what HTTP, auth and JSON add to the query. */
  ratio: number;
}

export interface DatabaseFigures {
  kind: 'server' | 'embedded';
  postgres: string;
  hotspots: number;
  events: number;
  seedSeconds?: number;
  places: Places;
  reads: ReadFigure[];
  write?: { c1: LoadResult; c32: LoadResult };
  cache: {
    path: string;
    firstXCache: string | null;
    secondXCache: string | null;
    uncached?: LoadResult;
    cached: LoadResult;
    notModified: LoadResult;
    /** Cached over uncached requests per second at concurrency 32. */
    throughputRatio: number;
  };
  workers?: { one: LoadResult; two: LoadResult; ratio: number };
  /** The web app in Chromium: navigation to a ready map, and frame intervals while panning. */
  browser?: BrowserView[];
  /** Largest RSS of the API process (one worker, cache off) seen under load, in bytes. */
  peakRss: number;
  notes: string[];
}

const SLOW_MS = 2000;

export interface BenchOptions {
  count: number;
  duration: number;
  skipSeed: boolean;
  skipBrowser: boolean;
}

/**
 * A GET that survives the server closing an idle keep-alive connection just as it is reused
 * (Node's 5 s keepAliveTimeout races fetch's connection pool after a long pause).
 */
async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(url, { headers });
      await response.clone().arrayBuffer();
      return response;
    } catch (error) {
      if (attempt >= 3 || !(error instanceof TypeError)) throw error;
    }
  }
}

/**
 * When autocannon stops, the requests it had sent are still running in the API (a query is not
 * cancelled when its client goes away): wait for them, or they slow down the next case.
 */
async function drain(api: ApiProcess, run: LoadResult) {
  // Without a single answer, the requests in flight may take as long as the whole run did.
  const longest = Number.isFinite(run.p99) ? run.p99 : run.seconds * 1000;
  if (run.connections > 1 || run.requests === 0) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, longest * 1.5)));
  }
  for (let i = 0; i < 2; i += 1) await get(`${api.url}/readyz`);
}

/** Checks each path answers 200, then loads them briefly so every worker has compiled and planned them. */
async function warm(api: ApiProcess, paths: string[], headers: Record<string, string>, seconds = 1) {
  for (const path of paths.slice(0, 3)) {
    const response = await get(`${api.url}${path}`, headers);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  }
  const run = await runLoad({
    url: api.url,
    requests: paths.map((path) => ({ path })),
    connections: 4,
    duration: seconds,
    headers,
  });
  await drain(api, run);
}

/** Everything measured on one database: floors in-process, then the API in child processes. */
export async function benchDatabase(target: Target, options: BenchOptions): Promise<DatabaseFigures> {
  const log = (message: string) => console.error(`[${target.kind}] ${message}`);
  const prepared = await prepareBenchDatabase(target, options.count, options.skipSeed);
  const { db } = prepared;
  const notes: string[] = [];
  const timeFloor = async (each: ReadCase) => {
    let turn = 0;
    const floor = await timeSequentially(() => each.floor(db.knex, turn++), { seconds: 3, minRuns: 3 });
    log(`floor ${each.name}: p50 ${floor.p50.toFixed(2)} ms`);
    return floor;
  };
  let places: Places;
  let cases: Awaited<ReturnType<typeof readCases>>;
  const floors = new Map<string, Timing>();
  let password: string;
  let targets: LoadRequest[];
  try {
    places = await choosePlaces(db.knex, todayIn('Asia/Almaty'));
    cases = await readCases(db.knex, places);
    password = await ensureBenchAccount(db.knex);
    targets = (await writeTargets(db.knex, 50_000)).map((write) => ({ method: 'POST', ...write }));
    // The embedded database belongs to one process at a time: its floors are timed now, before the
    // API opens it. A server's are timed just before each case's API runs, under the same load around.
    if (target.kind === 'embedded') for (const each of cases) floors.set(each.name, await timeFloor(each));
  } catch (error) {
    await db.close();
    throw error;
  }
  if (target.kind === 'embedded') await db.close();
  const env: Record<string, string> =
    target.kind === 'server' ? { DATABASE_URL: target.databaseUrl ?? '' } : { DATA_DIR: target.dataDir };
  const load = async (
    api: ApiProcess,
    headers: Record<string, string>,
    requests: LoadRequest[],
    connections: number,
  ) => {
    const run = await runLoad({
      url: api.url,
      requests,
      connections,
      duration: options.duration,
      headers,
      rss: api.rss,
    });
    await drain(api, run);
    return run;
  };

  // 1. Every read, uncached, at each concurrency.
  const reads: ReadFigure[] = [];
  let peakRss = 0;
  let api = await startApi({ ...env, READ_CACHE: 'off' });
  try {
    const { cookie } = await signIn(api.url, password);
    const headers = { cookie, 'accept-encoding': BROWSER_ENCODINGS };
    for (const each of cases) {
      await warm(api, each.paths, headers);
      const requests = each.paths.map((path) => ({ path }));
      const floor = floors.get(each.name) ?? (await timeFloor(each));
      const c1 = await load(api, headers, requests, 1);
      const c32 = floor.p50 > SLOW_MS ? undefined : await load(api, headers, requests, 32);
      if (!c32)
        notes.push(`${each.name}: its query takes ${(floor.p50 / 1000).toFixed(1)} s, so concurrency 32 was left out`);
      reads.push({
        name: each.name,
        what: each.what,
        path: each.paths[0] ?? '',
        floor,
        c1,
        c32,
        ratio: c1.p50 / floor.p50,
      });
      peakRss = Math.max(peakRss, c1.peakRss ?? 0, c32?.peakRss ?? 0);
      log(`${each.name}: c1 p50 ${c1.p50.toFixed(2)} ms, c32 ${c32?.requestsPerSecond.toFixed(0) ?? '–'} req/s`);
    }
  } finally {
    await api.stop();
    if (target.kind === 'server') await db.close();
  }

  // 2. The same street view from the read cache, and as 304s; then writes (which bump the data version).
  const street = reads.find((read) => read.name === 'street') as ReadFigure;
  let cache: DatabaseFigures['cache'];
  let write: DatabaseFigures['write'];
  // CACHE_DEBUG_HEADER: the report shows X-Cache of the first and second request (off in production).
  api = await startApi({ ...env, READ_CACHE: 'on', CACHE_DEBUG_HEADER: 'on' });
  try {
    const { cookie, csrf } = await signIn(api.url, password);
    const headers = { cookie, 'accept-encoding': BROWSER_ENCODINGS };
    const first = await get(`${api.url}${street.path}`, headers);
    const second = await get(`${api.url}${street.path}`, headers);
    const etag = second.headers.get('etag') ?? '';
    const requests = [{ path: street.path }];
    const cached = await load(api, headers, requests, 32);
    const notModified = await runLoad({
      url: api.url,
      requests,
      connections: 32,
      duration: options.duration,
      headers: { ...headers, 'if-none-match': etag },
      expect: (status) => status === 304,
    });
    await drain(api, notModified);
    cache = {
      path: street.path,
      firstXCache: first.headers.get('x-cache'),
      secondXCache: second.headers.get('x-cache'),
      uncached: street.c32,
      cached,
      notModified,
      throughputRatio: cached.requestsPerSecond / (street.c32?.requestsPerSecond ?? Number.NaN),
    };
    log(`cache: ${cache.throughputRatio.toFixed(1)}× uncached throughput`);
    // Each target once: c1 takes the first quarter, c32 the rest.
    const split = Math.floor(targets.length / 4);
    if (split >= 32) {
      const writeHeaders = { ...headers, 'x-csrf-token': csrf };
      const c1 = await runLoad({
        url: api.url,
        requests: targets.slice(0, split),
        maxRequests: split,
        connections: 1,
        duration: options.duration,
        headers: writeHeaders,
      });
      await drain(api, c1);
      const c32 = await runLoad({
        url: api.url,
        requests: targets.slice(split),
        maxRequests: targets.length - split,
        connections: 32,
        duration: options.duration,
        headers: writeHeaders,
      });
      write = { c1, c32 };
      if (c32.requests >= targets.length - split) notes.push('the writes at concurrency 32 ran out of open hotspots');
      log(`write: c1 p50 ${c1.p50.toFixed(2)} ms, c32 ${c32.requestsPerSecond.toFixed(0)} req/s`);
    } else {
      notes.push(`only ${targets.length} open hotspots are left to transition: writes not measured (reseed)`);
    }
  } finally {
    await api.stop();
  }

  // 3. Two workers against one (server only: the embedded database is one process's). Both start
  // fresh and get the same warm-up, so neither has a longer-running JIT behind it.
  // The case is single hotspots: short queries, so the API process's own work (auth, JSON, HTTP) is
  // what a second worker can share. A view whose query takes the database seconds (the city's
  // clusters at a million rows) measured only the database, which two workers cannot speed up.
  let workers: DatabaseFigures['workers'];
  const single = cases.find((each) => each.name === 'one');
  if (target.kind === 'server' && single) {
    const requests = single.paths.map((path) => ({ path }));
    const runs: LoadResult[] = [];
    for (const count of ['1', '2']) {
      api = await startApi({ ...env, READ_CACHE: 'off', WORKERS: count });
      try {
        const { cookie } = await signIn(api.url, password);
        await warm(api, single.paths, { cookie }, options.duration);
        runs.push(await load(api, { cookie }, requests, 32));
      } finally {
        await api.stop();
      }
    }
    const [one, two] = runs as [LoadResult, LoadResult];
    workers = { one, two, ratio: two.requestsPerSecond / one.requestsPerSecond };
    log(`workers: 2 give ${workers.ratio.toFixed(2)}× the throughput of 1`);
  }
  // 4. The web app in a browser, over the cached API as people use it.
  let browser: BrowserView[] | undefined;
  if (!options.skipBrowser && browserAvailable()) {
    api = await startApi({ ...env, READ_CACHE: 'on' });
    try {
      const { cookie } = await signIn(api.url, password);
      const [lon, lat] = places.centre;
      const at = (zoom: number) => `${zoom}/${lat.toFixed(5)}/${lon.toFixed(5)}`;
      browser = await timeBrowser(api.url, cookie, [
        { name: 'country', at: '5/48.00000/67.00000' },
        { name: 'city', at: at(12) },
        { name: 'street', at: at(15) },
      ]);
      for (const view of browser) log(`browser ${view.name}: ready in ${view.readyMs.toFixed(0)} ms`);
    } catch (error) {
      notes.push(`browser timing failed: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      await api.stop();
    }
  } else if (!options.skipBrowser) notes.push('no Chromium: browser timing skipped');
  return {
    kind: target.kind,
    postgres: prepared.postgres,
    hotspots: prepared.hotspots,
    events: prepared.events,
    seedSeconds: prepared.seedSeconds,
    places,
    reads,
    write,
    cache,
    workers,
    browser,
    peakRss,
    notes,
  };
}
