import type { Knex } from 'knex';

export type DatabaseKind = 'embedded' | 'server';

/** An open Oshaq database: a knex instance (with PostGIS) and how to close it cleanly. */
export interface Database {
  knex: Knex;
  kind: DatabaseKind;
  /** Where the data lives, for people: a directory for embedded, host/db (no password) for server. */
  location: string;
  close(): Promise<void>;
}
