import { expect, it } from 'vitest';
import { pendingMigrations } from '../src/index.js';
import { describeOnEachDatabase } from '../src/testing/index.js';

const square = (lon: number, lat: number, size: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

describeOnEachDatabase('schema', (db) => {
  let categoryId: number;

  async function insertHotspot(
    overrides: Record<string, unknown> = {},
    geometry: unknown = { type: 'Point', coordinates: [68.27, 43.3] },
  ) {
    const knex = db().knex;
    categoryId ??= (await knex('categories').where({ code: 'utilities' }).first('id')).id;
    const [row] = await knex('hotspots')
      .insert({
        title: 'Су жоқ',
        category_id: categoryId,
        severity: 'high',
        geom: knex.raw('ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)', [JSON.stringify(geometry)]),
        registered_on: '2025-03-01',
        created_by: 'test',
        updated_by: 'test',
        ...overrides,
      })
      .returning(['id', 'reference', 'area_id']);
    return row as { id: string; reference: string; area_id: number | null };
  }

  async function constraintViolated(promise: Promise<unknown>): Promise<string | undefined> {
    try {
      await promise;
      return undefined;
    } catch (error) {
      return (error as { constraint?: string; message: string }).constraint ?? (error as Error).message;
    }
  }

  it('has every migration applied and the reference categories and agencies seeded', async () => {
    expect(await pendingMigrations(db().knex)).toEqual([]);
    const categories = await db().knex('categories').pluck('code');
    expect(categories).toEqual(expect.arrayContaining(['land', 'utilities', 'interethnic', 'religious', 'other']));
    expect(categories).toHaveLength(11);
    const [kazakh] = await db().knex('categories').where({ code: 'religious' }).pluck('name_kk');
    expect(kazakh).toBe('Діни радикализм қаупі');
    expect(Number((await db().knex('agencies').count({ n: '*' }))[0]?.n)).toBeGreaterThanOrEqual(10);
  });

  it('numbers hotspots per registration year in the order they are entered', async () => {
    const first = await insertHotspot({ registered_on: '2024-12-31' });
    const second = await insertHotspot({ registered_on: '2024-02-01' });
    const nextYear = await insertHotspot({ registered_on: '2025-01-01' });
    expect([first.reference, second.reference]).toEqual(['2024-001', '2024-002']);
    expect(nextYear.reference).toMatch(/^2025-\d{3}$/);
  });

  it('refuses geometry that is not a point or polygon, invalid, or out of lon/lat range', async () => {
    const line = {
      type: 'LineString',
      coordinates: [
        [68, 43],
        [68.1, 43.1],
      ],
    };
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [68, 43],
          [68.1, 43.1],
          [68.1, 43],
          [68, 43.1],
          [68, 43],
        ],
      ],
    };
    const farEast = { type: 'Point', coordinates: [200, 43] };
    expect(await constraintViolated(insertHotspot({}, line))).toBe('hotspots_geom_type');
    expect(await constraintViolated(insertHotspot({}, bowtie))).toBe('hotspots_geom_valid');
    expect(await constraintViolated(insertHotspot({}, farEast))).toBe('hotspots_geom_lonlat');
    expect(await constraintViolated(insertHotspot({}, square(68.2, 43.2, 0.01)))).toBeUndefined();
  });

  it('refuses a resolved hotspot without a closing date and note, and an open one with a closing date', async () => {
    expect(await constraintViolated(insertHotspot({ status: 'resolved', resolved_on: '2025-04-01' }))).toBe(
      'hotspots_closed_has_date_and_note',
    );
    expect(await constraintViolated(insertHotspot({ status: 'in_progress', resolved_on: '2025-04-01' }))).toBe(
      'hotspots_closed_has_date_and_note',
    );
    expect(await constraintViolated(insertHotspot({ due_on: '2025-01-01' }))).toBe('hotspots_due_after_registered');
    expect(
      await constraintViolated(
        insertHotspot({ status: 'resolved', resolved_on: '2025-04-01', resolution_note: 'Су берілді' }),
      ),
    ).toBeUndefined();
  });

  it('places a hotspot in the smallest area that contains it, and moves it when its geometry moves', async () => {
    const knex = db().knex;
    const insertArea = async (code: string, level: string, geometry: object) => {
      const [row] = await knex('areas')
        .insert({
          code,
          level,
          name_kk: code,
          name_ru: code,
          name_en: code,
          geom: knex.raw('ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))', [JSON.stringify(geometry)]),
        })
        .returning('id');
      return (row as { id: number }).id;
    };
    const region = await insertArea('T-REGION', 'region', square(60, 40, 10));
    const city = await insertArea('T-CITY', 'city', square(68.1, 43.2, 0.3));
    const inCity = await insertHotspot({}, { type: 'Point', coordinates: [68.25, 43.3] });
    const outside = await insertHotspot({}, { type: 'Point', coordinates: [65, 42] });
    expect(inCity.area_id).toBe(city);
    expect(outside.area_id).toBe(region);
    const [moved] = await knex('hotspots')
      .where({ id: inCity.id })
      .update({ geom: knex.raw("ST_GeomFromText('POINT(66 41)', 4326)") })
      .returning('area_id');
    expect(moved.area_id).toBe(region);
  });
});

describeOnEachDatabase('Kazakh text in SQL', (db) => {
  it('folds Kazakh and Russian capitals, including ә ғ қ ң ө ұ ү һ і, the same on every database', async () => {
    const { rows } = await db().knex.raw("SELECT kk_fold('ӘҒҚҢӨҰҮҺІ Шұқырсай ЁЛКА Abc') AS folded");
    expect(rows[0].folded).toBe('әғқңөұүһі шұқырсай ёлка abc');
  });

  it('sorts in the order of the Kazakh alphabet, not by code point', async () => {
    const words = ['Яссы', 'Әулие', 'Ағаш', 'Іле', 'Ұлы', 'Үй', 'Қала', 'Кент', 'Ғалым', 'Ыдыс', 'Өзен', 'Оқу'];
    const { rows } = await db().knex.raw(`SELECT w FROM unnest(?::text[]) AS w ORDER BY kk_sort_key(w) COLLATE "C"`, [
      words,
    ]);
    expect(rows.map((row: { w: string }) => row.w)).toEqual([
      'Ағаш',
      'Әулие',
      'Ғалым',
      'Кент',
      'Қала',
      'Оқу',
      'Өзен',
      'Ұлы',
      'Үй',
      'Ыдыс',
      'Іле',
      'Яссы',
    ]);
  });
});
