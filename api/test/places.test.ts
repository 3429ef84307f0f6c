import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { importPlaces, loadSharedPlaces, seedDemo } from '@oshaq/db';
import { describeOnEachDatabase, sharedGeodataAvailable } from '@oshaq/db/testing';
import { placeSearchStatement, settlementsInBox } from '../src/places/repo.js';
import { createAccount } from './accounts.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

const haveShared = sharedGeodataAvailable();
const LICENCE = '© OpenStreetMap contributors, ODbL 1.0';

let nextId = 1;
const place = (lon: number, lat: number, kind: string, names: Record<string, string>, population?: number) => ({
  type: 'Feature',
  properties: { ...names, place: kind, population, osm_type: 'nodes', osm_id: nextId++ },
  geometry: { type: 'Point', coordinates: [lon, lat] },
});

// Real names and places of the demo's Keles district and Turkestan city (from OpenStreetMap).
const PLACES = [
  place(68.92144, 41.35851, 'village', { name: 'Шұқырсай' }, 1729),
  place(68.93308, 41.36412, 'village', { name: 'Біртілек' }, 1342),
  place(68.2703698, 43.3019457, 'city', { name: 'Түркістан', 'name:ru': 'Туркестан', 'name:en': 'Turkestan' }, 228003),
  place(68.9, 41.4, 'hamlet', { name: 'Шұқыршақ', 'name:ru': 'Шукыршак' }),
  place(68.95, 41.33, 'village', { name: 'Жаңа өмір', 'name:ru': 'Жана омир' }),
  place(68.96, 41.34, 'hamlet', { name: '100%_ауыл' }),
];

