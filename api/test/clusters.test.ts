import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createAccount } from './accounts.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';
import { SYSTEM_VIEWER } from '../src/auth/visibility.js';
import { gridYears } from '../src/clusters/grid.js';

const KAZAKHSTAN = '46,40,88,56';

describeOnEachDatabase('hotspot clusters', (db) => {
  let app: RunningApp;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    await seedDemo(db().knex, '2026-11-23');
    // 3,000 more points spread over the country, so clusters have something to merge.
    const category = await db().knex('categories').where({ code: 'other' }).first('id');
    await db().knex.raw(
      `INSERT INTO hotspots (title, category_id, severity, geom, registered_on, created_by, updated_by)
       SELECT 'Сынақ ' || i, ?, 'low', ST_SetSRID(ST_MakePoint(50 + (i % 60) * 0.5, 42 + (i / 60) * 0.2), 4326),
              DATE '2026-01-01' + (i % 300), 'test', 'test'
       FROM generate_series(0, 2999) AS i`,
      [category.id],
    );
    const viewer = await createAccount(db().knex, 'viewer');
    app = await startApp(db());
    call = api(app.url, viewer.token);
  });
  afterAll(() => app.close());

  it('for a country view, returns few clusters whose counts add up to the hotspots in view', async () => {
    const clusters = await call('GET', `/api/hotspots/clusters?bbox=${KAZAKHSTAN}&zoom=4`);
    expect(clusters.status).toBe(200);
    const features = clusters.body.features as Json[];
    // 3,000 hotspots: more than the list counts by default, so ask for the exact figure.
    const list = await call('GET', `/api/hotspots?bbox=${KAZAKHSTAN}&limit=1&count=exact`);
    const total = features.reduce((sum, f) => sum + (f.properties.count as number), 0);
    expect(total).toBe(list.body.numberMatched);
    expect(features.length).toBeLessThan(200);
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates as number[];
      const [minX, minY, maxX, maxY] = f.properties.bbox as [number, number, number, number];
      expect(lon).toBeGreaterThanOrEqual(minX - 1e-6);
      expect(lon).toBeLessThanOrEqual(maxX + 1e-6);
      expect(lat).toBeGreaterThanOrEqual(minY - 1e-6);
      expect(lat).toBeLessThanOrEqual(maxY + 1e-6);
      expect(f.properties.open + f.properties.resolved).toBeLessThanOrEqual(f.properties.count);
    }
  });

  it('splits clusters as the zoom grows, down to single hotspots that name themselves', async () => {
    const bbox = '68.2,43.25,68.35,43.35';
    const coarse = (await call('GET', `/api/hotspots/clusters?bbox=${bbox}&zoom=8`)).body.features as Json[];
    const fine = (await call('GET', `/api/hotspots/clusters?bbox=${bbox}&zoom=16`)).body.features as Json[];
    expect(fine.length).toBeGreaterThan(coarse.length);
    const singles = fine.filter((f) => f.properties.count === 1);
    expect(singles.length).toBeGreaterThan(0);
    for (const single of singles) {
      const { body } = await call('GET', `/api/hotspots/${single.properties.hotspot_id}`);
      expect(body.type).toBe('Feature');
    }
  });

  it('shows a viewer nothing of a hotspot that became confidential: not its count, place or extent', async () => {
    const knex = db().knex;
    const category = await knex('categories').where({ code: 'other' }).first('id');
    const place = (lon: number, lat: number) => knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [lon, lat]);
    const [g, h] = await knex('hotspots')
      .insert(
        [
          [60.501, 30.501],
          [60.505, 30.505],
        ].map(([lon, lat]) => ({
          title: 'Шетте',
          category_id: category.id,
          severity: 'low',
          geom: place(lon!, lat!),
          registered_on: '2026-05-05',
          created_by: 'test',
          updated_by: 'test',
        })),
      )
      .returning('id');
    const view = () => call('GET', '/api/hotspots/clusters?bbox=60.4,30.4,60.6,30.6&zoom=12');
    expect((await view()).body.features.map((f: Json) => f.properties.count)).toEqual([2]);
    await knex('hotspots').where({ id: h.id }).update({ confidential: true });
    const cell = 90 / 2 ** 12;
    const [x, y] = [Math.floor(60.501 / cell), Math.floor(30.501 / cell)];
    expect((await view()).body.features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [60.501, 30.501] },
        properties: {
          count: 1,
          open: 1,
          resolved: 0,
          overdue: 0,
          bbox: [x * cell, y * cell, (x + 1) * cell, (y + 1) * cell],
          hotspot_id: g.id,
        },
      },
    ]);
    await knex('hotspots').whereIn('id', [g.id, h.id]).del();
  });

  it('answers the map’s default period (this year up to today) and whole years from the grid, not the rows', async () => {
    const knex = db().knex;
    const thisYear = { registered_from: '2026-01-01', registered_to: '2026-11-23' };
    expect(await gridYears(knex, SYSTEM_VIEWER, thisYear, 5)).toEqual([2026]);
    const first = Number(String((await knex('hotspots').min({ d: 'registered_on' }))[0]!.d).slice(0, 4));
    expect(await gridYears(knex, SYSTEM_VIEWER, { registered_to: '2025-12-31' }, 11)).toEqual(
      Array.from({ length: 2025 - first + 1 }, (_, i) => first + i),
    );
    // A quarter starts inside a year that has hotspots before it: only the rows can tell them apart.
    expect(await gridYears(knex, SYSTEM_VIEWER, { registered_from: '2026-10-01' }, 5)).toBeUndefined();
    // Street zooms and filters the grid does not keep go to the rows as well.
    expect(await gridYears(knex, SYSTEM_VIEWER, thisYear, 13)).toBeUndefined();
    expect(await gridYears(knex, SYSTEM_VIEWER, { severity: ['high'] }, 5)).toBeUndefined();
  });

  it('applies the list filters and refuses a missing bbox or a bad zoom', async () => {
    const resolved = (await call('GET', `/api/hotspots/clusters?bbox=${KAZAKHSTAN}&zoom=5&status=resolved`)).body
      .features as Json[];
    for (const f of resolved) expect(f.properties.resolved).toBe(f.properties.count);
    const missing = await call('GET', '/api/hotspots/clusters?zoom=5');
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ field: 'bbox', message: 'is required' });
    for (const zoom of ['30', '', '%20', '0x10', '5.5', '-1']) {
      const badZoom = await call('GET', `/api/hotspots/clusters?bbox=${KAZAKHSTAN}&zoom=${zoom}`);
      expect(badZoom.status, `zoom=${zoom}`).toBe(400);
      expect(badZoom.body.errors[0]).toMatchObject({ field: 'zoom' });
    }
    // The world at street zoom: an answer growing with every hotspot on Earth, refused before any work.
    const world = await call('GET', '/api/hotspots/clusters?bbox=-180,-90,180,90&zoom=14');
    expect(world.status).toBe(400);
    expect(world.body.errors[0]).toMatchObject({
      field: 'bbox',
      code: 'bbox_too_large',
      params: { cells: 65537 * 32769, max: 10_000, zoom: 14 },
    });
    // A 4K screen's view at the same zoom is answered.
    const screen = await call('GET', '/api/hotspots/clusters?bbox=68.2,43.2,68.5,43.35&zoom=14');
    expect(screen.status).toBe(200);
  });
});
