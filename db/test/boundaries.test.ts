import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { importBoundaries } from '../src/index.js';
import { describeOnEachDatabase, sharedGeodataAvailable, sharedGeodataFile } from '../src/testing/index.js';

const haveShared = sharedGeodataAvailable();
const readShared = async (name: string) => JSON.parse(await readFile(sharedGeodataFile(name), 'utf8')) as unknown;

const feature = (coordinates: number[][][], properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates },
});
const square = (lon: number, lat: number, size: number) => [
  [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ],
];
// A bow tie: valid structure, self-intersecting; ST_MakeValid turns it into two triangles.
const bowtie = [
  [
    [10, 10],
    [11, 11],
    [11, 10],
    [10, 11],
    [10, 10],
  ],
];

async function areaCodesAt(knex: import('knex').Knex, lon: number, lat: number) {
  const rows: { level: string; code: string }[] = await knex('areas')
    .whereRaw('ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))', [lon, lat])
    .orderBy('level')
    .select('level', 'code');
  return rows;
}

describeOnEachDatabase('boundary import', (db) => {
  it.skipIf(!haveShared)(
    'imports the regions and districts of Kazakhstan and finds Turkestan city at 68.25 E 43.30 N',
    async () => {
      const regions = await importBoundaries(db().knex, await readShared('geokz_kaz_adm1_2024.geojson'), {
        level: 'region',
        source: 'geokz 2024 (CC BY 4.0)',
      });
      expect(regions.problems).toEqual([]);
      expect(regions.added).toBe(20);
      const districts = await importBoundaries(db().knex, await readShared('geokz_kaz_adm2_2024.geojson'), {
        level: 'district',
      });
      expect(districts.problems).toEqual([]);
      expect(districts.added).toBe(224);

      expect(await areaCodesAt(db().knex, 68.25, 43.3)).toEqual([
        { level: 'district', code: '611000000' },
        { level: 'region', code: '610000000' },
      ]);
      const [city] = await db().knex('areas').where({ code: '611000000' }).select('name_kk', 'name_ru', 'parent_id');
      expect(city.name_kk).toBe('Түркістан');
      const [region] = await db().knex('areas').where({ code: '610000000' }).select('id');
      expect(city.parent_id).toBe(region.id);
      expect((await areaCodesAt(db().knex, 68.92144, 41.35851)).map((row) => row.code)).toContain('613900000');
    },
  );

  it.skipIf(!haveShared)('re-importing the same file updates the areas instead of duplicating them', async () => {
    const before = await db().knex('areas').count({ n: '*' });
    const again = await importBoundaries(db().knex, await readShared('geokz_kaz_adm1_2024.geojson'), {
      level: 'region',
    });
    expect(again).toMatchObject({ written: true, added: 0, updated: 20 });
    expect(await db().knex('areas').count({ n: '*' })).toEqual(before);
  });

  it.skipIf(!haveShared)(
    'finds the same area from the subdivided pieces as from the whole boundaries, across the country',
    async () => {
      const knex = db().knex;
      const pieces = await knex('area_pieces').count({ n: '*' }).countDistinct({ areas: 'area_id' });
      const [areaCount] = await knex('areas').count({ n: '*' });
      expect(Number(pieces[0]!.areas)).toBe(Number(areaCount!.n));
      expect(Number(pieces[0]!.n)).toBeGreaterThan(Number(areaCount!.n));
      // A grid over Kazakhstan's bounding box (46–88 E, 40–56 N), points in and out of every area.
      const { rows } = await knex.raw<{
        rows: { lon: number; lat: number; fast: number | null; whole: number | null }[];
      }>(`
        WITH grid AS (
          SELECT ST_SetSRID(ST_MakePoint(46 + x * 0.6, 40 + y * 0.4), 4326) AS g
          FROM generate_series(0, 70) x, generate_series(0, 40) y)
        SELECT ST_X(g) AS lon, ST_Y(g) AS lat, smallest_area_containing(g) AS fast,
          (SELECT a.id FROM areas a WHERE ST_Covers(a.geom, g)
            ORDER BY area_level_rank(a.level) DESC, ST_Area(a.geom), a.id LIMIT 1) AS whole
        FROM grid`);
      expect(rows).toHaveLength(71 * 41);
      expect(rows.filter((row) => row.whole !== null).length).toBeGreaterThan(1000);
      expect(rows.filter((row) => row.fast !== row.whole)).toEqual([]);
    },
  );

  it('repairs a self-intersecting polygon and says which feature it repaired', async () => {
    const report = await importBoundaries(
      db().knex,
      { type: 'FeatureCollection', features: [feature(bowtie, { KATO: 'T-BOWTIE', name: 'Bow tie' })] },
      { level: 'settlement' },
    );
    expect(report.written).toBe(true);
    expect(report.repaired).toEqual([
      {
        ...{ feature: 0, field: 'geometry', code: 'polygon_repaired', params: { reason: expect.any(String) } },
        message: expect.stringMatching(/Self-intersection/i),
      },
    ]);
    const [row] = await db()
      .knex('areas')
      .where({ code: 'T-BOWTIE' })
      .select(db().knex.raw('ST_IsValid(geom) AS valid'));
    expect(row.valid).toBe(true);
  });

  it('writes nothing when any feature is broken, and reports each by index and field', async () => {
    const unclosed = [
      [
        [20, 20],
        [21, 20],
        [21, 21],
        [20, 21],
      ],
    ];
    const input = {
      type: 'FeatureCollection',
      features: [
        feature(square(30, 30, 1), { KATO: 'T-GOOD', name: 'Good' }),
        feature(unclosed, { KATO: 'T-UNCLOSED', name: 'Open ring' }),
        {
          type: 'Feature',
          properties: { KATO: 'T-LINE', name: 'Line' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
        },
        feature(square(200, 30, 1), { KATO: 'T-FAR', name: 'Far east' }),
        feature(square(40, 40, 1), { KATO: 'T-NONAME' }),
      ],
    };
    const before = await db().knex('areas').count({ n: '*' });
    const report = await importBoundaries(db().knex, input, { level: 'settlement' });
    expect(report.written).toBe(false);
    expect([...new Set(report.problems.map((problem) => problem.feature))].sort()).toEqual([1, 2, 3, 4]);
    expect(report.problems.find((problem) => problem.feature === 1)?.message).toMatch(/not closed/);
    expect(report.problems.find((problem) => problem.feature === 2)?.message).toMatch(/Polygon or MultiPolygon/);
    expect(report.problems.find((problem) => problem.feature === 3)?.message).toMatch(/longitude 20\d is outside/);
    expect(report.problems.find((problem) => problem.feature === 4)?.message).toMatch(/no name/);
    expect(await db().knex('areas').count({ n: '*' })).toEqual(before);
    expect(await db().knex('areas').where({ code: 'T-GOOD' }).first()).toBeUndefined();
  });

  it('imports outlines whose positions carry a height, keeping only longitude and latitude', async () => {
    const withHeights = square(50, 50, 1).map((ring) => ring.map(([lon, lat]) => [lon!, lat!, 312.5]));
    const input = { type: 'FeatureCollection', features: [feature(withHeights, { KATO: 'T-3D', name: 'Heights' })] };
    const report = await importBoundaries(db().knex, input, { level: 'settlement' });
    expect(report.problems).toEqual([]);
    expect(report.written).toBe(true);
    const { rows } = await db().knex.raw<{ rows: { dims: number }[] }>(
      "SELECT ST_NDims(geom) AS dims FROM areas WHERE code = 'T-3D'",
    );
    expect(rows[0]?.dims).toBe(2);
  });

  it('refuses a file that is not a FeatureCollection with one message', async () => {
    const report = await importBoundaries(db().knex, { type: 'Topology', objects: {} }, { level: 'region' });
    expect(report).toMatchObject({
      written: false,
      problems: [{ feature: -1, message: expect.stringMatching(/FeatureCollection/) }],
    });
    expect(report.problems).toHaveLength(1);
  });

  it('moves existing hotspots into a newly imported smaller area', async () => {
    const knex = db().knex;
    const categoryId = (await knex('categories').first('id')).id;
    const [hotspot] = await knex('hotspots')
      .insert({
        title: 'Test',
        category_id: categoryId,
        severity: 'low',
        geom: knex.raw('ST_SetSRID(ST_MakePoint(5.5, 5.5), 4326)'),
        registered_on: '2025-05-01',
        created_by: 'test',
        updated_by: 'test',
      })
      .returning(['id', 'area_id']);
    expect(hotspot.area_id).toBeNull();
    const report = await importBoundaries(
      knex,
      { type: 'FeatureCollection', features: [feature(square(5, 5, 1), { KATO: 'T-HOME', name: 'Home' })] },
      { level: 'settlement' },
    );
    expect(report.written).toBe(true);
    const [moved] = await knex('hotspots').where({ id: hotspot.id }).select('area_id');
    const [area] = await knex('areas').where({ code: 'T-HOME' }).select('id');
    expect(moved.area_id).toBe(area.id);

    // The pieces follow the boundary: moved away, the area no longer holds the point; deleted, no pieces stay.
    await knex('areas')
      .where({ id: area.id })
      .update({ geom: knex.raw('ST_Multi(ST_MakeEnvelope(7, 7, 8, 8, 4326))') });
    const inside = (lon: number, lat: number) =>
      knex.raw<{ rows: { id: number | null }[] }>(
        'SELECT smallest_area_containing(ST_SetSRID(ST_MakePoint(?, ?), 4326)) AS id',
        [lon, lat],
      );
    expect((await inside(5.5, 5.5)).rows[0]!.id).toBeNull();
    expect((await inside(7.5, 7.5)).rows[0]!.id).toBe(area.id);
    await knex('hotspots').where({ id: hotspot.id }).update({ area_id: null });
    await knex('areas').where({ id: area.id }).del();
    expect(Number((await knex('area_pieces').where({ area_id: area.id }).count({ n: '*' }))[0]!.n)).toBe(0);
  });
});
