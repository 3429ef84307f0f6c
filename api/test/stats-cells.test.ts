import fc from 'fast-check';
import type { Knex } from 'knex';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { SYSTEM_VIEWER } from '../src/auth/visibility.js';
import type { ResolvedFilters } from '../src/hotspots/filter-sql.js';
import { countsIncludingConfidential } from '../src/sql/visible-hotspots.js';
import { answerableFromCells, cellStatistics } from '../src/stats/cells.js';
import { rawStatistics } from '../src/stats/repo.js';
import { createAccount } from './accounts.js';
import { expectGridEqualsRows } from './grid-check.js';
import { api } from './http.js';
import { startApp, type RunningApp } from './support.js';

const TODAY = '2026-11-23';
const SEED = 20261207;

/** A day between 2025-01-01 and 2026-12-31 (past TODAY too: bounds after today are asked as well). */
const dayArb = fc.integer({ min: 0, max: 730 }).map((offset) => {
  const date = new Date(Date.UTC(2025, 0, 1 + offset));
  return date.toISOString().slice(0, 10);
});
/** Month edges more often than chance would give them, as the dashboard's periods are. */
const boundArb = (edge: 'first' | 'last') =>
  fc.oneof(
    dayArb,
    dayArb.map((date) =>
      edge === 'first'
        ? `${date.slice(0, 7)}-01`
        : new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).toISOString().slice(0, 10),
    ),
  );
