import type { SqlFunction } from './index.js';

/**
 * Moves the data version on (migration 0008 says why it is a sum of 16 slots): the statement
 * trigger that data_version_track puts on a table calls it once per writing statement. The bump is
 * a row update in the writing transaction, so it becomes visible exactly when the change commits.
 */
export const dataVersionBump: SqlFunction = {
  signature: 'data_version_bump()',
  statement: `CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE data_version SET version = version + 1, changed_at = now() WHERE slot = pg_backend_pid() % 16;
    RETURN NULL;
  END $$`,
};
