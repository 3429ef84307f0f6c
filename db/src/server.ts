import knexFactory from 'knex';
import pg from 'pg';
import { typeParsers } from './type-parsers.js';
import type { Database } from './types.js';

for (const [oid, parse] of Object.entries(typeParsers)) {
  pg.types.setTypeParser(Number(oid), parse);
}

/** Describes a connection string for logs without leaking its password. */
export function describeConnection(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

export interface ServerOptions {
  poolMax?: number;
}

/** Opens a pooled connection to a PostgreSQL + PostGIS server. */
export async function openServer(databaseUrl: string, options: ServerOptions = {}): Promise<Database> {
  const knex = knexFactory({
    client: 'pg',
    connection: { connectionString: databaseUrl, application_name: 'oshaq' },
    pool: { min: 0, max: options.poolMax ?? 10 },
    acquireConnectionTimeout: 10_000,
  });
  let closing: Promise<void> | undefined;
  return {
    knex,
    kind: 'server',
    location: describeConnection(databaseUrl),
    close() {
      closing ??= knex.destroy();
      return closing;
    },
  };
}
