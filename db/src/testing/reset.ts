import type { Knex } from 'knex';

/**
 * Puts a test database back to the state it was opened in, in one transaction, so a worker can
 * hand the same open database to one test file after another: opening PGlite with PostGIS costs
 * seconds, and creating a server database from its template most of a second, while this costs
 * tens of milliseconds.
 *
 * The state is a copy of every table in `public` kept in the schema `oshaq_test_snapshot`
 * (taken once, right after the database was opened from its template) plus every sequence's
 * position. Triggers are switched off while rows are put back (`session_replication_role`), so
 * the append-only audit log can be emptied and nothing bumps the data version or renumbers.
 *
 * A file that changed the schema itself (a migration test, a DDL statement) cannot be undone this
 * way: `schemaFingerprint` tells, and such a database is closed instead of reused.
 */
const SNAPSHOT = 'oshaq_test_snapshot';
/** PostGIS owns it and never changes it; copying it would cost more than everything else. */
const SKIPPED = new Set(['spatial_ref_sys']);

interface Column {
  table: string;
  column: string;
  identity: string;
}

export interface Snapshot {
  tables: string[];
  /** Columns that can be written back, per table (generated columns are computed again). */
  columns: Map<string, Column[]>;
  /** How many rows each table held when the snapshot was taken. */
  rows: Map<string, number>;
  sequences: { name: string; value: string; called: boolean }[];
  fingerprint: string;
}

export async function takeSnapshot(knex: Knex): Promise<Snapshot> {
  const columns = await writableColumns(knex);
  const tables = [...columns.keys()].sort();
  await knex.raw(`DO $copy$ BEGIN
    DROP SCHEMA IF EXISTS ${SNAPSHOT} CASCADE;
    CREATE SCHEMA ${SNAPSHOT};
    ${tables.map((t) => `CREATE TABLE ${SNAPSHOT}.${quote(t)} AS TABLE public.${quote(t)};`).join('\n    ')}
  END $copy$`);
  const { rows: counted } = await knex.raw<{ rows: { t: string; n: number }[] }>(
    tables.map((t) => `SELECT ${literal(t)} AS t, count(*)::int AS n FROM ${SNAPSHOT}.${quote(t)}`).join(' UNION ALL '),
  );
  const rows = new Map(counted.map(({ t, n }) => [t, n]));
  const sequences = await sequencePositions(knex);
  return { tables, columns, rows, sequences, fingerprint: await schemaFingerprint(knex) };
}

export async function resetToSnapshot(knex: Knex, snapshot: Snapshot): Promise<void> {
  const seeded = snapshot.tables.filter((t) => snapshot.rows.get(t)! > 0);
  const emptied = [...new Set([...seeded, ...(await tablesWithRows(knex, snapshot.tables))])];
  // One statement for the whole reset: PGlite answers statement by statement, and a test file
  // touches a handful of tables. DELETE rather than TRUNCATE: with triggers off it ignores the
  // foreign keys between the tables it empties, and TRUNCATE makes new files for each table and
  // index, which costs PGlite far more than deleting a test's few rows.
  const steps = [
    `SET LOCAL session_replication_role = replica;`,
    // A connection some test left holding a lock must not hang the next file: give up, reopen.
    `SET LOCAL lock_timeout = '5s';`,
    ...emptied.map((t) => `DELETE FROM public.${quote(t)};`),
    ...seeded.map((table) => {
      const cols = snapshot.columns.get(table)!;
      const list = cols.map((c) => quote(c.column)).join(', ');
      const overriding = cols.some((c) => c.identity === 'a') ? ' OVERRIDING SYSTEM VALUE' : '';
      return `INSERT INTO public.${quote(table)} (${list})${overriding} SELECT ${list} FROM ${SNAPSHOT}.${quote(table)};`;
    }),
    ...snapshot.sequences.map(
      ({ name, value, called }) => `PERFORM setval(${literal(name)}::regclass, ${BigInt(value)}, ${called});`,
    ),
  ];
  await knex.transaction(async (trx) => {
    await trx.raw(`DO $reset$ BEGIN\n${steps.join('\n')}\nEND $reset$`);
  });
}

/** The tables that hold rows now, found in one statement. */
async function tablesWithRows(knex: Knex, tables: string[]): Promise<string[]> {
  const probes = tables.map((t) => `SELECT ${literal(t)} AS t WHERE EXISTS (SELECT 1 FROM public.${quote(t)})`);
  const { rows } = await knex.raw<{ rows: { t: string }[] }>(probes.join(' UNION ALL '));
  return rows.map((row) => row.t);
}

/**
 * A digest of the schema's shape: tables, columns, indexes, functions, triggers and constraints
 * in `public`. Equal before and after a test file means data was all it changed.
 */
export async function schemaFingerprint(knex: Knex): Promise<string> {
  const { rows } = await knex.raw<{ rows: { digest: string }[] }>(`
    SELECT md5(string_agg(item, '|' ORDER BY item)) AS digest FROM (
      SELECT 'c:' || c.relname || ':' || c.relkind::text || ':' ||
             coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attnum)
                         FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') AS item
        FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
      UNION ALL
      SELECT 'f:' || p.proname || ':' || md5(p.prosrc) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
      UNION ALL
      SELECT 't:' || t.tgname || ':' || t.tgenabled::text FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal
      UNION ALL
      SELECT 'k:' || conname || ':' || pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace
    ) AS items`);
  return rows[0]!.digest;
}

async function writableColumns(knex: Knex): Promise<Map<string, Column[]>> {
  const { rows } = await knex.raw<{ rows: Column[] }>(`
    SELECT c.relname AS "table", a.attname AS "column", a.attidentity AS identity
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
       AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`);
  const byTable = new Map<string, Column[]>();
  for (const row of rows) {
    if (SKIPPED.has(row.table)) continue;
    byTable.set(row.table, [...(byTable.get(row.table) ?? []), row]);
  }
  return byTable;
}

async function sequencePositions(knex: Knex): Promise<Snapshot['sequences']> {
  // pg_sequences leaves last_value null for a sequence never used: it restarts at its start.
  const { rows } = await knex.raw<{ rows: { name: string; value: string; called: boolean }[] }>(`
    SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) AS name,
           coalesce(last_value, start_value)::text AS value, last_value IS NOT NULL AS called
      FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`);
  return rows;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
