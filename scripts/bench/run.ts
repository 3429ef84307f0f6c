// npm run bench -- [--count N] [--database server|embedded|both] [--database-url URL] [--duration S] [--skip-…]
// Measures the API against the SQL it runs, on the server and the embedded database, and writes
// the table to bench-results/<time>.{json,md} and bench-results/latest.md (see run-args.ts).
// With --only, just the named reads, printed (benchReadsOnly below).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { todayIn } from '../../api/src/time.js';
import { type ApiProcess, startApi } from './api-process.js';
import { prepareBenchDatabase, type Target } from './bench-database.js';
import { benchDatabase } from './database-bench.js';
import { bundleSize, machine } from './footprint.js';
import { type LoadResult, runLoad } from './load-test.js';
import { type Timing, timeSequentially } from './measure.js';
import { type BenchReport, markdown } from './report.js';
import { parseRunArgs, type ReadCaseName, RunArgsError, type RunArgs, runUsage } from './run-args.js';
import { choosePlaces, type ReadCase, readCases } from './scenarios.js';
import { ensureBenchAccount, signIn } from './session.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** First start of the embedded database in a fresh data dir (as `npm start` does it, with the demo), then a later one. */
async function embeddedStartup(): Promise<{ firstMs: number; laterMs: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'oshaq-bench-start-'));
  try {
    const first = await startApi({ DATA_DIR: dataDir, DEMO: 'true' }, 300_000);
    await first.stop();
    const later = await startApi({ DATA_DIR: dataDir, DEMO: 'true' });
    await later.stop();
    return { firstMs: first.startMs, laterMs: later.startMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');
const latency = (run: LoadResult) => `${ms(run.p50)} / ${ms(run.p95)} / ${ms(run.p99)}`;

/**
 * `--only`: the named reads alone, as the whole bench measures them (uncached API, a short warm-up,
 * c1 then c32, the SQL floor timed beside them), so one change can be measured before and after in
 * a minute instead of the whole run. Printed as a table; bench-results/ keeps whole runs only.
 */
async function benchReadsOnly(args: RunArgs, only: ReadCaseName[]): Promise<number> {
  let failed = false;
  for (const kind of args.databases) {
    const target: Target = { kind, databaseUrl: args.databaseUrl, dataDir: args.dataDir };
    const { db, hotspots } = await prepareBenchDatabase(target, args.count, args.skipSeed);
    const rows: string[] = [];
    let cases: ReadCase[];
    let password: string;
    const floors = new Map<string, Timing>();
    const timeFloor = (each: ReadCase) => {
      let turn = 0;
      return timeSequentially(() => each.floor(db.knex, turn++), { seconds: 3, minRuns: 3 });
    };
    try {
      const places = await choosePlaces(db.knex, todayIn('Asia/Almaty'));
      cases = (await readCases(db.knex, places)).filter((each) => only.includes(each.name as ReadCaseName));
      password = await ensureBenchAccount(db.knex);
      // The embedded database is one process's at a time: its floors before the API opens it.
      if (kind === 'embedded') for (const each of cases) floors.set(each.name, await timeFloor(each));
    } finally {
      if (kind === 'embedded') await db.close();
    }
    const env: Record<string, string> =
      kind === 'server' ? { DATABASE_URL: args.databaseUrl ?? '' } : { DATA_DIR: args.dataDir };
    const api = await startApi({ ...env, READ_CACHE: 'off' });
    try {
      const { cookie } = await signIn(api.url, password);
      const headers = { cookie, 'accept-encoding': 'gzip, deflate, br' };
      const load = async (each: ReadCase, connections: number, duration: number) => {
        const run = await runLoad({
          url: api.url,
          requests: each.paths.map((path) => ({ path })),
          connections,
          duration,
          headers,
        });
        await settle(api, run);
        return run;
      };
      for (const each of cases) {
        const first = await fetch(`${api.url}${each.paths[0]}`, { headers });
        if (!first.ok) throw new Error(`GET ${each.paths[0]} answered ${first.status}`);
        await first.arrayBuffer();
        await load(each, 4, 1);
        const floor = floors.get(each.name) ?? (await timeFloor(each));
        const c1 = await load(each, 1, args.duration);
        const c32 = await load(each, 32, args.duration);
        failed ||= c1.errors + c1.unexpected + c32.errors + c32.unexpected > 0;
        rows.push(
          `| ${each.name} | ${ms(floor.p50)} / ${ms(floor.p95)} | ${latency(c1)} | ${c1.requestsPerSecond.toFixed(1)} | ` +
            `${latency(c32)} | ${c32.requestsPerSecond.toFixed(1)} | ${c1.errors + c1.unexpected} + ${c32.errors + c32.unexpected} |`,
        );
        console.error(`[${kind}] ${each.name}: c1 p50 ${ms(c1.p50)} ms, c32 ${c32.requestsPerSecond.toFixed(1)} req/s`);
      }
    } finally {
      await api.stop();
      if (kind === 'server') await db.close();
    }
    console.log(
      [
        `\n${kind}, ${hotspots.toLocaleString('en')} hotspots, ${args.duration} s per load, ms p50 / p95 / p99:\n`,
        '| case | SQL p50 / p95 | API c1 | c1 req/s | API c32 | c32 req/s | errors c1 + c32 |',
        '| --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    );
  }
  return failed ? 1 : 0;
}

/** Requests autocannon left in flight still run in the API: let them finish before the next load. */
async function settle(api: ApiProcess, run: LoadResult) {
  const longest = Number.isFinite(run.p99) ? run.p99 : run.seconds * 1000;
  if (run.connections > 1 || run.requests === 0) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, longest * 1.5)));
  }
  await (await fetch(`${api.url}/readyz`)).arrayBuffer();
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseRunArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof RunArgsError)) throw error;
    console.error(`Error: ${error.message}\n${runUsage}`);
    return 2;
  }
  if (args.only) return benchReadsOnly(args, args.only);
  const started = new Date();
  const report: BenchReport = {
    startedAt: started.toISOString(),
    seconds: 0,
    machine: machine(),
    args: { count: args.count, duration: args.duration },
    databases: [],
    failures: [],
  };
  for (const kind of args.databases) {
    console.error(`Benchmarking the ${kind} database…`);
    try {
      report.databases.push(
        await benchDatabase(
          { kind, databaseUrl: args.databaseUrl, dataDir: args.dataDir },
          { count: args.count, duration: args.duration, skipSeed: args.skipSeed, skipBrowser: args.skipBrowser },
        ),
      );
    } catch (error) {
      console.error(`[${kind}] failed: ${(error as Error).stack ?? String(error)}`);
      report.failures.push(`${kind}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (!args.skipStartup && args.databases.includes('embedded')) {
    console.error('Timing embedded start-up…');
    try {
      report.startup = await embeddedStartup();
    } catch (error) {
      report.failures.push(`start-up: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  report.bundle = bundleSize(path.join(root, 'web/dist'));
  report.seconds = (Date.now() - started.getTime()) / 1000;
  const text = markdown(report);
  const dir = path.join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  writeFileSync(path.join(dir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(dir, `${stamp}.md`), text);
  writeFileSync(path.join(dir, 'latest.md'), text);
  console.log(text);
  console.error(`Written to bench-results/${stamp}.json and .md (${report.seconds.toFixed(0)} s).`);
  return report.failures.length > 0 ? 1 : 0;
}

process.exit(await main());
