// npm run backup -- --out FILE [--force]
// Backs up the database the app uses: with DATABASE_URL, pg_dump's custom format (the app may keep
// running); without it, an archive of the embedded database in DATA_DIR (stop the app first).
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { backupEmbedded } from './lib/backup-embedded.js';
import { configuredDatabase, log, parseCommandLine, runCommand } from './lib/backup-cli.js';
import { BackupRefusal, userPath } from './lib/backup-files.js';
import { backupServer } from './lib/backup-server.js';

const usage = `Usage: npm run backup -- --out FILE [--force]
  With DATABASE_URL: a pg_dump archive of that server database (name it e.g. oshaq.dump).
  Without: an archive of the embedded database in DATA_DIR (default ./data; e.g. oshaq.tar.gz).
  Restore it with: npm run restore -- FILE
  --force  overwrite FILE if it exists`;

const args = parseCommandLine(
  { out: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } },
  z.object({
    out: z.string({ error: '--out FILE is required: where to write the backup' }).min(1, '--out must not be empty'),
    force: z.boolean(),
    positionals: z.array(z.string()).max(0, 'unexpected argument: give the file with --out FILE'),
  }),
  usage,
);

await runCommand(async () => {
  const { databaseUrl, dataDir } = configuredDatabase();
  const file = userPath(args.out);
  if (existsSync(file) && !args.force) {
    throw new BackupRefusal(`${file} already exists: choose another name, or add --force to overwrite it.`);
  }
  if (databaseUrl) await backupServer(databaseUrl, file, log);
  else await backupEmbedded(dataDir, file, log);
});
