// npm run stats:repair — recounts the statistics cells (migration 0020) from the hotspots in one
// transaction and says which cells were wrong. The triggers keep them right; this is for after
// anything that went around them (a restore of part of the data, triggers disabled by hand).
import { withDatabase } from './lib/cli.js';

interface Difference {
  cell: Record<string, unknown>;
  stored: number;
  counted: number;
}

/** Shown one a line; beyond this many, only how many more. */
const SHOWN = 50;

await withDatabase(async (db) => {
  const { rows } = await db.knex.raw<{ rows: Difference[] }>('SELECT * FROM hotspot_cells_repair()');
  if (rows.length === 0) {
    console.error('The statistics cells equal a recount of the hotspots: nothing to repair.');
    return 0;
  }
  for (const { cell, stored, counted } of rows.slice(0, SHOWN)) {
    console.log(`${JSON.stringify(cell)}: stored ${stored}, counted ${counted}`);
  }
  if (rows.length > SHOWN) console.log(`… and ${rows.length - SHOWN} more`);
  console.error(`Repaired: ${rows.length} cell(s) differed from the recount and now equal it.`);
  return 0;
});
