// npm run db:seed [-- --demo] — adds missing reference data; with --demo, also the demo data set.
import { parseArgs } from 'node:util';
import { seedDemo, seedReference } from '@oshaq/db';
import { withDatabase } from './lib/cli.js';

const { values } = parseArgs({ options: { demo: { type: 'boolean', default: false } } });

await withDatabase(async (db) => {
  const reference = await seedReference(db.knex);
  console.error(
    `Reference data: ${reference.categoriesAdded} categories and ${reference.agenciesAdded} agencies added.`,
  );
  if (values.demo) {
    const demo = await seedDemo(db.knex, undefined, { meetings: true });
    console.error(
      `Demo: ${demo.hotspotsAdded} hotspots, ${demo.areasAdded} areas and ${demo.meetingsAdded ?? 0} meetings added.`,
    );
  }
});