function shifted(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** A day the data has (a registration, resolution or deadline), or one to three days after it: where a bound decides. */
const nearArb = (days: string[]) =>
  fc.tuple(fc.constantFrom(...days), fc.integer({ min: 0, max: 3 })).map(([date, after]) => shifted(date, after));
const subset = <T>(values: T[]) => fc.option(fc.subarray(values, { minLength: 1 }), { nil: undefined });

interface Reference {
  categories: number[];
  agencies: number[];
  categoryCodes: string[];
  agencyCodes: string[];
  areas: number[];
  /** Dates the hotspots have. */
  days: string[];
  /** Deadlines of open hotspots: where "overdue" turns with today. */
  deadlines: string[];
  box: { west: number; south: number; east: number; north: number };
}

async function reference(knex: Knex): Promise<Reference> {
  const categories = (await knex('categories').orderBy('id').select('id', 'code')) as { id: number; code: string }[];
  const agencies = (await knex('agencies').orderBy('id').select('id', 'code')) as { id: number; code: string }[];
  const areas = (await knex('areas').orderBy('id').pluck('id')) as number[];
  const {
    rows: [box],
  } = await knex.raw<{ rows: Reference['box'][] }>(
    `SELECT ST_XMin(e) AS west, ST_YMin(e) AS south, ST_XMax(e) AS east, ST_YMax(e) AS north
     FROM (SELECT ST_Extent(geom) AS e FROM hotspots) x`,
  );
  const days = (
    await knex.raw<{ rows: { day: string }[] }>(
      `SELECT DISTINCT to_char(d, 'YYYY-MM-DD') AS day
       FROM hotspots, LATERAL (VALUES (registered_on), (resolved_on), (due_on)) AS v (d) WHERE d IS NOT NULL`,
    )
  ).rows.map((row) => row.day);
  const deadlines = (
    await knex.raw<{ rows: { day: string }[] }>(
      `SELECT DISTINCT to_char(due_on, 'YYYY-MM-DD') AS day FROM hotspots
       WHERE status IN ('registered', 'in_progress') AND due_on IS NOT NULL`,
    )
  ).rows.map((row) => row.day);
  return {
    days,
    deadlines: deadlines.length ? deadlines : [TODAY],
    categories: categories.map((c) => c.id),
    agencies: agencies.map((a) => a.id),
    categoryCodes: categories.map((c) => c.code),
    agencyCodes: agencies.map((a) => a.code),
    areas,
    box: box!,
  };
}

const filtersArb = (ref: Reference) =>
  fc.record(
    {
      registered_from: fc.option(fc.oneof(boundArb('first'), nearArb(ref.days)), { nil: undefined }),
      registered_to: fc.option(fc.oneof(boundArb('last'), nearArb(ref.days)), { nil: undefined }),
      resolved_from: fc.option(fc.oneof(boundArb('first'), nearArb(ref.days)), { nil: undefined }),
      resolved_to: fc.option(fc.oneof(boundArb('last'), nearArb(ref.days)), { nil: undefined }),
      status: subset(['registered', 'in_progress', 'resolved', 'dismissed'] as const),
      severity: subset(['low', 'medium', 'high', 'critical'] as const),
      categoryIds: subset(ref.categories),
      agencyIds: subset(ref.agencies),
      area: fc.option(fc.constantFrom(...ref.areas), { nil: undefined }),
    },
    { requiredKeys: [] },
  );

let checks = 0;

/** Cells against rows: the recount of every cell, and the statistics and the clusters both ways under random filters. */
async function expectCellsEqualRows(knex: Knex, ref: Reference, runs: number) {
  expect((await knex.raw('SELECT * FROM hotspot_cells_differences()')).rows).toEqual([]);
  // The clustered map's grid (migration 0022) is kept by the same writes: checked with them.
  await expectGridEqualsRows(knex, ref, runs, SEED + 1000 + checks);
  // Unfiltered, on and just after every open hotspot's deadline: where a month's cell must not decide "overdue".
  for (const deadline of ref.deadlines) {
    for (const today of [0, 1, 2].map((after) => shifted(deadline, after))) {
      const readers = { counted: SYSTEM_VIEWER, viewer: SYSTEM_VIEWER };
      expect(await cellStatistics(knex, readers, {}, today, today), today).toEqual(
        await rawStatistics(knex, readers, {}, today, today),
      );
    }
  }
  await fc.assert(
    fc.asyncProperty(
      filtersArb(ref),
      fc.oneof(boundArb('last'), nearArb(ref.days)),
      fc.oneof(dayArb, nearArb(ref.days), nearArb(ref.deadlines)),
      fc.boolean(),
      async (filters, periodEnd, today, seesConfidential) => {
        const f = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as ResolvedFilters;
        expect(answerableFromCells(f)).toBe(true);
        const readers = seesConfidential
          ? { counted: SYSTEM_VIEWER, viewer: SYSTEM_VIEWER }
          : { counted: countsIncludingConfidential, viewer: { seesConfidential: false } as typeof SYSTEM_VIEWER };
        const [cells, rows] = await Promise.all([
          cellStatistics(knex, readers, f, periodEnd, today),
          rawStatistics(knex, readers, f, periodEnd, today),
        ]);
        expect(cells).toEqual(rows);
      },
    ),
    { seed: SEED + (checks += 1), numRuns: runs },
  );
}

describeOnEachDatabase('statistics from cells', (db, kind) => {
  let app: RunningApp;
  let call: ReturnType<typeof api>;
  let ref: Reference;
  let token: string;
  const ids: string[] = [];
  const deleted: string[] = [];
  /** Which writes the API took, by kind: the test must have exercised each. */
  const took = new Map<string, number>();
  const tally = (kind: string, status: number) => {
    if (status < 300) took.set(kind, (took.get(kind) ?? 0) + 1);
  };
  /** A file posted as the import routes take it. */
  const upload = (path: string, body: unknown) =>
    fetch(`${app.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/geo+json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }).then((response) => response.status);

  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    const admin = await createAccount(db().knex, 'admin', `admin-cells-${kind}`);
    app = await startApp(db(), { timeZone: 'UTC' });
    token = admin.token;
    call = api(app.url, token);
    ref = await reference(db().knex);
    ids.push(...((await db().knex('hotspots').orderBy('reference').limit(40).pluck('id')) as string[]));
  });
  afterAll(() => app?.close());

  const pointArb = () =>
    fc.record({
      type: fc.constant('Point'),
      coordinates: fc.tuple(
        fc.double({ min: ref.box.west, max: ref.box.east, noNaN: true }),
        fc.double({ min: ref.box.south, max: ref.box.north, noNaN: true }),
      ),
    });
  const pick = fc.nat();
  const at = (index: number) => ids[index % ids.length]!;
  /** The hotspot's version as its ETag carries it (deleted ones too, which the API does not show). */
  const version = async (id: string) => Number((await db().knex('hotspots').where({ id }).first('version'))?.version);

  /** A duplicate of a hotspot: its category, at its place (the API refuses one of another category or far away). */
  const repeating = async (id: string) => {
    const row = await db()
      .knex('hotspots as h')
      .join('categories as c', 'c.id', 'h.category_id')
      .where('h.id', id)
      .first('c.code', db().knex.raw('ST_AsGeoJSON(ST_PointOnSurface(h.geom), 6) AS place'));
    return row ? { duplicate_of: id, category: row.code, geometry: JSON.parse(row.place) } : { duplicate_of: id };
  };

  /** One write through the HTTP API; refusals (a transition the workflow forbids, a date out of range) are part of the game. */
  const writeArb = () =>
    fc.oneof(
      fc
        .record({
          category: fc.constantFrom(...ref.categoryCodes),
          agency: fc.constantFrom(...ref.agencyCodes),
          severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
          geometry: pointArb(),
          registered_on: dayArb.filter((d) => d <= TODAY),
          confidential: fc.boolean(),
          duplicate: fc.option(pick, { nil: undefined }),
        })
        .map((w) => async () => {
          const { duplicate, ...rest } = w;
          const body = {
            ...rest,
            title: 'Жаңа ошақ',
            due_on: TODAY,
            ...(duplicate === undefined ? {} : await repeating(at(duplicate))),
          };
          const created = await call('POST', '/api/hotspots', body);
          if (created.status === 201) ids.push(created.body.id as string);
          tally(duplicate === undefined ? 'create' : 'create duplicate', created.status);
        }),
      fc
        .record({
          which: pick,
          patch: fc.record(
            {
              geometry: pointArb(),
              category: fc.constantFrom(...ref.categoryCodes),
              agency: fc.option(fc.constantFrom(...ref.agencyCodes), { nil: null }),
              severity: fc.constantFrom('low', 'medium', 'high', 'critical'),
              confidential: fc.boolean(),
              registered_on: dayArb.filter((d) => d <= TODAY),
              due_on: fc.option(fc.constantFrom('2026-11-30', '2026-12-31', TODAY), { nil: null }),
            },
            { requiredKeys: [] },
          ),
        })
        .filter((w) => Object.keys(w.patch).length > 0)
        .map((w) => async () => {
          const id = at(w.which);
          const edited = await call('PATCH', `/api/hotspots/${id}`, w.patch, { 'If-Match': `"v${await version(id)}"` });
          tally(w.patch.geometry ? 'move' : 'edit', edited.status);
        }),
      fc
        .record({
          which: pick,
          steps: fc.array(fc.constantFrom('in_progress', 'resolved', 'dismissed'), { minLength: 1, maxLength: 3 }),
          on: fc.option(fc.constant(TODAY), { nil: undefined }),
        })
        .map((w) => async () => {
          // A few steps in a row, so resolving (after in_progress) and reopening happen often.
          for (const to of w.steps) {
            const moved = await call('POST', `/api/hotspots/${at(w.which)}/transitions`, {
              to,
              note: 'Тексерілді',
              ...(w.on ? { on: w.on } : {}),
            });
            tally(`to ${to}`, moved.status);
          }
        }),
      pick.map((which) => async () => {
        const id = at(which);
        const gone = await call('DELETE', `/api/hotspots/${id}`, { reason: 'duplicate' });
        if (gone.status === 204) deleted.push(id);
        tally('delete', gone.status);
      }),
      pick.map((which) => async () => {
        const id = deleted.splice(which % Math.max(deleted.length, 1), 1)[0];
        if (!id) return;
        const back = await call('POST', `/api/hotspots/${id}/restore`, undefined, {
          'If-Match': `"v${await version(id)}"`,
        });
        tally('restore', back.status);
      }),
      fc
        .array(fc.tuple(pointArb(), fc.constantFrom(...ref.categoryCodes), fc.boolean()), {
          minLength: 1,
          maxLength: 8,
        })
        .map((rows) => async () => {
          const features = rows.map(([geometry, category, confidential], i) => ({
            type: 'Feature',
            geometry,
            properties: {
              title: 'Импортталған',
              category,
              severity: 'medium',
              confidential,
              registered_on: '2026-03-0' + ((i % 9) + 1),
              external_ref: `cells-${Math.random().toString(36).slice(2)}`,
            },
          }));
          tally('import', await upload('/api/imports', { type: 'FeatureCollection', features }));
        }),
      fc
        .record({
          code: fc.constantFrom('T-A', 'T-B'),
          point: pointArb(),
          size: fc.double({ min: 0.005, max: 0.05, noNaN: true }),
        })
        .map(({ code, point, size }) => async () => {
          const [lon, lat] = point.coordinates;
          const square = [
            [
              [lon, lat],
              [lon + size, lat],
              [lon + size, lat + size],
              [lon, lat + size],
              [lon, lat],
            ],
          ];
          // A boundary re-import: the area with this code is replaced, and hotspots re-filed by UPDATE.
          const status = await upload('/api/areas/imports?level=district&code=KOD&name_ru=NAME_RU&name_kk=NAME_KK', {
            type: 'FeatureCollection',
            features: [
              {
                type: 'Feature',
                properties: { KOD: code, NAME_RU: code, NAME_KK: code },
                geometry: { type: 'Polygon', coordinates: square },
              },
            ],
          });
          tally('boundary re-import', status);
        }),
    );

  it('equal a recount of the rows after every batch of random writes through the API', async () => {
    const knex = db().knex;
    await expectCellsEqualRows(knex, ref, 30);
    await fc.assert(
      fc.asyncProperty(fc.array(writeArb(), { minLength: 6, maxLength: 12 }), async (writes) => {
        for (const write of writes) await write();
        await expectCellsEqualRows(knex, await reference(knex), 8);
      }),
      { seed: SEED, numRuns: 10 },
    );
    expect([...took.keys()].sort()).toEqual(
      ['boundary re-import', 'create', 'create duplicate', 'delete', 'edit', 'import', 'move', 'restore']
        .concat(['to dismissed', 'to in_progress', 'to resolved'])
        .sort(),
    );
  }, 240_000);

  // Parallel writes lock the same cells in key order: none deadlocks, none is lost.
  it.skipIf(kind !== 'server')(
    'stay equal to the rows under 24 parallel writes on the server',
    async () => {
      const knex = db().knex;
      const live = (await knex('hotspots')
        .whereNull('deleted_at')
        .orderBy('reference')
        .limit(16)
        .pluck('id')) as string[];
      const point = (i: number) => ({
        type: 'Point',
        coordinates: [ref.box.west + ((ref.box.east - ref.box.west) * i) / 24, (ref.box.south + ref.box.north) / 2],
      });
      const writes = [
        ...Array.from({ length: 8 }, (_, i) =>
          call('POST', '/api/hotspots', {
            title: 'Қатар тіркелген',
            category: ref.categoryCodes[i % ref.categoryCodes.length],
            agency: ref.agencyCodes[i % ref.agencyCodes.length],
            severity: 'high',
            geometry: point(i),
            registered_on: TODAY,
            due_on: TODAY,
            confidential: i % 3 === 0,
          }),
        ),
        ...live.slice(0, 8).map(async (id, i) =>
          call(
            'PATCH',
            `/api/hotspots/${id}`,
            { geometry: point(i + 8), severity: 'low' },
            {
              'If-Match': `"v${await version(id)}"`,
            },
          ),
        ),
        ...live
          .slice(8, 16)
          .map((id) => call('POST', `/api/hotspots/${id}/transitions`, { to: 'dismissed', note: 'Қос' })),
      ];
      const statuses = (await Promise.all(writes)).map((reply) => reply.status);
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
      expect(statuses.filter((status) => status < 300).length).toBeGreaterThanOrEqual(16);
      await expectCellsEqualRows(knex, await reference(knex), 20);
    },
    120_000,
  );
});
