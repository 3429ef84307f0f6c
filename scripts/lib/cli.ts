import {
  closeOnSignals,
  type Database,
  databaseEnvSchema,
  describeEnvIssues,
  migrateToLatest,
  openDatabase,
  presentVariables,
} from '@oshaq/db';

/**
 * Opens and migrates the database chosen by DATABASE_URL / DATA_DIR, as the app does, runs
 * `work`, and closes it, also on Ctrl-C. Any failure becomes one clear line and exit code 1.
 */
export async function withDatabase(work: (db: Database) => Promise<number | void>): Promise<void> {
  let db: Database | undefined;
  try {
    const env = databaseEnvSchema.safeParse(presentVariables(process.env));
    if (!env.success)
      throw new Error(`Invalid configuration: ${describeEnvIssues(env.error.issues, process.env).join('; ')}`);
    db = await openDatabase({ databaseUrl: env.data.DATABASE_URL, dataDir: env.data.DATA_DIR });
    closeOnSignals(db);
    console.error(db.kind === 'embedded' ? `Embedded database in ${db.location}` : `PostgreSQL server ${db.location}`);
    await migrateToLatest(db.knex);
    const code = await work(db);
    await db.close();
    process.exit(code ?? 0);
  } catch (error) {
    console.error(`Error: ${(error as Error).message}`);
    await db?.close().catch(() => {});
    process.exit(1);
  }
}
