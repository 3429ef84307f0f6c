import type { Knex } from 'knex';

/**
 * Runs reads in one REPEATABLE READ, READ ONLY transaction, so every query in it sees the same
 * committed state. An answer built from several queries — a body and the version its ETag
 * names, a page and its count, a meeting and its agenda — must come from one snapshot: under
 * READ COMMITTED each query sees its own moment, and a write committing between two of them
 * gives a body of one version with the validator of another (a client editing that body with
 * If-Match then overwrites the change it never saw).
 *
 * A read-only snapshot takes no row locks and never fails with a serialization error; on the
 * embedded database (one connection) it simply holds the connection for the few queries.
 */
export function inSnapshot<T>(knex: Knex, read: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return knex.transaction(read, { isolationLevel: 'repeatable read', readOnly: true });
}
