import { type Database, pendingMigrations } from '@oshaq/db';

export interface Readiness {
  database: 'reachable' | 'unreachable';
  pendingMigrations: string[];
  error?: string;
}

/** Whether the database answers and its schema is current. */
export async function checkReadiness(db: Database): Promise<Readiness> {
  try {
    await db.knex.raw('SELECT 1');
    return { database: 'reachable', pendingMigrations: await pendingMigrations(db.knex) };
  } catch (error) {
    return { database: 'unreachable', pendingMigrations: [], error: (error as Error).message };
  }
}