describeOnEachDatabase('places by name and settlements in view', (db) => {
  let app: RunningApp;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    await seedDemo(db().knex, '2026-11-23');
    const report = await importPlaces(
      db().knex,
      { type: 'FeatureCollection', features: PLACES },
      {
        source: 'test',
        licence: LICENCE,
      },
    );
    expect(report.problems).toEqual([]);
    const viewer = await createAccount(db().knex, 'viewer');
    app = await startApp(db());
    call = api(app.url, viewer.token);
  });
  afterAll(() => app.close());

  const search = async (q: string, extra = '') => {
    const reply = await call('GET', `/api/places?q=${encodeURIComponent(q)}${extra}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.items as Json[];
  };

  it('finds Шұқырсай from its first Kazakh letters, with its point and the district it lies in', async () => {
    const items = await search('шұқ');
    expect(items.map((item) => item.name_kk)).toEqual(['Шұқырсай', 'Шұқыршақ']); // the village before the hamlet
    expect(items[0]).toMatchObject({
      type: 'place',
      kind: 'village',
      population: 1729,
      lon: 68.92144,
      lat: 41.35851,
      area: { name_kk: 'Келес ауданы' },
    });
  });

  it('finds Kazakh names typed with Russian letters, and by their Russian spelling', async () => {
    expect((await search('шук')).map((item) => item.name_kk)).toEqual(['Шұқырсай', 'Шұқыршақ']);
    expect((await search('Шукыршак')).map((item) => item.name_kk)).toEqual(['Шұқыршақ']);
    expect((await search('ТУРКЕСТАН')).map((item) => item.name_kk)).toContain('Түркістан');
    expect((await search('жана омир')).map((item) => item.name_kk)).toEqual(['Жаңа өмір']);
  });

  it('puts an exact name first and offers the areas by name too, each with a box to show', async () => {
    const items = await search('Түркістан');
    expect(items[0]).toMatchObject({ type: 'place', kind: 'city', name_en: 'Turkestan' });
    const areas = items.filter((item) => item.type === 'area');
    expect(areas.map((area) => area.name_kk)).toEqual(expect.arrayContaining(['Түркістан облысы']));
    for (const area of areas) {
      const [minLon, minLat, maxLon, maxLat] = area.bbox as number[];
      expect(area.lon).toBeGreaterThanOrEqual(minLon!);
      expect(area.lon).toBeLessThanOrEqual(maxLon!);
      expect(area.lat).toBeGreaterThanOrEqual(minLat!);
      expect(area.lat).toBeLessThanOrEqual(maxLat!);
    }
    expect((await search('келес')).find((item) => item.type === 'area')).toMatchObject({ kind: 'district' });
  });

  it('takes LIKE wildcards as letters, and a short query only at the start of a word', async () => {
    expect((await search('0%_')).map((item) => item.name_kk)).toEqual(['100%_ауыл']);
    expect(await search('%')).toEqual([]);
    // "ұқ" is inside Шұқырсай, not at the start of a word: too short to suggest from the middle.
    expect(await search('ұқ')).toEqual([]);
    expect((await search('бі')).map((item) => item.name_kk)).toEqual(['Біртілек']);
  });

  it('refuses an empty, too long or unknown query with a 400 problem', async () => {
    for (const query of ['', 'q=', `q=${'ш'.repeat(101)}`, 'q=a&limit=0', 'q=a&limit=21', 'q=a&near=1']) {
      const reply = await call('GET', `/api/places?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.type).toContain('application/problem+json');
    }
    expect((await search('ш'.repeat(100))).length).toBe(0);
    expect((await search('ш', '&limit=1')).length).toBe(1);
  });

  it('answers only signed-in people', async () => {
    const reply = await fetch(`${app.url}/api/places?q=шұқ`);
    expect(reply.status).toBe(401);
  });

  it('gives the settlements in a bbox as GeoJSON, largest first, credited, narrowed by kind', async () => {
    const keles = await call('GET', '/api/settlements?bbox=68.8,41.3,69.0,41.45');
    expect(keles.status).toBe(200);
    expect(keles.type).toContain('application/geo+json');
    expect(keles.body.licences).toEqual([LICENCE]);
    const names = (keles.body.features as Json[]).map((f) => f.properties.name_kk);
    expect(names.slice(0, 2)).toEqual(['Шұқырсай', 'Біртілек']); // villages by population, hamlets after
    expect(names).not.toContain('Түркістан');
    expect(keles.body.features[0].geometry).toEqual({ type: 'Point', coordinates: [68.92144, 41.35851] });
    const villages = await call('GET', '/api/settlements?bbox=68.8,41.3,69.0,41.45&kinds=village&limit=1');
    expect((villages.body.features as Json[]).map((f) => f.properties.name_kk)).toEqual(['Шұқырсай']);
    const empty = await call('GET', '/api/settlements?bbox=10,10,11,11');
    expect(empty.body).toEqual({ type: 'FeatureCollection', features: [], licences: [] });
    for (const query of ['', 'bbox=1,2,3', 'bbox=68,41,69,42&kinds=suburb', 'bbox=68,41,69,42&limit=1001']) {
      expect((await call('GET', `/api/settlements?${query}`)).status, query).toBe(400);
    }
  });

  it('plans the settlements of a view on the GiST index and a name search on the trigram index', async () => {
    const plan = async (sql: string, bindings: readonly Knex.RawBinding[]) =>
      db().knex.transaction(async (trx) => {
        await trx.raw('SET LOCAL enable_seqscan = off');
        const { rows } = await trx.raw<{ rows: { 'QUERY PLAN': string }[] }>(`EXPLAIN ${sql}`, bindings);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    const search = placeSearchStatement(db().knex, { q: 'шұқыр', limit: 10, prefixOnly: false });
    expect(await plan(search.toString(), [])).toContain('places_search_trgm');
    const view = settlementsInBox(db().knex, { bbox: { minLon: 68, minLat: 41, maxLon: 69, maxLat: 42 }, limit: 300 });
    expect(await plan(view.toString(), [])).toContain('places_geom_gist');
  });

  it.skipIf(!haveShared)('searches the shared OpenStreetMap places of the demo region', async () => {
    await db().knex('places').delete();
    const loaded = await loadSharedPlaces(db().knex);
    if (!('report' in loaded)) throw new Error(loaded.skipped);
    const items = await search('шұқ');
    expect(items.map((item) => item.name_kk)).toContain('Шұқырсай');
    const shukyrsai = items.find((item) => item.name_kk === 'Шұқырсай');
    expect(shukyrsai.area.name_kk).toBe('Келес ауданы');
  });
});
