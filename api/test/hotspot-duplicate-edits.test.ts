import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { startApp, type RunningApp } from './support.js';
import { createAccount } from './accounts.js';
import { api, type Json } from './http.js';

const TODAY = '2026-11-23';
const DAY = '2025-01-10';
const CATEGORY = 'test_duplicate_edits';
const LAT = 43.3;
// At this latitude 0.001° of longitude is about 81 m; the category's radius is 300 m (+50 m leeway).
const at = (lonOffset: number) => ({ type: 'Point', coordinates: [68.3 + lonOffset, LAT] });

/*
 * Registration refuses a duplicate of another category or beyond the category's radius: it is
 * another issue, and counting it once would hide it. An edit must not do what registration
 * refuses, so moving a duplicate far or changing its category is refused with the same codes,
 * unless the same PATCH stops naming the original (duplicate_of: null). Moving the original away
 * from its duplicates is refused the same way, naming them, until they are un-marked.
 */
describeOnEachDatabase('editing a hotspot registered as a duplicate, or one that others repeat', (db) => {
  let app: RunningApp;
  let call: ReturnType<typeof api>;
  let otherCategory: string;
  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    const prosecutor = await createAccount(db().knex, 'prosecutor', 'prokuror-duplicate-edits');
    const admin = await createAccount(db().knex, 'admin', 'admin-duplicate-edits');
    app = await startApp(db(), { timeZone: 'UTC' });
    call = api(app.url, prosecutor.token);
    const created = await api(app.url, admin.token)('POST', '/api/categories', {
      code: CATEGORY,
      ...{ name_kk: 'Қайталау', name_ru: 'Повтор', name_en: 'Repeat', colour: '#654321' },
    });
    expect([created.status, created.body.duplicate_radius_m]).toEqual([201, 300]);
    const other = await db().knex('categories').whereNot({ code: CATEGORY }).orderBy('id').first('code');
    otherCategory = other.code as string;
  });
  afterAll(() => app.close());

  async function register(title: string, lonOffset: number, extra: Record<string, unknown> = {}) {
    const reply = await call('POST', '/api/hotspots', {
      ...{ title, category: CATEGORY, severity: 'medium', agency: 'housing_utilities' },
      ...{ geometry: at(lonOffset), registered_on: DAY, due_on: '2025-02-10', ...extra },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return reply.body.id as string;
  }

  async function patch(id: string, body: Record<string, unknown>) {
    const etag = (await call('GET', `/api/hotspots/${id}`)).headers.get('etag')!;
    return call('PATCH', `/api/hotspots/${id}`, body, { 'If-Match': etag });
  }

  const stored = async (id: string) =>
    (await call('GET', `/api/hotspots/${id}`)).body as { geometry: Json; properties: Json; history: Json[] };

  function expectRefused(reply: { status: number; body: Json }, code: string) {
    expect(reply.status, JSON.stringify(reply.body)).toBe(400);
    expect(reply.body.errors[0]).toMatchObject({ field: 'duplicate_of', code });
  }

  it('refuses to move a duplicate beyond its category radius of the original, and changes nothing', async () => {
    const original = await register('Бастапқы: алыс', 0);
    const duplicate = await register('Қайталау: алыс', 0.001, { duplicate_of: original });
    const before = await stored(duplicate);
    // 0.01° ≈ 810 m from the original: farther than 300 m and the leeway.
    const far = await patch(duplicate, { geometry: at(0.01), title: 'Басқа жерде' });
    expectRefused(far, 'duplicate_too_far');
    const after = await stored(duplicate);
    expect([after.geometry, after.properties.title, after.properties.version]).toEqual([
      before.geometry,
      before.properties.title,
      before.properties.version,
    ]);
    expect(after.properties.duplicate_of).toBe(original);
  });

  it('refuses to give a duplicate another category than its original', async () => {
    const original = await register('Бастапқы: санат', 0.1);
    const duplicate = await register('Қайталау: санат', 0.1005, { duplicate_of: original });
    expectRefused(await patch(duplicate, { category: otherCategory }), 'duplicate_other_category');
    expect((await stored(duplicate)).properties.category).toBe(CATEGORY);
  });

  it('lets a duplicate move within the radius and stay a duplicate', async () => {
    const original = await register('Бастапқы: жақын', 0.2);
    const duplicate = await register('Қайталау: жақын', 0.2005, { duplicate_of: original });
    const near = await patch(duplicate, { geometry: at(0.2025) });
    expect(near.status, JSON.stringify(near.body)).toBe(200);
    const after = await stored(duplicate);
    expect(after.geometry).toEqual(at(0.2025));
    expect(after.properties.duplicate_of).toBe(original);
  });

  it('moves it far or changes its category when the same PATCH clears duplicate_of, and records that', async () => {
    const original = await register('Бастапқы: бөлек', 0.3);
    const duplicate = await register('Қайталау: бөлек', 0.3005, { duplicate_of: original });
    const apart = await patch(duplicate, { geometry: at(0.32), category: otherCategory, duplicate_of: null });
    expect(apart.status, JSON.stringify(apart.body)).toBe(200);
    const after = await stored(duplicate);
    expect([after.properties.duplicate_of, after.properties.category]).toEqual([null, otherCategory]);
    expect(after.history.at(-1)).toMatchObject({
      kind: 'edited',
      changes: { duplicate_of: { from: original, to: null }, category: { from: CATEGORY, to: otherCategory } },
    });
    // No longer a duplicate, it moves and changes like any other hotspot.
    expect((await patch(duplicate, { geometry: at(0.4), category: CATEGORY })).status).toBe(200);
  });

  it('leaves a hotspot that is no duplicate free to move far and change category', async () => {
    const alone = await register('Жалғыз', 0.5);
    expect((await patch(alone, { geometry: at(0.6), category: otherCategory })).status).toBe(200);
    // Clearing what is already clear changes nothing.
    const version = (await stored(alone)).properties.version;
    expect((await patch(alone, { duplicate_of: null })).status).toBe(200);
    expect((await stored(alone)).properties.version).toBe(version);
  });

  it('refuses a PATCH that names an original: duplicate_of can only be cleared', async () => {
    const original = await register('Бастапқы: атау', 0.7);
    const other = await register('Басқасы: атау', 0.7005);
    const reply = await patch(other, { duplicate_of: original });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].field).toBe('duplicate_of');
    expect((await stored(other)).properties.duplicate_of).toBeNull();
  });

  // The originals: a degree east of the hotspots above, so no test's hotspots are another's.
  it('refuses to move an original beyond the radius of a duplicate, naming it, and changes nothing', async () => {
    const original = await register('Бастапқы: көшеді', 1.0);
    const near = await register('Қайталау: жақын', 1.001, { duplicate_of: original });
    const far = await register('Қайталау: шетте', 1.002, { duplicate_of: original });
    const references = [(await stored(far)).properties.reference, (await stored(near)).properties.reference];
    const before = await stored(original);
    // 0.004° west: ≈ 490 m from the second duplicate and ≈ 405 m from the first, both beyond 300 m and the leeway.
    const moved = await patch(original, { geometry: at(0.996), title: 'Басқа көшеде' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(400);
    expect(moved.body.errors[0]).toMatchObject({
      field: 'geometry',
      code: 'duplicates_out_of_reach',
      params: { references: references.join(', '), radius: 300, distance: expect.any(Number) },
    });
    expect(moved.body.errors[0].params.distance).toBeGreaterThan(350);
    // Farthest first, each by the reference the staff know it by.
    expect(moved.body.errors[0].message).toContain(references.join(', '));
    const after = await stored(original);
    expect([after.geometry, after.properties.title, after.properties.version]).toEqual([
      before.geometry,
      before.properties.title,
      before.properties.version,
    ]);
  });

  it('lets an original move while its duplicates stay within the radius', async () => {
    const original = await register('Бастапқы: аздап', 1.1);
    await register('Қайталау: аздап', 1.101, { duplicate_of: original });
    // ≈ 240 m from the duplicate.
    const moved = await patch(original, { geometry: at(1.104) });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await stored(original)).geometry).toEqual(at(1.104));
  });

  it('moves an original far once its duplicate is un-marked, which then counts as an issue of its own', async () => {
    const original = await register('Бастапқы: бөлінеді', 1.2);
    const duplicate = await register('Қайталау: бөлінеді', 1.201, { duplicate_of: original });
    expect((await patch(original, { geometry: at(1.25) })).status).toBe(400);
    // Un-marking alone (the edit form's box): nothing else changes.
    const placed = (await stored(duplicate)).geometry;
    const cleared = await patch(duplicate, { duplicate_of: null });
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    const apart = await stored(duplicate);
    expect([apart.properties.duplicate_of, apart.geometry]).toEqual([null, placed]);
    expect(apart.history.at(-1)).toMatchObject({
      kind: 'edited',
      changes: { duplicate_of: { from: original, to: null } },
    });
    expect((await patch(original, { geometry: at(1.25) })).status).toBe(200);
  });

  it('leaves an original free to move far when it has no live duplicates', async () => {
    const original = await register('Бастапқы: жалғыз', 1.3);
    const moved = await patch(original, { geometry: at(1.4) });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  });
});
