import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseEnvSchema, databaseEnvShape, describeEnvIssues, presentVariables } from '@oshaq/db';
import { z } from 'zod';

export const usage =
  'Usage: npm run bench:seed -- --count N [--seed S] [--batch-size B] [--jobs J] [--database-url URL | --data-dir DIR] [--force]\n' +
  '  Loads N generated hotspots (1..5,000,000) into the database, replacing earlier bench rows.\n' +
  '  Without --database-url or --data-dir: DATABASE_URL, else the embedded database in DATA_DIR (./data).\n' +
  '  --jobs: batches stored at once (default 2 on a server, 1 embedded).\n' +
  '  --force loads even when the database holds hotspots that are not bench data.';

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `${name} must be between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}`)
        .max(max, `${name} must be between ${min.toLocaleString('en')} and ${max.toLocaleString('en')}`),
    );

const argsSchema = z
  .object({
    count: z.string({ error: '--count is required' }).pipe(wholeNumber('--count', 1, 5_000_000)),
    // The generator's random source is 32-bit.
    seed: wholeNumber('--seed', 0, 4_294_967_295).default(42),
    'batch-size': wholeNumber('--batch-size', 1, 10_000).default(2000),
    jobs: wholeNumber('--jobs', 1, 16).optional(),
    'database-url': databaseEnvShape.DATABASE_URL,
    'data-dir': z.string().min(1, '--data-dir must not be empty').optional(),
    force: z.boolean().default(false),
  })
  .refine((args) => !(args['database-url'] && args['data-dir']), {
    error: 'give --database-url or --data-dir, not both',
  });

export interface LoadArgs {
  count: number;
  seed: number;
  batchSize: number;
  /** Unset: chosen for the database (see load.ts). */
  jobs: number | undefined;
  force: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
}

export class ArgsError extends Error {}

/** The command line and environment, checked; any mistake is an ArgsError saying what to change. */
export function parseLoadArgs(argv: string[], env: NodeJS.ProcessEnv): LoadArgs {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        count: { type: 'string' },
        seed: { type: 'string' },
        'batch-size': { type: 'string' },
        jobs: { type: 'string' },
        'database-url': { type: 'string' },
        'data-dir': { type: 'string' },
        force: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new ArgsError((error as Error).message);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    throw new ArgsError(
      parsed.error.issues
        .map((issue) => {
          const name = issue.path[0];
          const flag = typeof name === 'string' && !issue.message.includes(name) ? `--${name}: ` : '';
          const given = typeof name === 'string' && typeof values[name] === 'string' ? ` (got "${values[name]}")` : '';
          return `${flag}${issue.message}${given}`;
        })
        .join('; '),
    );
  }
  const args = parsed.data;
  const fromEnv = databaseEnvSchema.safeParse(presentVariables(env));
  // Flags override the environment; the environment is only checked when it is used.
  if (args['database-url'] || args['data-dir']) {
    return {
      count: args.count,
      seed: args.seed,
      batchSize: args['batch-size'],
      jobs: args.jobs,
      force: args.force,
      databaseUrl: args['database-url'],
      dataDir: path.resolve(args['data-dir'] ?? './data'),
    };
  }
  if (!fromEnv.success)
    throw new ArgsError(`Invalid configuration: ${describeEnvIssues(fromEnv.error.issues, env).join('; ')}`);
  return {
    count: args.count,
    seed: args.seed,
    batchSize: args['batch-size'],
    jobs: args.jobs,
    force: args.force,
    databaseUrl: fromEnv.data.DATABASE_URL,
    dataDir: fromEnv.data.DATA_DIR,
  };
}
