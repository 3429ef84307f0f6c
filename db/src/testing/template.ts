import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { openDatabase } from '../open.js';
import { prepareDatabase } from '../prepare.js';
import { withDatabase } from './targets.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

/**
 * A digest of everything that shapes a fresh database — every source file of the db package
 * (migrations, SQL functions, seeds and what they import), test helpers aside — so a stale cached
 * template is never used.
 */
async function schemaDigest(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(path.join(here, '..'), { recursive: true }))
    .filter((file) => !file.startsWith(`testing${path.sep}`) && /\.(ts|sql|json|geojson)$/.test(file))
    .sort();
  for (const file of files) hash.update(file).update(await readFile(path.join(here, '..', file)));
  const pglite = await readFile(path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'));
  return hash.update(pglite).digest('hex').slice(0, 16);
}

/**
 * Creates (or reuses) a migrated embedded database with reference data, which each test file
 * copies: opening a copy takes seconds, initialising PostGIS from nothing takes much longer.
 */
export async function prepareEmbeddedTemplate(): Promise<string> {
  const cache = path.join(repoRoot, 'node_modules/.cache/oshaq');
  const name = `template-${await schemaDigest()}`;
  const dir = path.join(cache, name);
  if (existsSync(path.join(dir, '.ready'))) return dir;
  // Templates of older schemas are dead weight (tens of MB each), but one a run started a moment
  // ago (before a migration changed) may still be copied from: only day-old ones go.
  for (const old of existsSync(cache) ? await readdir(cache) : []) {
    const ready = path.join(cache, old, '.ready');
    if (!old.startsWith('template-') || old === name || !existsSync(ready)) continue;
    if (Date.now() - (await stat(ready)).mtimeMs > 24 * 3600_000)
      await rm(path.join(cache, old), { recursive: true, force: true });
  }
  // Built aside and renamed into place, so two test runs starting together never share a half-built one.
  const building = path.join(cache, `building-${process.pid}-${Date.now()}`);
  const db = await openDatabase({ dataDir: building });
  await prepareDatabase(db, { demo: false });
  await db.close();
  await writeFile(path.join(building, '.ready'), new Date().toISOString());
  try {
    await rename(building, dir);
  } catch {
    await rm(building, { recursive: true, force: true }); // another run finished first: use its copy
  }
  return dir;
}

/** Creates a migrated template database on the server; returns its name. */
export async function prepareServerTemplate(adminUrl: string): Promise<string> {
  const name = `oshaq_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  const db = await openDatabase({ databaseUrl: withDatabase(adminUrl, name), dataDir: '' });
  await prepareDatabase(db, { demo: false });
  await db.close();
  return name;
}

/** Drops the template and any per-file database a crashed run left behind. */
export async function dropServerDatabases(adminUrl: string, template: string): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  try {
    const { rows } = await admin.raw<{ rows: { datname: string }[] }>(
      'SELECT datname FROM pg_database WHERE datname = ? OR datname LIKE ?',
      [template, `${template.replace('oshaq_tpl_', 'oshaq_t_')}%`],
    );
    for (const { datname } of rows) await admin.raw(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await admin.destroy();
  }
}
