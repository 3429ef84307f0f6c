import type { Knex } from 'knex';

/** Raised when a server database cannot provide PostGIS; the message says what to install. */
class MissingPostgisError extends Error {
  constructor(serverMajor: number | undefined) {
    super(missingPostgisMessage(serverMajor));
    this.name = 'MissingPostgisError';
  }
}

export function missingPostgisMessage(serverMajor: number | undefined): string {
  const pkg = serverMajor ? `postgresql-${serverMajor}-postgis-3` : 'postgresql-<major>-postgis-3';
  return (
    `PostGIS is not installed on the PostgreSQL server${serverMajor ? ` (version ${serverMajor})` : ''}. ` +
    `Install the package ${pkg} on the server (Debian/Ubuntu: sudo apt-get install ${pkg}, ` +
    `or run scripts/setup-postgis.sh), then start Oshaq again.`
  );
}

/**
 * Makes sure PostGIS is available and enabled. Creating the extension needs a superuser
 * (or a database owner on PostgreSQL 13+ when it is trusted); the error says so when it fails.
 */
export async function ensurePostgis(knex: Knex): Promise<void> {
  const { rows: versionRows } = await knex.raw<{ rows: { num: string }[] }>(
    "select current_setting('server_version_num') as num",
  );
  const major = Math.floor(Number(versionRows[0]?.num ?? 0) / 10000) || undefined;
  const { rows } = await knex.raw<{ rows: { installed: string | null }[] }>(
    "select installed_version as installed from pg_available_extensions where name = 'postgis'",
  );
  if (rows.length === 0) throw new MissingPostgisError(major);
  if (!rows[0]?.installed) {
    try {
      await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
    } catch (error) {
      throw new Error(
        `PostGIS is installed on the server but could not be enabled in this database: ${
          (error as Error).message
        }. Ask a superuser to run "CREATE EXTENSION postgis;" in it, or connect as its owner.`,
      );
    }
  }
  // Text search's index (migration 0010) needs pg_trgm, part of PostgreSQL's contrib. Enabled here
  // too, not only by the migration, so a restore into an empty database finds it before replaying.
  try {
    await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  } catch (error) {
    throw new Error(
      `The pg_trgm extension (PostgreSQL contrib) could not be enabled in this database: ${
        (error as Error).message
      }. Install PostgreSQL's contrib modules, or ask a superuser to run "CREATE EXTENSION pg_trgm;" in it.`,
    );
  }
}
