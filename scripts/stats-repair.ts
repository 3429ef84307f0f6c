// npm run stats:repair — recounts the statistics cells (migration 0020) and the clustered map's grid
// cells (migration 0022) from the hotspots, each in one transaction, and says which cells were
// wrong. The triggers keep them right; this is for after anything that went around them (a restore
// of part of the data, triggers disabled by hand). The grid is always rebuilt, which also tightens
// the clusters' extents (they only widen between repairs).
import { withDatabase } from './lib/cli.js';

interface Difference {
  cell: Record<string, unknown>;
  stored: number;
  counted: number;
}

/** Shown one a line; beyond this many, only how many more. */
const SHOWN = 50;

function report(what: string, rows: Difference[]) {
  if (rows.length === 0) {
    console.error(`The ${what} equal a recount of the hotspots: nothing was wrong.`);
    return;
  }
  for (const { cell, stored, counted } of rows.slice(0, SHOWN)) {
    console.log(`${JSON.stringify(cell)}: stored ${stored}, counted ${counted}`);
  }
  if (rows.length > SHOWN) console.log(`… and ${rows.length - SHOWN} more`);
  console.error(`Repaired: ${rows.length} of the ${what} differed from the recount and now equal it.`);
}

await withDatabase(async (db) => {
  const cells = await db.knex.raw<{ rows: Difference[] }>('SELECT * FROM hotspot_cells_repair()');
  report('statistics cells', cells.rows);
  const grid = await db.knex.raw<{ rows: Difference[] }>('SELECT * FROM hotspot_grid_repair()');
  report('map grid cells', grid.rows);
  return 0;
});
