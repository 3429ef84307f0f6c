import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { describe, expect, it } from 'vitest';
import { missingPostgisMessage, openDatabase } from '../src/index.js';
import { testTargets, withDatabase } from '../src/testing/index.js';

describe('PostGIS on a server', () => {
  it('names the Debian package to install for the server version', () => {
    expect(missingPostgisMessage(15)).toContain('apt-get install postgresql-15-postgis-3');
    expect(missingPostgisMessage(undefined)).toContain('postgresql-<major>-postgis-3');
  });

  it.skipIf(!testTargets().includes('server'))(
    'when PostGIS may not be enabled by the connecting role, says who must run CREATE EXTENSION',
    async () => {
      const adminUrl = process.env.TEST_DATABASE_URL as string;
      const suffix = randomBytes(4).toString('hex');
      const role = `oshaq_plain_${suffix}`;
      const database = `oshaq_nopostgis_${suffix}`;
      const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
      try {
        await admin.raw(`CREATE ROLE ${role} LOGIN PASSWORD 'plain'`);
        await admin.raw(`CREATE DATABASE ${database} OWNER ${role}`);
        const url = new URL(withDatabase(adminUrl, database));
        url.username = role;
        url.password = 'plain';
        await expect(openDatabase({ databaseUrl: url.toString(), dataDir: '' })).rejects.toThrow(
          /PostGIS is installed on the server but could not be enabled in this database.*CREATE EXTENSION postgis/,
        );
      } finally {
        await admin.raw(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await admin.raw(`DROP ROLE IF EXISTS ${role}`);
        await admin.destroy();
      }
    },
  );
});
