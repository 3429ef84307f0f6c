import type { DatabaseKind } from '../types.js';

/**
 * The databases the integration tests run on: always the embedded one, and the server named
 * by TEST_DATABASE_URL when set. Under CI=true a missing server is an error, not a skip.
 */
export function testTargets(env: NodeJS.ProcessEnv = process.env): DatabaseKind[] {
  if (env.TEST_DATABASE_URL) return ['embedded', 'server'];
  if (env.CI === 'true') {
    throw new Error(
      'CI=true but TEST_DATABASE_URL is not set: the integration tests must also run on a PostgreSQL + PostGIS server.',
    );
  }
  return ['embedded'];
}

/** A URL for another database on the same server as `url`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
