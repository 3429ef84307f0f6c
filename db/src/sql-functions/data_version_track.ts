import type { SqlFunction } from './index.js';

/**
 * Makes every write to a table move the data version: a migration adding a table people read
 * through cached routes calls SELECT data_version_track('table').
 */
export const dataVersionTrack: SqlFunction = {
  signature: 'data_version_track(regclass)',
  statement: `CREATE OR REPLACE FUNCTION data_version_track(tbl regclass) RETURNS void
  LANGUAGE plpgsql AS $$
  BEGIN
    EXECUTE format(
      'CREATE TRIGGER data_version_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s '
      || 'FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()',
      tbl);
  END $$`,
};
