import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openDatabase, seedDemo } from '@oshaq/db';
import { describeOnEachDatabase, type TestDatabase, withDatabase } from '@oshaq/db/testing';
import { appendAudit } from '../../api/src/accounts/repo.js';
import { createAccount } from '../../api/test/accounts.js';
import { type DatabaseDigest, databaseDigest } from '../lib/table-digest.js';

const scripts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(scripts, `${script}.ts`), ...args], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/** Demo hotspots with their histories, an account with its token, and audit rows of several kinds. */
async function seed(db: TestDatabase) {
  await seedDemo(db.knex);
  const account = await createAccount(db.knex, 'prosecutor', 'backup.tester');
  await appendAudit(db.knex, { actor: 'backup test', action: 'hotspot.export', after: { format: 'csv', rows: 24 } });
  await appendAudit(db.knex, {
    user_id: account.id,
    actor: 'Test prosecutor',
    ip: '127.0.0.1',
    action: 'session.create',
  });
}

function expectSameRows(restored: DatabaseDigest, original: DatabaseDigest) {
  expect(Object.keys(restored.tables).sort()).toEqual(Object.keys(original.tables).sort());
  for (const [table, digest] of Object.entries(original.tables)) {
    expect({ table, ...restored.tables[table] }).toEqual({ table, ...digest });
  }
  expect(restored.sequences).toEqual(original.sequences);
}

