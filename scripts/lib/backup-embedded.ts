import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
// PGlite itself rather than openDatabase: only the PGlite instance can archive its data directory.
// It is opened with the same extensions as db/src/embedded.ts does.
import { PGlite } from '@electric-sql/pglite';
import { type Query, describeCounts, holdsData, isOshaqDatabase, tableCounts } from './backup-contents.js';
import { BackupRefusal, discard, fileStamp, finishFile, formatSize, partialPath } from './backup-files.js';
import { closedUncleanly, dataDirUsers, EMBEDDED_EXTENSIONS } from '@oshaq/db';

type Log = (message: string) => void;

const queryOf =
  (pglite: PGlite): Query =>
  async (sql) =>
    (await pglite.query<Record<string, unknown>>(sql)).rows;

const openPglite = (dataDir: string, archive?: Blob) =>
  PGlite.create(dataDir, { extensions: EMBEDDED_EXTENSIONS, ...(archive ? { loadDataDir: archive } : {}) });

/** Two processes on one embedded database would corrupt it: refuse while the app has it open. */
async function refuseWhileInUse(dataDir: string, doing: string, log: Log): Promise<void> {
  const use = await dataDirUsers(dataDir);
  if (use.users.length > 0) {
    const who = use.users.map((user) => `process ${user.pid}: ${user.command}`).join('; ');
    throw new BackupRefusal(
      `The app is running on ${dataDir} (${who}). Stop it first (Ctrl-C where it runs, or SIGTERM), then ${doing} ` +
        `again: an embedded database may be open in one process at a time.`,
    );
  }
  if (!use.checked) {
    log(`Warning: this system cannot show whether the app is running on ${dataDir}; make sure it is stopped.`);
  }
  if (closedUncleanly(dataDir)) {
    log(
      `Note: ${dataDir} was not closed cleanly (the app was killed or the machine stopped); opening it ` +
        `recovers it from its write-ahead log, as the app's next start would.`,
    );
  }
}

type DataDirState = 'absent' | 'empty' | 'database' | 'other';

async function dataDirState(dataDir: string): Promise<DataDirState> {
  if (!existsSync(dataDir)) return 'absent';
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return 'database';
  return (await readdir(dataDir)).length === 0 ? 'empty' : 'other';
}

/**
 * Archives the embedded database with PGlite's own dumpDataDir, after a CHECKPOINT so the data
 * files are current: a consistent copy, unlike copying files that a running database changes.
 */
export async function backupEmbedded(dataDir: string, file: string, log: Log): Promise<void> {
  if ((await dataDirState(dataDir)) !== 'database') {
    throw new BackupRefusal(
      `There is no embedded database in ${dataDir}: set DATA_DIR to the folder the app uses (default ./data).`,
    );
  }
  await refuseWhileInUse(dataDir, 'run the backup', log);
  const pglite = await openPglite(dataDir);
  const partial = partialPath(file);
  try {
    const counts = await tableCounts(queryOf(pglite));
    if (!isOshaqDatabase(counts)) log(`Warning: ${dataDir} has no Oshaq tables; is DATA_DIR the right folder?`);
    await pglite.exec('CHECKPOINT');
    const archive = await pglite.dumpDataDir('gzip');
    await writeFile(partial, Buffer.from(await archive.arrayBuffer()));
    const size = await finishFile(partial, file);
    log(`Backed up the embedded database in ${dataDir} to ${file} (${formatSize(size)}): ${describeCounts(counts)}.`);
  } catch (error) {
    await discard(partial);
    throw error;
  } finally {
    await pglite.close();
  }
}

export interface RestoreOptions {
  force: boolean;
}

/**
 * Builds the database from the archive in a folder beside DATA_DIR, checks that it opens and is an
 * Oshaq database, and only then swaps it in. A database that was there is moved aside, not deleted.
 */
export async function restoreEmbedded(file: string, dataDir: string, options: RestoreOptions, log: Log) {
  const state = await dataDirState(dataDir);
  if (state === 'other') {
    throw new BackupRefusal(
      `${dataDir} holds files that are not a database: set DATA_DIR to an empty or new folder, or empty this one.`,
    );
  }
  if (state === 'database') {
    await refuseWhileInUse(dataDir, 'restore', log);
    const current = await openPglite(dataDir);
    const counts = await tableCounts(queryOf(current)).finally(() => current.close());
    if (holdsData(counts) && !options.force) {
      throw new BackupRefusal(
        `The embedded database in ${dataDir} is not empty: it holds ${describeCounts(counts)}. Restoring ${file} ` +
          `would replace all of it. Run again with --force to replace it (the current folder is kept aside).`,
      );
    }
    log(`Replacing the embedded database in ${dataDir}, which holds ${describeCounts(counts)}.`);
  }

  const staging = `${dataDir}.restoring-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  let counts;
  try {
    const archive = new Blob([await readFile(file)], { type: 'application/x-gzip' });
    const restored = await openPglite(staging, archive).catch((error: Error) => {
      throw new BackupRefusal(`${file} could not be opened as an embedded database: ${error.message}`);
    });
    counts = await tableCounts(queryOf(restored)).finally(() => restored.close());
    if (!isOshaqDatabase(counts)) {
      throw new BackupRefusal(`${file} holds a database without Oshaq's tables; nothing was changed.`);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }

  let aside: string | undefined;
  if (state === 'database') {
    aside = `${dataDir}.replaced-${fileStamp()}`;
    await rename(dataDir, aside);
  } else if (state === 'empty') {
    await rmdir(dataDir);
  }
  await rename(staging, dataDir);
  log(`Restored ${file} into ${dataDir}: ${describeCounts(counts)}.`);
  if (aside) log(`The database that was there is kept in ${aside}; delete it once you have checked the restored data.`);
}
