import path from 'node:path';
import { parseArgs } from 'node:util';

/** The read cases scripts/bench/scenarios.ts measures, by name (its test checks they agree). */
export const READ_CASES = ['street', 'street-map', 'city', 'country', 'stats', 'search', 'one'] as const;
export type ReadCaseName = (typeof READ_CASES)[number];

export const runUsage =
  'Usage: npm run bench -- [--count N] [--database server|embedded|both] [--database-url URL] [--data-dir DIR]\n' +
  '                        [--duration S] [--skip-seed] [--skip-startup] [--skip-browser] [--only CASE,CASE]\n' +
  '  --count: bench hotspots in the database (default 10000); reseeded when the count differs.\n' +
  '  --database: which database to measure (default: both when a server URL is known, else embedded).\n' +
  '  --database-url: the server database (default DATABASE_URL); it must hold only bench data.\n' +
  '  --data-dir: where the embedded bench database lives (default ./bench-data/embedded).\n' +
  '  --duration: seconds per autocannon case (1..600, default 5).\n' +
  '  --skip-seed: use the database as it is, whatever it holds.\n' +
  '  --skip-startup: leave out the embedded start-up timings (two extra starts, about 30 s).\n' +
  '  --skip-browser: leave out the map timings in Chromium (CHROMIUM_PATH, default /usr/bin/chromium).\n' +
  `  --only: measure only these reads (${READ_CASES.join(', ')}), each against its SQL at c1 and c32;\n` +
  '          no cache, write, workers, browser or start-up figures. Printed, not written to bench-results/.';

export class RunArgsError extends Error {}

export interface RunArgs {
  count: number;
  databases: ('server' | 'embedded')[];
  databaseUrl: string | undefined;
  dataDir: string;
  duration: number;
  skipSeed: boolean;
  skipStartup: boolean;
  skipBrowser: boolean;
  /** Only these reads, in the bench's order; undefined for the whole bench. */
  only: ReadCaseName[] | undefined;
}

function wholeNumber(name: string, given: string | undefined, fallback: number, min: number, max: number): number {
  if (given === undefined) return fallback;
  if (!/^\d+$/.test(given)) throw new RunArgsError(`--${name} must be a whole number (got "${given}")`);
  const value = Number(given);
  if (value < min || value > max) {
    throw new RunArgsError(`--${name} must be between ${min} and ${max.toLocaleString('en')} (got ${given})`);
  }
  return value;
}

/** `--only street,stats`: known names, at least one, in the bench's own order (the same run either way round). */
function onlyCases(given: string | undefined): ReadCaseName[] | undefined {
  if (given === undefined) return undefined;
  const names = given.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(READ_CASES as readonly string[]).includes(name));
  if (unknown.length > 0 || given.trim() === '') {
    throw new RunArgsError(
      `--only takes read cases separated by commas, of ${READ_CASES.join(', ')} (got "${unknown.join(',') || given}")`,
    );
  }
  return READ_CASES.filter((name) => names.includes(name));
}

/** The command line (and DATABASE_URL), checked; a mistake is a RunArgsError saying what to change. */
export function parseRunArgs(argv: string[], env: NodeJS.ProcessEnv): RunArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        count: { type: 'string' },
        database: { type: 'string' },
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        duration: { type: 'string' },
        'skip-seed': { type: 'boolean' },
        'skip-startup': { type: 'boolean' },
        'skip-browser': { type: 'boolean' },
        only: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new RunArgsError((error as Error).message);
  }
  const str = (name: string) => values[name] as string | undefined;
  const count = wholeNumber('count', str('count'), 10_000, 1, 5_000_000);
  const duration = wholeNumber('duration', str('duration'), 5, 1, 600);
  const databaseUrl = str('database-url') ?? (env.DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/\S+$/.test(databaseUrl)) {
    throw new RunArgsError('--database-url must be a postgres:// URL');
  }
  const which = str('database') ?? (databaseUrl ? 'both' : 'embedded');
  if (!['server', 'embedded', 'both'].includes(which)) {
    throw new RunArgsError(`--database must be server, embedded or both (got "${which}")`);
  }
  const databases = which === 'both' ? (['server', 'embedded'] as const) : ([which] as ['server' | 'embedded']);
  if (databases.includes('server') && !databaseUrl) {
    throw new RunArgsError('the server database needs --database-url (or DATABASE_URL)');
  }
  const dataDir = str('data-dir');
  if (dataDir === '') throw new RunArgsError('--data-dir must not be empty');
  return {
    only: onlyCases(str('only')),
    count,
    databases: [...databases],
    databaseUrl,
    dataDir: path.resolve(dataDir ?? 'bench-data/embedded'),
    duration,
    skipSeed: values['skip-seed'] === true,
    skipStartup: values['skip-startup'] === true,
    skipBrowser: values['skip-browser'] === true,
  };
}
