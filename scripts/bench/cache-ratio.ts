/**
 * Times only the street view, uncached against cached (and as 304s), on a bench database that is
 * already seeded (`npm run bench:seed`): the read cache's figure of `npm run bench` in a minute
 * rather than the whole run.
 *
 *   npx tsx scripts/bench/cache-ratio.ts --database-url postgres://… [--duration 5] [--connections 32]
 *     [--encoding 'gzip, deflate, br'] [--rounds 1] [--case street|street-map|…]
 *
 * `--encoding ''` sends no Accept-Encoding (a client that takes identity only). `--url` loads an API
 * already running on that database instead (started by hand, e.g. under `node --cpu-prof`), cached only.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '@oshaq/db';
import { todayIn } from '../../api/src/time.js';
import { type ApiProcess, startApi } from './api-process.js';
import { type LoadResult, runLoad } from './load-test.js';
import { choosePlaces, readCases } from './scenarios.js';
import { ensureBenchAccount, signIn } from './session.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    encoding: { type: 'string', default: 'gzip, deflate, br' },
    rounds: { type: 'string', default: '1' },
    /** Which read case of scenarios.ts: street (the list's full GeoJSON) or street-map (the map's slim one). */
    case: { type: 'string', default: 'street' },
    /** An API already running on the database (e.g. under --cpu-prof): only its cached figures are taken. */
    url: { type: 'string' },
  },
});
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('--database-url (or DATABASE_URL) names the seeded bench database');
const duration = Number(values.duration);
const connections = Number(values.connections);
const rounds = Number(values.rounds);

const db = await openDatabase({ databaseUrl, dataDir: '' }); // dataDir is for the embedded database only
let path: string;
let password: string;
try {
  const cases = await readCases(db.knex, await choosePlaces(db.knex, todayIn('Asia/Almaty')));
  const chosen = cases.find((each) => each.name === values.case);
  if (!chosen) throw new Error(`--case: one of ${cases.map((each) => each.name).join(', ')}`);
  path = chosen.paths[0] ?? '';
  password = await ensureBenchAccount(db.knex);
} finally {
  await db.close();
}

const env = { DATABASE_URL: databaseUrl };
const line = (name: string, run: LoadResult) =>
  console.log(
    `${name.padEnd(10)} ${run.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${run.p50.toFixed(1)} ms  ` +
      `p99 ${run.p99.toFixed(1)} ms  errors ${run.errors}  unexpected ${run.unexpected}`,
  );

async function measure(cache: 'on' | 'off'): Promise<{ full: LoadResult; notModified?: LoadResult }> {
  const api: ApiProcess = values.url
    ? { url: values.url, pid: 0, startMs: 0, rss: () => 0, stop: async () => undefined }
    : await startApi({ ...env, READ_CACHE: cache });
  try {
    const { cookie } = await signIn(api.url, password);
    const headers: Record<string, string> = {
      cookie,
      ...(values.encoding ? { 'accept-encoding': values.encoding } : {}),
    };
    const requests = [{ path }];
    // Warm: plans, JIT, and (cache on) the entry with its gzipped copy.
    await runLoad({ url: api.url, requests, connections: 4, duration: 1, headers });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const full = await runLoad({ url: api.url, requests, connections, duration, headers });
    line(`${cache === 'on' ? 'cached' : 'uncached'}`, full);
    if (cache === 'off') return { full };
    const etag = (await fetch(`${api.url}${path}`, { headers })).headers.get('etag') ?? '';
    const notModified = await runLoad({
      url: api.url,
      requests,
      connections,
      duration,
      headers: { ...headers, 'if-none-match': etag },
      expect: (status) => status === 304,
    });
    line('304', notModified);
    return { full, notModified };
  } finally {
    await api.stop();
  }
}

console.log(
  `street view ${path}, c${connections}, ${duration} s each, Accept-Encoding: ${values.encoding || '(none)'}`,
);
if (values.url) await measure('on');
else
  for (let round = 0; round < rounds; round += 1) {
    const uncached = await measure('off');
    const cached = await measure('on');
    console.log(`ratio      ${(cached.full.requestsPerSecond / uncached.full.requestsPerSecond).toFixed(1)}×`);
  }
