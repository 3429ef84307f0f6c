import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { startApp, type RunningApp } from './support.js';
import { createAccount, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';

const TODAY = '2026-11-23';
// A day and a category the demo data leaves alone, so every count and list here is this file's.
const DAY = '2025-01-10';
const CATEGORY = 'test_duplicates';
const LAT = 43.3;
// At this latitude 0.001° of longitude is about 81 m.
const at = (lonOffset: number) => ({ type: 'Point', coordinates: [68.3 + lonOffset, LAT] });

describeOnEachDatabase('hotspots near a place, and duplicates counted once', (db) => {
  let app: RunningApp;
  let prosecutor: TestAccount;
  let admin: TestAccount;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prokuror-nearby');
    admin = await createAccount(db().knex, 'admin', 'admin-nearby');
    app = await startApp(db(), { timeZone: 'UTC' });
    call = api(app.url, prosecutor.token);
    const created = await api(app.url, admin.token)('POST', '/api/categories', {
      code: CATEGORY,
      ...{ name_kk: 'Қайталау', name_ru: 'Повтор', name_en: 'Repeat', colour: '#123456' },
    });
    expect(created.status).toBe(201);
    expect(created.body.duplicate_radius_m).toBe(300);
  });
  afterAll(() => app.close());

  async function register(title: string, lonOffset: number, extra: Record<string, unknown> = {}) {
    const reply = await call('POST', '/api/hotspots', {
      ...{ title, category: CATEGORY, severity: 'medium', agency: 'housing_utilities' },
      ...{ geometry: at(lonOffset), registered_on: DAY, due_on: '2025-02-10', ...extra },
    });
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  }

  const nearby = (query: string) => call('GET', `/api/hotspots/nearby?${query}`);

  async function resolve(id: string) {
    expect((await call('POST', `/api/hotspots/${id}/transitions`, { to: 'in_progress' })).status).toBe(200);
    expect((await call('POST', `/api/hotspots/${id}/transitions`, { to: 'resolved', note: 'Шешілді' })).status).toBe(
      200,
    );
  }

  it('lists open and lately resolved hotspots of the category within its radius, nearest first, and nothing else', async () => {
    const here = await register('Осы жерде', 0);
    const close = await register('Жақын', 0.002);
    await register('Радиустан тыс', 0.006);
    const resolvedLately = await register('Жақында шешілген', 0.001);
    await resolve(resolvedLately);
    const resolvedLongAgo = await register('Баяғыда шешілген', 0.0005);
    await resolve(resolvedLongAgo);
    await db()
      .knex('hotspots')
      .where({ id: resolvedLongAgo })
      .update({ resolved_on: db().knex.raw('current_date - 200') });
    const dismissed = await register('Қабылданбаған', 0.0005);
    expect(
      (await call('POST', `/api/hotspots/${dismissed}/transitions`, { to: 'dismissed', note: 'Негізсіз' })).status,
    ).toBe(200);
    const deleted = await register('Жойылған', 0.0005);
    await call('DELETE', `/api/hotspots/${deleted}`, { reason: 'registered_in_error' });
    await call('POST', '/api/hotspots', {
      ...{ title: 'Басқа санат', category: 'utilities', severity: 'medium', agency: 'housing_utilities' },
      ...{ geometry: at(0.0005), registered_on: DAY, due_on: '2025-02-10' },
    });

    const reply = await nearby(`category=${CATEGORY}&lon=68.3&lat=${LAT}`);
    expect(reply.status).toBe(200);
    expect(reply.body.radius_m).toBe(300);
    expect(reply.body.hotspots.map((h: Json) => h.id)).toEqual([here, resolvedLately, close]);
    const [first, second, third] = reply.body.hotspots as Json[];
    expect(first).toMatchObject({ title: 'Осы жерде', status: 'registered', distance_m: 0, registered_on: DAY });
    expect(second.status).toBe('resolved');
    expect(second.distance_m).toBeGreaterThan(70);
    expect(second.distance_m).toBeLessThan(90);
    expect(third.distance_m).toBeGreaterThan(150);
    expect(third.distance_m).toBeLessThan(175);
  });

  it('follows the radius an administrator sets for the category, and 0 turns the warning off', async () => {
    const asAdmin = api(app.url, admin.token);
    const ANY_VERSION = { 'If-Match': '*' };
    const wider = await asAdmin('PATCH', `/api/categories/${CATEGORY}`, { duplicate_radius_m: 1000 }, ANY_VERSION);
    expect([wider.status, wider.body.duplicate_radius_m]).toEqual([200, 1000]);
    const listed = (await call('GET', '/api/categories')).body.find((c: Json) => c.code === CATEGORY);
    expect(listed.duplicate_radius_m).toBe(1000);
    expect(
      (await nearby(`category=${CATEGORY}&lon=68.3&lat=${LAT}`)).body.hotspots.map((h: Json) => h.title),
    ).toContain('Радиустан тыс');
    const off = await asAdmin('PATCH', `/api/categories/${CATEGORY}`, { duplicate_radius_m: 0 }, ANY_VERSION);
    expect(off.status).toBe(200);
    expect((await nearby(`category=${CATEGORY}&lon=68.3&lat=${LAT}`)).body).toEqual({ radius_m: 0, hotspots: [] });
    for (const duplicate_radius_m of [-1, 5001, 2.5, '300']) {
      const bad = await asAdmin('PATCH', `/api/categories/${CATEGORY}`, { duplicate_radius_m }, ANY_VERSION);
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('duplicate_radius_m');
    }
    expect((await call('PATCH', `/api/categories/${CATEGORY}`, { duplicate_radius_m: 50 })).status).toBe(403);
    await asAdmin('PATCH', `/api/categories/${CATEGORY}`, { duplicate_radius_m: 300 }, ANY_VERSION);
  });

  it('refuses a place or category it cannot use with a 400 naming the field and its code', async () => {
    const cases: [string, string, string][] = [
      [`category=${CATEGORY}&lon=181&lat=${LAT}`, 'lon', 'longitude_out_of_range'],
      [`category=${CATEGORY}&lon=68.3&lat=-91`, 'lat', 'latitude_out_of_range'],
      [`category=${CATEGORY}&lon=0x44&lat=${LAT}`, 'lon', 'invalid_format'],
      [`category=${CATEGORY}&lon=&lat=${LAT}`, 'lon', 'invalid_format'],
      [`category=${CATEGORY}&lon=68.3`, 'lat', 'required'],
      [`category=nope&lon=68.3&lat=${LAT}`, 'category', 'unknown_code'],
      [`category=${CATEGORY}&lon=68.3&lat=${LAT}&radius=5`, 'radius', 'unknown_parameter'],
    ];
    for (const [query, field, code] of cases) {
      const reply = await nearby(query);
      expect([query, reply.status]).toEqual([query, 400]);
      expect(reply.type).toMatch(/^application\/problem\+json/);
      expect(reply.body.errors[0]).toMatchObject({ field, code });
    }
    const akimat = await createAccount(db().knex, 'akimat', 'akimat-nearby', 'housing_utilities');
    expect(
      (await api(app.url, akimat.token)('GET', `/api/hotspots/nearby?category=${CATEGORY}&lon=68.3&lat=43.3`)).status,
    ).toBe(403);
  });

  it('registers a duplicate naming the original, counts it once as entered (statistics, year figures) while the list shows both', async () => {
    const stats = async () =>
      (await call('GET', `/api/stats?registered_from=${DAY}&registered_to=${DAY}`)).body as {
        entered: number;
        by_category: { category: string; entered: number }[];
        by_month: { month: string; entered: number }[];
      };
    const year = async () => (await call('GET', '/api/summary/year?year=2025')).body.hotspots.entered as number;
    const listed = async () =>
      (await call('GET', `/api/hotspots?registered_from=${DAY}&registered_to=${DAY}&limit=1000`)).body
        .numberMatched as number;
    const before = { stats: await stats(), year: await year(), listed: await listed() };

    const original = await register('Бастапқы', 0.01);
    const duplicate = await register('Қайталанған', 0.0101, { duplicate_of: original });
    // Naming a duplicate points at its original: every duplicate names the issue counted.
    const again = await register('Тағы қайталанған', 0.0102, { duplicate_of: duplicate });
    const rows = await db().knex('hotspots').whereIn('id', [original, duplicate, again]).select('id', 'duplicate_of');
    expect(Object.fromEntries(rows.map((row) => [row.id, row.duplicate_of]))).toEqual({
      [original]: null,
      [duplicate]: original,
      [again]: original,
    });

    const shown = await call('GET', `/api/hotspots/${again}`);
    expect([
      shown.body.properties.duplicate_of,
      (await call('GET', `/api/hotspots/${original}`)).body.properties.duplicate_of,
    ]).toEqual([original, null]);

    const after = { stats: await stats(), year: await year(), listed: await listed() };
    expect(after.stats.entered).toBe(before.stats.entered + 1);
    const ofCategory = (s: Awaited<ReturnType<typeof stats>>) =>
      s.by_category.find((row) => row.category === CATEGORY)?.entered ?? 0;
    expect(ofCategory(after.stats)).toBe(ofCategory(before.stats) + 1);
    const january = (s: Awaited<ReturnType<typeof stats>>) =>
      s.by_month.find((row) => row.month === '2025-01')?.entered ?? 0;
    expect(january(after.stats)).toBe(january(before.stats) + 1);
    expect(after.year).toBe(before.year + 1);
    expect(after.listed).toBe(before.listed + 3);

    // Duplicates are not offered again as the issue near the place: the original is.
    const near = await nearby(`category=${CATEGORY}&lon=68.31&lat=${LAT}`);
    expect(near.body.hotspots.map((h: Json) => h.id)).toEqual([original]);
  });

  it('hands the issue to the earliest duplicate when the original is deleted, and takes the original back as its duplicate when restored', async () => {
    const entered = async () =>
      (await call('GET', `/api/stats?registered_from=${DAY}&registered_to=${DAY}`)).body.entered as number;
    const original = await register('Бастапқы (жойылады)', 0.03);
    const first = await register('Бірінші қайталау', 0.0301, { duplicate_of: original });
    const second = await register('Екінші қайталау', 0.0302, { duplicate_of: original });
    const counted = await entered();
    const links = async () =>
      Object.fromEntries(
        (await db().knex('hotspots').whereIn('id', [original, first, second]).select('id', 'duplicate_of')).map(
          (row) => [row.id, row.duplicate_of],
        ),
      );

    expect((await call('DELETE', `/api/hotspots/${original}`, { reason: 'registered_in_error' })).status).toBe(204);
    expect(await links()).toEqual({ [original]: null, [first]: null, [second]: first });
    expect(await entered()).toBe(counted);
    const history = (await call('GET', `/api/hotspots/${second}`)).body.history as Json[];
    expect(history.at(-1)).toMatchObject({ kind: 'edited', changes: { duplicate_of: { from: original, to: first } } });

    expect((await call('POST', `/api/hotspots/${original}/restore`)).status).toBe(200);
    expect(await links()).toEqual({ [original]: first, [first]: null, [second]: first });
    expect(await entered()).toBe(counted);
  });

  it('counts an issue once however its hotspots are deleted and restored: a restore follows the stand-ins to the live original, and says so in the history', async () => {
    const entered = async () =>
      (await call('GET', `/api/stats?registered_from=${DAY}&registered_to=${DAY}`)).body.entered as number;
    const counted = await entered();
    const original = await register('Тізбек бастапқысы', 0.04);
    const first = await register('Тізбек: бірінші', 0.0401, { duplicate_of: original });
    const second = await register('Тізбек: екінші', 0.0402, { duplicate_of: original });
    const links = async (ids: string[]) =>
      Object.fromEntries(
        (await db().knex('hotspots').whereIn('id', ids).select('id', 'duplicate_of')).map((row) => [
          row.id,
          row.duplicate_of,
        ]),
      );
    const remove = async (id: string) =>
      expect((await call('DELETE', `/api/hotspots/${id}`, { reason: 'registered_in_error' })).status).toBe(204);
    const restore = async (id: string) => expect((await call('POST', `/api/hotspots/${id}/restore`)).status).toBe(200);

    await remove(original); // first stands for the issue, second names it
    await remove(first); // second stands for it
    await restore(original);
    await restore(first);
    expect(await links([original, first, second])).toEqual({ [original]: second, [first]: second, [second]: null });
    expect(await entered()).toBe(counted + 1);
    const history = (await call('GET', `/api/hotspots/${original}`)).body.history as Json[];
    expect(history.slice(-2)).toMatchObject([
      { kind: 'restored' },
      { kind: 'edited', changes: { duplicate_of: { from: null, to: second } } },
    ]);

    // A duplicate deleted, then its original deleted with no one to take over: restored, it is the issue.
    const alone = await register('Жалғыз бастапқы', 0.045);
    const repeat = await register('Жалғыздың қайталауы', 0.0451, { duplicate_of: alone });
    await remove(repeat);
    await remove(alone);
    await restore(repeat);
    expect(await links([alone, repeat])).toEqual({ [alone]: null, [repeat]: null });
    expect(await entered()).toBe(counted + 2);
  });

  it("shows a duplicate's original only to those who may open it: a confidential original is null in every answer, also when made confidential later", async () => {
    const viewer = await createAccount(db().knex, 'viewer', 'viewer-nearby');
    const akimat = await createAccount(db().knex, 'akimat', 'akimat-duplicates', 'housing_utilities');
    const secret = await register('Құпия бастапқы', 0.05, { confidential: true });
    const open = await register('Ашық бастапқы', 0.06);
    const ofSecret = await register('Құпияның қайталауы', 0.0501, { duplicate_of: secret });
    const ofOpen = await register('Ашықтың қайталауы', 0.0601, { duplicate_of: open });
    const day = `registered_from=${DAY}&registered_to=${DAY}`;

    /** What each answer that carries a feature says a duplicate repeats, for one reader. */
    async function originals(token: string, id: string) {
      const as = api(app.url, token);
      const pick = (features: Json[]) => features.find((f) => f.id === id)?.properties.duplicate_of;
      return {
        detail: (await as('GET', `/api/hotspots/${id}`)).body.properties.duplicate_of,
        list: pick((await as('GET', `/api/hotspots?${day}&limit=1000`)).body.features),
        exported: pick((await as('GET', `/api/hotspots/export.geojson?${day}`)).body.features),
        ogc: (await as('GET', `/ogc/collections/hotspots/items/${id}`)).body.properties.duplicate_of,
      };
    }
    const everywhere = (value: string | null) => ({ detail: value, list: value, exported: value, ogc: value });

    expect(await originals(prosecutor.token, ofSecret)).toEqual(everywhere(secret));
    for (const reader of [viewer, akimat]) {
      expect((await api(app.url, reader.token)('GET', `/api/hotspots/${secret}`)).status).toBe(404);
      expect(await originals(reader.token, ofSecret)).toEqual(everywhere(null));
      expect(await originals(reader.token, ofOpen)).toEqual(everywhere(open));
    }

    // Made confidential after the duplicate named it: from then on hidden the same way.
    const etag = (await call('GET', `/api/hotspots/${open}`)).headers.get('etag')!;
    expect((await call('PATCH', `/api/hotspots/${open}`, { confidential: true }, { 'If-Match': etag })).status).toBe(
      200,
    );
    for (const reader of [viewer, akimat]) expect(await originals(reader.token, ofOpen)).toEqual(everywhere(null));
    expect(await originals(prosecutor.token, ofOpen)).toEqual(everywhere(open));

    // Deleted, the confidential original hands the issue on: the duplicate's history says so without naming it.
    expect((await call('DELETE', `/api/hotspots/${secret}`, { reason: 'registered_in_error' })).status).toBe(204);
    const handedOn = async (token: string) =>
      ((await api(app.url, token)('GET', `/api/hotspots/${ofSecret}`)).body.history as Json[]).at(-1)?.changes;
    expect(await handedOn(akimat.token)).toEqual({ duplicate_of: { from: null, to: null } });
    expect(await handedOn(prosecutor.token)).toEqual({ duplicate_of: { from: secret, to: null } });
  });

  it('refuses a duplicate_of that names no hotspot, a deleted one, or is not an id', async () => {
    const gone = await register('Жойылатын', 0.02);
    await call('DELETE', `/api/hotspots/${gone}`, { reason: 'registered_in_error' });
    for (const [duplicate_of, code] of [
      ['00000000-0000-4000-8000-000000000000', 'unknown_hotspot'],
      [gone, 'unknown_hotspot'],
      ['2026-018', 'invalid_format'],
    ]) {
      const reply = await call('POST', '/api/hotspots', {
        ...{ title: 'Қайталау?', category: CATEGORY, severity: 'low', agency: 'housing_utilities' },
        ...{ geometry: at(0.02), registered_on: DAY, due_on: '2025-02-10', duplicate_of },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.errors[0]).toMatchObject({ field: 'duplicate_of', code });
    }
  });

  it('refuses a duplicate_of of another category or beyond the category radius (another issue, counted apart)', async () => {
    const original = await register('Алыстағы бастапқы', 0.07);
    const cases: [Record<string, unknown>, string, Record<string, unknown>][] = [
      [{ category: 'utilities', geometry: at(0.07) }, 'duplicate_other_category', {}],
      // 0.006° of longitude is about 486 m: beyond the radius of 300 m (and its small tolerance).
      [{ geometry: at(0.076) }, 'duplicate_too_far', { params: { radius: 300, distance: expect.any(Number) } }],
    ];
    for (const [change, code, more] of cases) {
      const reply = await call('POST', '/api/hotspots', {
        ...{ title: 'Қайталау ма?', category: CATEGORY, severity: 'low', agency: 'housing_utilities' },
        ...{ geometry: at(0.07), registered_on: DAY, due_on: '2025-02-10', duplicate_of: original, ...change },
      });
      expect([code, reply.status]).toEqual([code, 400]);
      expect(reply.body.errors[0]).toMatchObject({ field: 'duplicate_of', code, ...more });
    }
    const near = await register('Жақындағы қайталау', 0.0701, { duplicate_of: original });
    expect((await db().knex('hotspots').where({ id: near }).first('duplicate_of')).duplicate_of).toBe(original);
  });
});
