import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import { describeConnection, openDatabase, pendingMigrations } from '@oshaq/db';
import { type Query, describeCounts, holdsData, isOshaqDatabase, tableCounts } from './backup-contents.js';
import {
  BackupRefusal,
  discard,
  fileStamp,
  finishFile,
  formatSize,
  partialPath,
  runTool,
  toolError,
  toolMessage,
} from './backup-files.js';
import { REPLACE_PUBLIC_SCHEMA } from './restore-sql.js';

type Log = (message: string) => void;

const queryOf =
  (knex: Knex): Query =>
  async (sql) =>
    ((await knex.raw(sql)) as { rows: Record<string, unknown>[] }).rows;

/**
 * The tools get the URL without its password (which would show in the process list) and the
 * password through PGPASSWORD. Their application_name keeps them apart from the app's connections.
 */
function toolConnection(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env, PGAPPNAME: 'oshaq-backup', PGCONNECT_TIMEOUT: '10' };
  if (password) env.PGPASSWORD = password;
  return { dbname: url.toString(), env };
}

async function pgDump(databaseUrl: string, file: string, snapshot?: string): Promise<number> {
  const { dbname, env } = toolConnection(databaseUrl);
  const partial = partialPath(file);
  const args = ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`];
  if (snapshot) args.push(`--snapshot=${snapshot}`);
  try {
    const dump = await runTool('pg_dump', args, env);
    if (dump.code !== 0) throw new Error(`pg_dump failed: ${toolMessage(dump.stderr)}`);
    // Reading the archive's table of contents back proves the file is complete and readable.
    const list = await runTool('pg_restore', ['--list', partial]);
    if (list.code !== 0) throw new Error(`the archive pg_dump wrote cannot be read: ${toolMessage(list.stderr)}`);
    return await finishFile(partial, file);
  } catch (error) {
    await discard(partial);
    throw error;
  }
}

/**
 * Dumps the server database with pg_dump (custom format). The row counts printed are read in the
 * very snapshot pg_dump uses, so they are exactly what the file holds, even while the app writes.
 */
export async function backupServer(databaseUrl: string, file: string, log: Log): Promise<void> {
  const db = await openDatabase({ databaseUrl, dataDir: '', poolMax: 1 });
  try {
    const { counts, size } = await db.knex.transaction(
      async (trx) => {
        const { rows } = (await trx.raw('SELECT pg_export_snapshot() AS snapshot')) as {
          rows: { snapshot: string }[];
        };
        const inSnapshot = await tableCounts(queryOf(trx));
        return { counts: inSnapshot, size: await pgDump(databaseUrl, file, rows[0]?.snapshot) };
      },
      { isolationLevel: 'repeatable read' },
    );
    if (!isOshaqDatabase(counts)) log(`Warning: ${db.location} has no Oshaq tables; is DATABASE_URL the right one?`);
    log(`Backed up PostgreSQL database ${db.location} to ${file} (${formatSize(size)}): ${describeCounts(counts)}.`);
  } finally {
    await db.close();
  }
}

interface ArchiveInfo {
  createdAt?: string;
  dbname?: string;
  list: string;
}

async function readArchive(file: string): Promise<ArchiveInfo> {
  const listed = await runTool('pg_restore', ['--list', file]);
  if (listed.code !== 0)
    throw new BackupRefusal(`${file} cannot be read as a pg_dump archive: ${toolMessage(listed.stderr)}`);
  return {
    createdAt: /^; Archive created at (.+)$/m.exec(listed.stdout)?.[1]?.trim(),
    dbname: /^;\s+dbname: (.+)$/m.exec(listed.stdout)?.[1]?.trim(),
    list: listed.stdout,
  };
}

/**
 * The archive's entries minus what belongs to the server rather than to Oshaq: the PostGIS
 * extension (the target keeps its own, and only its owner may comment on it) and the public schema.
 */
function restorableEntries(list: string): string {
  const serverOwned = /^\d+; \d+ \d+ (EXTENSION - |COMMENT - EXTENSION |SCHEMA - public\b|COMMENT - SCHEMA public\b)/;
  return list
    .split('\n')
    .map((line) => (serverOwned.test(line) ? `; ${line}` : line))
    .join('\n');
}

/**
 * Replaces the database's contents with the archive in one transaction: everything Oshaq owns in
 * `public` is dropped, then the archive is replayed, all through one psql session. If any
 * statement fails, nothing has changed.
 */
async function replaceContents(databaseUrl: string, file: string, listFile: string): Promise<void> {
  const { dbname, env } = toolConnection(databaseUrl);
  const restore = spawn('pg_restore', ['--no-owner', '--no-acl', `--use-list=${listFile}`, '--file=-', file], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const psql = spawn(
    'psql',
    ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', `--dbname=${dbname}`],
    { env, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let restoreErr = '';
  let psqlErr = '';
  restore.stderr.on('data', (chunk: Buffer) => (restoreErr += chunk.toString()));
  psql.stderr.on('data', (chunk: Buffer) => (psqlErr += chunk.toString()));
  // psql stops at the first error; pg_restore then writes into a closed pipe, which is expected.
  psql.stdin.on('error', () => {});
  const exited = (child: ReturnType<typeof spawn>, name: string) =>
    new Promise<number | null>((resolve, reject) => {
      child.on('error', (error: NodeJS.ErrnoException) => reject(toolError(name, error)));
      child.on('close', resolve);
    });
  const restoreDone = exited(restore, 'pg_restore');
  const psqlDone = exited(psql, 'psql');
  psql.stdin.write(REPLACE_PUBLIC_SCHEMA);
  restore.stdout.pipe(psql.stdin);
  const [psqlCode, restoreCode] = await Promise.all([psqlDone, restoreDone.catch((error: Error) => error)]);
  if (restoreCode instanceof Error) throw restoreCode;
  if (psqlCode !== 0) throw new Error(`the restore failed and was rolled back: ${toolMessage(psqlErr)}`);
  if (restoreCode !== 0) throw new Error(`pg_restore failed: ${toolMessage(restoreErr)}`);
}

export interface RestoreOptions {
  force: boolean;
}

export async function restoreServer(file: string, databaseUrl: string, options: RestoreOptions, log: Log) {
  const archive = await readArchive(file);
  const where = describeConnection(databaseUrl);
  const from = `${file}${archive.createdAt ? ` (taken ${archive.createdAt} from ${archive.dbname ?? '?'})` : ''}`;
  const db = await openDatabase({ databaseUrl, dataDir: '', poolMax: 1 });
  try {
    const counts = await tableCounts(queryOf(db.knex));
    const { rows } = (await db.knex.raw(
      `SELECT current_database() AS name, (SELECT count(*)::int FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'oshaq') AS app`,
    )) as { rows: { name: string; app: number }[] };
    const appConnections = rows[0]?.app ?? 0;
    if (holdsData(counts) && !options.force) {
      throw new BackupRefusal(
        `The database ${where} is not empty: it holds ${describeCounts(counts)}. Restoring ${from} would ` +
          `replace all of it. Run again with --force to replace it (a copy of it is saved first).`,
      );
    }
    if (appConnections > 0) {
      if (!options.force) {
        throw new BackupRefusal(
          `Oshaq is connected to ${where} (${appConnections} connection(s)): stop the app before restoring, ` +
            `or run again with --force and restart the app afterwards.`,
        );
      }
      log(`Warning: Oshaq is connected to ${where}; restart the app after the restore.`);
    }
    if (holdsData(counts)) {
      const name = (rows[0]?.name ?? 'database').replace(/[^\w.-]/g, '_');
      const safety = path.join(path.dirname(file), `oshaq-before-restore-${name}-${fileStamp()}.dump`);
      log(`Replacing ${describeCounts(counts)} in ${where}. Saving them first to ${safety}…`);
      await pgDump(databaseUrl, safety);
    }
  } finally {
    await db.close();
  }

  const listFile = partialPath(`${file}.list`);
  await writeFile(listFile, restorableEntries(archive.list));
  try {
    await replaceContents(databaseUrl, file, listFile);
  } finally {
    await discard(listFile);
  }

  const restored = await openDatabase({ databaseUrl, dataDir: '', poolMax: 1 });
  try {
    // Fresh tables have no planner statistics; without them the first queries can pick poor plans.
    await restored.knex.raw('ANALYZE');
    const counts = await tableCounts(queryOf(restored.knex));
    log(`Restored ${from} into ${where}: ${describeCounts(counts)}.`);
    const pending = await pendingMigrations(restored.knex);
    if (pending.length > 0)
      log(`The backup predates migrations ${pending.join(', ')}: the app applies them when it starts.`);
  } finally {
    await restored.close();
  }
}