describeOnEachDatabase(
  'npm run backup and npm run restore',
  (db, kind) => {
    let dir: string;
    let original: DatabaseDigest;
    const cleanups: (() => Promise<void>)[] = [];
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'oshaq-backup-'));
      await seed(db() as TestDatabase);
      original = await databaseDigest(db().knex);
    }, 120_000);
    afterAll(async () => {
      for (const cleanup of cleanups) await cleanup();
      await rm(dir, { recursive: true, force: true });
    });

    it('seeds something worth backing up', () => {
      expect(original.tables.hotspots?.rows).toBe(24);
      expect(original.tables.hotspot_events?.rows).toBeGreaterThan(24);
      expect(original.tables.audit_log?.rows).toBeGreaterThanOrEqual(3);
      expect(original.tables.api_tokens?.rows).toBe(1);
    });

    if (kind === 'embedded') {
      it('refuses to archive a data directory another process has open, naming that process', async () => {
        const result = await run('backup', ['--out', path.join(dir, 'busy.tar.gz')], { DATA_DIR: db().location });
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(`The app is running on ${db().location} (process ${process.pid}:`);
        expect(await readdir(dir)).toEqual([]);
      });

      it('archives the data directory, and restores it into a new folder with every row', async () => {
        // Close PGlite without deleting the folder (the test database's own close() would delete it).
        await db().knex.destroy();
        const file = path.join(dir, 'oshaq.tar.gz');
        const backup = await run('backup', ['--out', file], { DATA_DIR: db().location });
        expect(backup.stderr).toMatch(
          /Backed up the embedded database in .* \(\d+(\.\d)? MB\): 24 hotspots, \d+ hotspot_events/,
        );
        expect(backup.code).toBe(0);

        const target = path.join(dir, 'restored');
        const restore = await run('restore', [file], { DATA_DIR: target });
        expect(restore.stderr).toContain(`Restored ${file} into ${target}: 24 hotspots`);
        expect(restore.code).toBe(0);
        const restored = await openDatabase({ dataDir: target });
        try {
          expectSameRows(await databaseDigest(restored.knex), original);
        } finally {
          await restored.close();
        }

        const refused = await run('restore', [file], { DATA_DIR: target });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(
          /is not empty: it holds 24 hotspots, \d+ hotspot_events, 1 users, \d+ audit_log/,
        );
        expect(refused.stderr).toContain('Run again with --force');

        const forced = await run('restore', [file, '--force'], { DATA_DIR: target });
        expect(forced.code).toBe(0);
        const aside = (await readdir(dir)).filter((name) => name.startsWith('restored.replaced-'));
        expect(aside).toHaveLength(1);
        expect(forced.stderr).toContain(`kept in ${path.join(dir, aside[0] as string)}`);
        expect(existsSync(path.join(target, 'PG_VERSION'))).toBe(true);
      }, 240_000);
    }

    if (kind === 'server') {
      it('dumps the database, and restores it into an empty database with every row', async () => {
        const url = (db() as TestDatabase).url as string;
        const file = path.join(dir, 'oshaq.dump');
        const backup = await run('backup', ['--out', file], { DATABASE_URL: url });
        expect(backup.stderr).toMatch(/Backed up PostgreSQL database .* to .*oshaq\.dump \(\d+ KB\): 24 hotspots/);
        expect(backup.code).toBe(0);
        expect((await run('backup', ['--out', file], { DATABASE_URL: url })).stderr).toContain('already exists');
        const elsewhere = await run('restore', [file], { DATA_DIR: path.join(dir, 'embedded') });
        expect(elsewhere).toMatchObject({
          code: 1,
          stderr: expect.stringContaining('set DATABASE_URL to the database'),
        });

        // An empty database with PostGIS, as scripts/setup-postgis.sh leaves it.
        const { adminUrl, template } = inject('oshaqTemplates').server ?? { adminUrl: '', template: '' };
        const name = `${template.replace('oshaq_tpl_', 'oshaq_t_')}_bk${randomBytes(3).toString('hex')}`;
        const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
        await admin.raw(`CREATE DATABASE ${name}`);
        cleanups.push(async () => {
          await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await admin.destroy();
        });
        const targetUrl = withDatabase(adminUrl, name);
        const restore = await run('restore', [file], { DATABASE_URL: targetUrl });
        expect(restore.stderr).toContain(`into 127.0.0.1:`);
        expect(restore.code).toBe(0);
        const restored = await openDatabase({ databaseUrl: targetUrl, dataDir: '' });
        try {
          expectSameRows(await databaseDigest(restored.knex), original);
        } finally {
          await restored.close();
        }
      }, 120_000);

      it('refuses to replace a database that holds data, then with --force replaces all of it, newer tables too', async () => {
        const url = (db() as TestDatabase).url as string;
        const file = path.join(dir, 'oshaq.dump');
        // Changes after the backup: a row, and a table as a newer migration would add.
        await appendAudit(db().knex, { actor: 'after the backup', action: 'hotspot.export' });
        await db().knex.raw('CREATE TABLE added_later (id int PRIMARY KEY)');
        const changed = await databaseDigest(db().knex);

        const refused = await run('restore', [file], { DATABASE_URL: url });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(
          /is not empty: it holds 24 hotspots, \d+ hotspot_events, 1 users, \d+ audit_log, .*would replace all of it/,
        );
        expect(await databaseDigest(db().knex)).toEqual(changed);

        const forced = await run('restore', [file, '--force'], { DATABASE_URL: url });
        expect(forced.stderr).toMatch(/Saving them first to .*oshaq-before-restore-oshaq_t_\w+-\d{8}-\d{6}\.dump/);
        expect(forced.code).toBe(0);
        expectSameRows(await databaseDigest(db().knex), original);
        const safety = (await readdir(dir)).filter((name) => name.startsWith('oshaq-before-restore-'));
        expect(safety).toHaveLength(1);
      }, 120_000);
    }

    // Once is enough: the command line is checked before any database is opened.
    it.runIf(kind === 'embedded')(
      'says what is wrong with the command line, and what a file that is no backup is',
      async () => {
        const env = { DATA_DIR: path.join(dir, 'none') };
        const noOut = await run('backup', [], env);
        expect(noOut).toMatchObject({ code: 2, stderr: expect.stringContaining('--out FILE is required') });
        const twoFiles = await run('restore', ['a', 'b'], env);
        expect(twoFiles).toMatchObject({ code: 2, stderr: expect.stringContaining('give exactly one backup file') });
        const notBackup = await run('restore', [fileURLToPath(import.meta.url)], env);
        expect(notBackup).toMatchObject({ code: 1, stderr: expect.stringContaining('is not an Oshaq backup') });
        const missing = await run('restore', [path.join(dir, 'missing.dump')], env);
        expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('No such file') });
      },
    );
  },
  { own: true },
); // closes its database, copies its files, dumps it whole
