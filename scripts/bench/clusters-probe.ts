// npm run bench:clusters -- --database-url URL (or --data-dir DIR) — the clustered map's two sources side by side on a
// seeded database: the grid cells (migration 0022) and the rows they replace, for the bench's city
// (zoom 11) and the whole country (zoom 5), warm, p50/p95 over repeated runs. A quick check between
// full `npm run bench` runs; the bench itself measures the API (c1, c32) against the grid's SQL.
import { parseArgs } from 'node:util';
import { openDatabase } from '@oshaq/db';
import { SYSTEM_VIEWER } from '../../api/src/auth/visibility.js';
import { clusterJson, type ClusterSource } from '../../api/src/clusters/repo.js';
import { KAZAKHSTAN_BBOX } from './settlements.js';
import { choosePlaces } from './scenarios.js';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    runs: { type: 'string', default: '20' },
  },
});
const url = values['database-url'] ?? process.env.DATABASE_URL;
const dataDir = values['data-dir'];
if (!url && !dataDir) throw new Error('give --database-url or --data-dir (a seeded bench database)');
const runs = Number(values.runs);
const db = await openDatabase({ databaseUrl: dataDir ? undefined : url, dataDir: dataDir ?? '' });
try {
  const today = new Date().toISOString().slice(0, 10);
  const places = await choosePlaces(db.knex, today);
  const [west, south, east, north] = places.city;
  const views = {
    city: { bbox: { minLon: west, minLat: south, maxLon: east, maxLat: north }, zoom: 11 },
    country: {
      bbox: {
        minLon: KAZAKHSTAN_BBOX.west,
        minLat: KAZAKHSTAN_BBOX.south,
        maxLon: KAZAKHSTAN_BBOX.east,
        maxLat: KAZAKHSTAN_BBOX.north,
      },
      zoom: 5,
    },
  };
  // Unfiltered, and as the map asks by default: this year up to today.
  const periods = { all: {}, 'this year': { registered_from: `${today.slice(0, 4)}-01-01`, registered_to: today } };
  for (const [name, view] of Object.entries(views)) {
    for (const [period, filters] of Object.entries(periods)) {
      for (const source of ['grid', 'rows'] as ClusterSource[]) {
        const times: number[] = [];
        let clusters = 0;
        for (let run = 0; run < (source === 'rows' ? Math.min(runs, 5) : runs) + 1; run += 1) {
          const started = performance.now();
          const json = await clusterJson(db.knex, SYSTEM_VIEWER, filters, view.bbox, view.zoom, today, source);
          if (run > 0) times.push(performance.now() - started);
          clusters = (JSON.parse(json) as { features: unknown[] }).features.length;
        }
        times.sort((a, b) => a - b);
        const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
        console.log(
          `${name} z${view.zoom}, ${period}, from ${source}: ${clusters} clusters, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`,
        );
      }
    }
  }
} finally {
  await db.close();
}
