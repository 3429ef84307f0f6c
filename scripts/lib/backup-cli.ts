import { parseArgs, type ParseArgsConfig } from 'node:util';
import { databaseEnvSchema, describeEnvIssues, presentVariables } from '@oshaq/db';
import type { z } from 'zod';
import { isDatabaseUnavailable } from '../../api/src/http/database-errors.js';
import { BackupRefusal } from './backup-files.js';

/** Exit codes shared by backup and restore. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * Parses the command line with node:util and checks it with zod. A mistake prints what is wrong
 * and the usage, and exits with 2; --help prints the usage and exits with 0.
 */
export function parseCommandLine<T>(
  options: NonNullable<ParseArgsConfig['options']>,
  schema: z.ZodType<T>,
  usage: string,
  argv = process.argv.slice(2),
): T {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return usageError((error as Error).message, usage);
  }
  if (parsed.values.help) {
    console.error(usage);
    process.exit(EXIT.ok);
  }
  const checked = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!checked.success) return usageError(checked.error.issues.map((issue) => issue.message).join('; '), usage);
  return checked.data;
}

function usageError(message: string, usage: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(EXIT.usage);
}

/** The database the app would use: DATABASE_URL, else the embedded one in DATA_DIR. */
export function configuredDatabase(): { databaseUrl?: string; dataDir: string } {
  const env = databaseEnvSchema.safeParse(presentVariables(process.env));
  if (!env.success) {
    console.error(`Invalid configuration: ${describeEnvIssues(env.error.issues, process.env).join('; ')}`);
    process.exit(EXIT.failed);
  }
  return { databaseUrl: env.data.DATABASE_URL, dataDir: env.data.DATA_DIR };
}

/** Runs the command; a refusal or failure is one clear line on stderr and exit code 1. */
export async function runCommand(work: () => Promise<void>): Promise<never> {
  try {
    await work();
    process.exit(EXIT.ok);
  } catch (error) {
    const message = (error as Error).message;
    console.error(
      error instanceof BackupRefusal
        ? message
        : isDatabaseUnavailable(error)
          ? `Error: cannot reach the database (${message}); check DATABASE_URL and that the server is running.`
          : `Error: ${message}`,
    );
    process.exit(EXIT.failed);
  }
}

export const log = (message: string) => console.error(message);
