import { expect, it } from 'vitest';

import { importPlaces, loadSharedPlaces, seedDemo, SHARED_PLACES_FILE } from '../src/index.js';
import { describeOnEachDatabase, sharedGeodataAvailable } from '../src/testing/index.js';

const haveShared = sharedGeodataAvailable();
const options = { source: 'test file', licence: '© OpenStreetMap contributors, ODbL 1.0' };

const place = (lon: number, lat: number, properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [lon, lat] },
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

// Inside the demo's Keles district, inside Turkestan city, and far north (outside every demo area).
const shukyrsai = place(68.92144, 41.35851, {
  name: 'Шұқырсай',
  place: 'village',
  population: '1729',
  osm_type: 'nodes',
  osm_id: 11576398047,
});
const turkestan = place(68.2703698, 43.3019457, {
  name: 'Түркістан',
  'name:ru': 'Туркестан',
  'name:en': 'Turkestan',
  place: 'city',
  population: '228003',
  osm_type: 'nodes',
  osm_id: 214887132,
});
const north = place(67.3034, 53.1244, { name: 'Шұқыркөл', place: 'village', osm_type: 'nodes', osm_id: 5223443409 });

describeOnEachDatabase('populated places import', (db) => {
  it('keeps the named places inside the stored areas, with names in three languages, and skips the rest', async () => {
    const knex = db().knex;
    await seedDemo(knex);
    await knex('places').delete(); // the file's tests share one database
    const report = await importPlaces(
      knex,
      collection(
        shukyrsai,
        turkestan,
        north,
        place(68.3, 43.3, { place: 'hamlet', osm_type: 'nodes', osm_id: 1 }), // no name
        place(68.3, 43.31, { name: 'Орталық', place: 'suburb', osm_type: 'nodes', osm_id: 2 }), // not a settlement
      ),
      options,
    );
    expect(report).toMatchObject({ written: true, added: 2, updated: 0, outside: 1, skipped: 2, problems: [] });
    const rows = await knex('places')
      .orderBy('name_kk')
      .select(
        'source_ref',
        'kind',
        'name_kk',
        'name_ru',
        'name_en',
        'population',
        'licence',
        knex.raw('ST_X(geom) AS lon'),
      );
    expect(rows).toEqual([
      expect.objectContaining({
        name_kk: 'Түркістан',
        name_ru: 'Туркестан',
        name_en: 'Turkestan',
        kind: 'city',
        population: 228003,
      }),
      expect.objectContaining({
        source_ref: 'osm:node/11576398047',
        name_kk: 'Шұқырсай',
        name_ru: 'Шұқырсай', // no Russian name in the data: the local one stands in
        population: 1729,
        licence: options.licence,
      }),
    ]);
  });

  it('a repeated import updates the places in place instead of adding them again', async () => {
    const knex = db().knex;
    await seedDemo(knex);
    await knex('places').delete(); // the file's tests share one database
    await importPlaces(knex, collection(shukyrsai, turkestan), options);
    const renamed = place(68.92144, 41.35851, { ...shukyrsai.properties, 'name:ru': 'Шукурсай' });
    const again = await importPlaces(knex, collection(renamed, turkestan), options);
    expect(again).toMatchObject({ added: 0, updated: 2 });
    expect(await knex('places').count({ n: '*' }).first()).toEqual({ n: 2 });
    expect(await knex('places').where({ source_ref: 'osm:node/11576398047' }).first('name_ru')).toEqual({
      name_ru: 'Шукурсай',
    });
  });

  it('a feature that is not a point stops the whole import, named by its index, and nothing is written', async () => {
    const knex = db().knex;
    await seedDemo(knex);
    await knex('places').delete(); // the file's tests share one database
    const line = {
      type: 'Feature',
      properties: { name: 'X', place: 'village' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [68, 43],
          [69, 44],
        ],
      },
    };
    const outOfRange = place(268, 43, { name: 'Y', place: 'village' });
    const report = await importPlaces(knex, collection(turkestan, line, outOfRange), options);
    expect(report.written).toBe(false);
    expect(report.problems.map((problem) => problem.feature)).toEqual([1, 2]);
    expect(await knex('places').count({ n: '*' }).first()).toEqual({ n: 0 });
    expect((await importPlaces(knex, { type: 'Feature' }, options)).problems[0]?.feature).toBe(-1);
  });

  it('a dry run counts what it would add and writes nothing', async () => {
    const knex = db().knex;
    await seedDemo(knex);
    await knex('places').delete(); // the file's tests share one database
    const report = await importPlaces(knex, collection(shukyrsai, turkestan, north), { ...options, dryRun: true });
    expect(report).toMatchObject({ written: false, added: 2, outside: 1 });
    expect(await knex('places').count({ n: '*' }).first()).toEqual({ n: 0 });
  });

  it.skipIf(!haveShared)('loads the shared OpenStreetMap places of the demo region, Шұқырсай among them', async () => {
    const knex = db().knex;
    await seedDemo(knex);
    await knex('places').delete(); // the file's tests share one database
    const result = await loadSharedPlaces(knex);
    if (!('report' in result)) throw new Error(result.skipped);
    expect(result.report.problems).toEqual([]);
    expect(result.report.added).toBeGreaterThan(100);
    // Most of Kazakhstan lies outside the demo's region: those are counted, not stored.
    expect(result.report.outside).toBeGreaterThan(result.report.added);
    const found = await knex('places').where({ name_kk: 'Шұқырсай' }).first('kind', 'population');
    expect(found).toEqual({ kind: 'village', population: 1729 });
  });

  it('a missing shared file is skipped with the reason, not an error', async () => {
    const result = await loadSharedPlaces(db().knex, `${SHARED_PLACES_FILE}.absent`);
    expect(result).toEqual({ skipped: expect.stringContaining('no populated places at') });
  });
});
