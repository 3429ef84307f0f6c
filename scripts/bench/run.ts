// npm run bench -- [--count N] [--database server|embedded|both] [--database-url URL] [--duration S] [--skip-…]
// Measures the API against the SQL it runs, on the server and the embedded database, and writes
// the table to bench-results/<time>.{json,md} and bench-results/latest.md (see run-args.ts).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApi } from './api-process.js';
import { benchDatabase } from './database-bench.js';
import { bundleSize, machine } from './footprint.js';
import { type BenchReport, markdown } from './report.js';
import { parseRunArgs, RunArgsError, runUsage } from './run-args.js';

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

async function main(): Promise<number> {
  let args;
  try {
    args = parseRunArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof RunArgsError)) throw error;
    console.error(`Error: ${error.message}\n${runUsage}`);
    return 2;
  }
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
