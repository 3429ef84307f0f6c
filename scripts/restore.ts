// npm run restore -- FILE [--force]
// Restores a backup made by `npm run backup` into the database the app uses: a pg_dump archive into
// the server named by DATABASE_URL, an embedded archive into DATA_DIR. It refuses to replace a
// database that holds data unless --force, and then keeps what it replaces.
import { z } from 'zod';
import { restoreEmbedded } from './lib/backup-embedded.js';
import { configuredDatabase, log, parseCommandLine, runCommand } from './lib/backup-cli.js';
import { BackupRefusal, backupKindOf, userPath } from './lib/backup-files.js';
import { restoreServer } from './lib/backup-server.js';

const usage = `Usage: npm run restore -- FILE [--force]
  A server backup (pg_dump archive) goes into the database named by DATABASE_URL, which needs PostGIS;
  an embedded backup goes into DATA_DIR (default ./data). Stop the app first.
  --force  replace a database that holds data (a server database is saved to a .dump file next to
           FILE first; an embedded folder is renamed aside)`;

const args = parseCommandLine(
  { force: { type: 'boolean', default: false } },
  z.object({
    force: z.boolean(),
    positionals: z
      .array(z.string().min(1, 'the backup file name must not be empty'))
      .length(1, 'give exactly one backup file'),
  }),
  usage,
);

await runCommand(async () => {
  const { databaseUrl, dataDir } = configuredDatabase();
  const file = userPath(args.positionals[0] as string);
  const kind = await backupKindOf(file);
  if (kind === 'server' && !databaseUrl) {
    throw new BackupRefusal(
      `${file} is a backup of a PostgreSQL server database: set DATABASE_URL to the database to restore it into.`,
    );
  }
  if (kind === 'embedded' && databaseUrl) {
    throw new BackupRefusal(
      `${file} is a backup of an embedded database: unset DATABASE_URL and set DATA_DIR to restore it.`,
    );
  }
  const options = { force: args.force };
  if (databaseUrl) await restoreServer(file, databaseUrl, options, log);
  else await restoreEmbedded(file, dataDir, options, log);
});
