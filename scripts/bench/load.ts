// npm run bench:seed -- --count N [--seed S] [--batch-size B] [--jobs J] [--database-url URL | --data-dir DIR] [--force]
// Fills a database with N generated hotspots for the benchmarks (see generate.ts) and prints how fast.
import { closeOnSignals, type Database, localToday, openDatabase, prepareDatabase } from '@oshaq/db';
import { ArgsError, parseLoadArgs, usage } from './load-args.js';
import { seedBench } from './seed.js';
import { loadSettlements } from './settlements.js';

const rate = (rows: number, seconds: number) => Math.round(rows / seconds).toLocaleString('en');

async function main(): Promise<number> {
  let args;
  try {
    args = parseLoadArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    console.error(`Error: ${error.message}\n${usage}`);
    return 1;
  }
  let db: Database | undefined;
  try {
    // Read the places before opening the database: a broken file fails at once.
    const places = await loadSettlements();
    db = await openDatabase({ databaseUrl: args.databaseUrl, dataDir: args.dataDir });
    closeOnSignals(db);
    console.error(db.kind === 'embedded' ? `Embedded database in ${db.location}` : `PostgreSQL server ${db.location}`);
    await prepareDatabase(db, { demo: false });
    const today = localToday();
    console.error(
      `Generating ${args.count.toLocaleString('en')} hotspots (seed ${args.seed}, up to ${today}) around ${places.description}`,
    );
    let reported = 0;
    // Two at a time on a server: it stores one batch while the next is generated and sent (about
    // 1.3× one at a time on 2 cores). PGlite runs in this thread and gains nothing from it.
    const jobs = args.jobs ?? (db.kind === 'server' ? 2 : 1);
    const report = await seedBench(db.knex, {
      ...args,
      jobs,
      today,
      settlements: places.settlements,
      onProgress(loaded, total) {
        // About every 10 %, so a long load shows it is moving without flooding the console.
        if (loaded - reported >= total / 10 || loaded === total) {
          reported = loaded;
          console.error(`  ${loaded.toLocaleString('en')} / ${total.toLocaleString('en')}`);
        }
      },
    });
    if (report.removed > 0) console.error(`Replaced ${report.removed.toLocaleString('en')} earlier bench hotspots.`);
    console.log(
      `Loaded ${report.hotspots.toLocaleString('en')} hotspots and ${report.events.toLocaleString('en')} events ` +
        `into the ${db.kind} database in ${report.loadSeconds.toFixed(1)} s ` +
        `(${rate(report.hotspots, report.loadSeconds)} hotspots/s, batches of ${args.batchSize}, ${jobs} at a time); ` +
        `ANALYZE ${report.analyseSeconds.toFixed(1)} s.`,
    );
    return 0;
  } catch (error) {
    console.error(`Error: ${(error as Error).message}`);
    return 1;
  } finally {
    await db?.close().catch(() => {});
  }
}

process.exit(await main());
