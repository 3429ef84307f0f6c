import type { Database } from '@oshaq/db';

/** What most features' routes need from the app: the database and the city's "today" (for overdue). */
export interface RouteDeps {
  db: Database;
  today: () => string;
}
