import type { Knex } from 'knex';
import { applySqlFunctions } from '../sql-functions/index.js';
import { runStatements } from './run-statements.js';

/**
 * A number that any change to the data people read moves on: API processes key their read cache
 * by it and check it once per request, so a write through any process (or straight in SQL)
 * invalidates every process's cache at once. The bump is a row update in the writing transaction,
 * so it becomes visible exactly when the change commits — never before (a sequence would be seen
 * before the commit, and a reader could cache the old data under the new number).
 *
 * The number is the sum of 16 slots, each writing session bumping the slot of its backend: a
 * bump holds its row lock until commit, and with one row every write transaction in the cluster
 * would queue behind the one before (parallel import batches, concurrent transitions). Each commit
 * raises the sum, so it still never repeats along one history. changed_at tells histories apart:
 * after a restore from backup the sum starts again from an older value, but no later write can
 * repeat both the sum and the latest time of one before the restore.
 *
 * Statement-level triggers: an import of a thousand rows bumps once per statement, not per row.
 * Tables that only sign-in and auditing write (sessions, tokens, attempts, audit, users) are left
 * out, or every request would invalidate the cache.
 */
const TRACKED = ['hotspots', 'hotspot_events', 'categories', 'agencies', 'areas'];
const UNTRACKED = [
  'data_version',
  'hotspot_reference_counters', // moves only with an insert into hotspots, which is tracked
  'users',
  'sessions',
  'api_tokens',
  'sign_in_attempts',
  'audit_log',
  'knex_migrations',
  'knex_migrations_lock',
];
const quoted = (names: string[]) => names.map((name) => `'${name}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE TABLE data_version (
      slot smallint PRIMARY KEY CHECK (slot BETWEEN 0 AND 15),
      version bigint NOT NULL DEFAULT 0,
      changed_at timestamptz NOT NULL DEFAULT now()
    )`,
    `INSERT INTO data_version (slot) SELECT generate_series(0, 15)`,
    // What the API reads, once per cached request: one index-free scan of 16 rows.
    `CREATE VIEW data_version_now AS
      SELECT sum(version)::bigint AS version, max(changed_at) AS changed_at FROM data_version`,
  ]);
  // The bump, and what later migrations that add tables read by the API call:
  // SELECT data_version_track('t') (both in sql-functions/).
  await applySqlFunctions(knex, ['data_version_bump', 'data_version_track']);
  await runStatements(knex, [
    ...TRACKED.map((table) => `SELECT data_version_track('${table}'::regclass)`),
    // Every other table of the application present now is tracked too: that takes in whatever
    // 0007_meetings creates (meetings, agenda items, instructions…) whatever its tables are named.
    // Tables of extensions (PostGIS's spatial_ref_sys) are not ours.
    `DO $$
      DECLARE t regclass;
      BEGIN
        FOR t IN
          SELECT c.oid::regclass FROM pg_class c
          WHERE c.relnamespace = current_schema()::regnamespace
            AND c.relkind IN ('r', 'p') AND NOT c.relispartition
            AND c.relname NOT IN (${quoted([...TRACKED, ...UNTRACKED])})
            AND NOT EXISTS (
              SELECT 1 FROM pg_depend d
              WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        LOOP
          PERFORM data_version_track(t);
        END LOOP;
      END $$`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, [
    // CASCADE takes the triggers on every tracked table with it.
    'DROP FUNCTION data_version_bump() CASCADE',
    'DROP FUNCTION data_version_track(regclass)',
    'DROP VIEW data_version_now',
    'DROP TABLE data_version',
  ]);
}
