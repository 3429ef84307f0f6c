import fc from 'fast-check';
import type { Knex } from 'knex';
import { expect } from 'vitest';
import { SYSTEM_VIEWER, type Viewer } from '../src/auth/visibility.js';
import { clusterJson } from '../src/clusters/repo.js';
import { gridYears } from '../src/clusters/grid.js';
import type { ResolvedFilters } from '../src/hotspots/filter-sql.js';

interface Cluster {
  geometry: { coordinates: [number, number] };
  properties: {
    count: number;
    open: number;
    resolved: number;
    overdue: number;
    bbox: number[];
    hotspot_id: string | null;
  };
}

export interface GridReference {
  categories: number[];
  /** Dates the hotspots have: a period bound on or next to one decides. */
  days: string[];
  areas: number[];
  /** Deadlines of open hotspots: where "overdue" turns with today. */
  deadlines: string[];
  box: { west: number; south: number; east: number; north: number };
}

const subset = <T>(values: T[]) => fc.option(fc.subarray(values, { minLength: 1 }), { nil: undefined });

function shifted(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/**
 * The clusters summed from the grid cells against the same clusters grouped from the rows, for
 * random views (bbox, zoom), map filters, dates and readers: the same clusters, counts, positions,
 * extents, overdue counts and single hotspots. And the grid against a recount, cell by cell.
 */
export async function expectGridEqualsRows(knex: Knex, ref: GridReference, runs: number, seed: number) {
  let answeredByGrid = 0;
  let answeredByRows = 0;
  expect((await knex.raw('SELECT * FROM hotspot_grid_differences()')).rows).toEqual([]);
  const { west, south, east, north } = ref.box;
  const lon = fc.double({ min: west - 1, max: east + 1, noNaN: true });
  const lat = fc.double({ min: south - 1, max: north + 1, noNaN: true });
  await fc.assert(
    fc.asyncProperty(
      fc.tuple(lon, lon, lat, lat),
      fc.integer({ min: 0, max: 12 }),
      fc.record(
        {
          status: subset(['registered', 'in_progress', 'resolved', 'dismissed'] as const),
          categoryIds: subset(ref.categories),
          area: fc.option(fc.constantFrom(...ref.areas), { nil: undefined }),
          // Whole years (the presets), bounds on the data's own days (the grid answers them when no
          // hotspot lies between the bound and its year's edge, else the rows do), today.
          registered_from: fc.option(
            fc.oneof(
              { arbitrary: fc.constantFrom('2025-01-01', '2026-01-01'), weight: 3 },
              { arbitrary: fc.constantFrom(...ref.days).map((day) => shifted(day, 1)), weight: 1 },
            ),
            { nil: undefined, freq: 2 },
          ),
          registered_to: fc.option(
            fc.oneof(
              { arbitrary: fc.constantFrom('2025-12-31', '2026-12-31'), weight: 3 },
              { arbitrary: fc.constantFrom(...ref.days), weight: 1 },
            ),
            { nil: undefined, freq: 2 },
          ),
        },
        { requiredKeys: [] },
      ),
      fc.tuple(fc.constantFrom(...ref.deadlines), fc.integer({ min: -1, max: 2 })).map(([d, n]) => shifted(d, n)),
      fc.boolean(),
      async ([x1, x2, y1, y2], zoom, filters, today, seesConfidential) => {
        const bbox = {
          minLon: Math.min(x1, x2),
          maxLon: Math.max(x1, x2),
          minLat: Math.min(y1, y2),
          maxLat: Math.max(y1, y2),
        };
        const f = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as ResolvedFilters;
        const viewer: Viewer = seesConfidential ? SYSTEM_VIEWER : ({ seesConfidential: false } as Viewer);
        if (!(await gridYears(knex, viewer, f, zoom))) {
          answeredByRows += 1;
          return;
        }
        answeredByGrid += 1;
        const [grid, rows] = await Promise.all(
          (['grid', 'rows'] as const).map(async (source) => {
            const json = await clusterJson(knex, viewer, f, bbox, zoom, today, source);
            return (JSON.parse(json) as { features: Cluster[] }).features;
          }),
        );
        expect(grid).toEqual(rows);
      },
    ),
    { seed, numRuns: runs },
  );
  // Most draws are ones the grid answers; some fall to the rows (a bound inside a year with hotspots beyond it).
  expect(answeredByGrid).toBeGreaterThan(runs / 3);
  return { answeredByGrid, answeredByRows };
}
