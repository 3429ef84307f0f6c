import path from 'node:path';
import { z } from 'zod';

/** The environment variables that choose the database; the API's config extends these. */
export const databaseEnvShape = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// connection URL')
    .optional(),
  DATA_DIR: z
    .string()
    .min(1, 'must not be empty')
    .default('./data')
    .transform((dir) => path.resolve(dir)),
};

export const databaseEnvSchema = z.object(databaseEnvShape);

/** Formats zod issues about environment variables as "NAME: reason (got "value")". */
export function describeEnvIssues(issues: z.core.$ZodIssue[], env: NodeJS.ProcessEnv): string[] {
  return issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const given = env[name];
    return `${name}: ${issue.message}${given === undefined ? '' : ` (got "${given}")`}`;
  });
}

/** Drops empty variables: `PORT= npm start` means "not set", as a shell user expects. */
export function presentVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}
