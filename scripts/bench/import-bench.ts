// npm run bench:import -- --count N (--database-url URL | --data-dir DIR) [--seed S] [--file-rows R]
// Times importing N generated hotspots through the API (POST /api/imports, CSV), as a
// prosecutor's office would bring in an older register: parse, check every row, write all or
// nothing. Runs against a server database of your choosing (it adds N hotspots there; use a
// scratch database), or an embedded one in a data directory, with the API started as `npm start` starts it.
import { parseArgs } from 'node:util';
import { type Database, localToday, openDatabase, prepareDatabase } from '@oshaq/db';
import { startApi } from './api-process.js';
import { generateHotspots, type BenchHotspot } from './generate.js';
import { toWkt } from './places.js';
import { ensureBenchAccount, signIn } from './session.js';
import { loadSettlements } from './settlements.js';

const usage =
  'Usage: npm run bench:import -- --count N (--database-url URL | --data-dir DIR) [--seed S] [--file-rows R]\n' +
  '  Imports N generated hotspots through POST /api/imports in CSV files of R rows (default 20,000,\n' +
  '  under the API’s 20 MB limit) and prints the time. Adds the rows to that database: use a scratch one.';

const HEADER = 'external_ref,title,description,category,severity,agency,registered_on,due_on,source,confidential,wkt';
const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** One CSV line in the import's columns; the place as WKT so points and polygons share a column. */
function csvLine(row: BenchHotspot, seed: number, index: number): string {
  return [
    `import-bench-${seed}-${index}`,
    quote(row.title),
    quote(row.description),
    row.categoryCode,
    row.severity,
    row.agencyCode,
    row.registeredOn,
    row.dueOn,
    'import-bench',
    String(row.confidential),
    quote(toWkt(row.geometry)),
  ].join(',');
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      count: { type: 'string' },
      seed: { type: 'string', default: '9001' },
      'file-rows': { type: 'string', default: '20000' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const whole = (name: string, text: string | undefined, max: number) => {
    if (!text || !/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
      throw new Error(`--${name} must be a whole number from 1 to ${max.toLocaleString('en')}`);
    }
    return Number(text);
  };
  if (!values['database-url'] === !values['data-dir']) {
    throw new Error('give --database-url (a scratch server database) or --data-dir (a scratch embedded one)');
  }
  return {
    count: whole('count', values.count, 1_000_000),
    seed: whole('seed', values.seed, 4_294_967_295),
    fileRows: whole('file-rows', values['file-rows'], 100_000),
    databaseUrl: values['database-url'],
    dataDir: values['data-dir'],
  };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`Error: ${(error as Error).message}\n${usage}`);
    return 1;
  }
  const places = await loadSettlements();
  let db: Database | undefined = await openDatabase({ databaseUrl: args.databaseUrl, dataDir: args.dataDir ?? '' });
  await prepareDatabase(db, { demo: false });
  const password = await ensureBenchAccount(db.knex);
  const [areas] = await db.knex('areas').count({ n: '*' });
  const before = Number((await db.knex('hotspots').count({ n: '*' }))[0]!.n);
  await db.close();
  db = undefined;

  // The files are built before the clock starts: what is timed is the API's work.
  const files: string[] = [];
  let lines: string[] = [];
  let index = 0;
  const rows = generateHotspots({
    seed: args.seed,
    count: args.count,
    today: localToday(),
    settlements: places.settlements,
  });
  for (const row of rows) {
    lines.push(csvLine(row, args.seed, index++));
    if (lines.length === args.fileRows) {
      files.push([HEADER, ...lines].join('\n'));
      lines = [];
    }
  }
  if (lines.length) files.push([HEADER, ...lines].join('\n'));
  const megabytes = files.reduce((sum, file) => sum + Buffer.byteLength(file), 0) / 1024 / 1024;
  console.error(
    `${args.count.toLocaleString('en')} rows in ${files.length} CSV file(s), ${megabytes.toFixed(1)} MB; ` +
      `${Number(areas?.n)} areas to place them in; ${before.toLocaleString('en')} hotspots already stored.`,
  );

  // The embedded database is closed above: one process at a time may open its directory.
  const api = await startApi(args.databaseUrl ? { DATABASE_URL: args.databaseUrl } : { DATA_DIR: args.dataDir! });
  try {
    const session = await signIn(api.url, password);
    const started = performance.now();
    let created = 0;
    for (const [number, file] of files.entries()) {
      const fileStarted = performance.now();
      const response = await fetch(`${api.url}/api/imports`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', Cookie: session.cookie, 'X-CSRF-Token': session.csrf },
        body: file,
      });
      const body = (await response.json()) as { created?: number; detail?: string };
      if (response.status !== 201) throw new Error(`file ${number + 1}: ${response.status} ${body.detail ?? ''}`);
      created += body.created ?? 0;
      console.error(
        `  file ${number + 1}/${files.length}: ${body.created} created in ${((performance.now() - fileStarted) / 1000).toFixed(1)} s`,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Imported ${created.toLocaleString('en')} of ${args.count.toLocaleString('en')} hotspots through POST /api/imports ` +
        `in ${seconds.toFixed(1)} s (${Math.round(created / seconds).toLocaleString('en')} hotspots/s), ` +
        `${files.length} file(s) of up to ${args.fileRows.toLocaleString('en')} rows.`,
    );
    return created === args.count ? 0 : 1;
  } finally {
    await api.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Error: ${(error as Error).message}`);
    process.exit(1);
  },
);
