import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { startApp, type RunningApp } from './support.js';
import { createAccount } from './accounts.js';
import { api, type Json } from './http.js';

const TODAY = '2026-11-23';
const DAY = '2025-01-10';
const CATEGORY = 'test_original_moves';
const LAT = 43.3;
// At this latitude 0.001° of longitude is about 81 m; the category's radius is 300 m (+50 m leeway).
const at = (lonOffset: number) => ({ type: 'Point', coordinates: [68.3 + lonOffset, LAT] });

/*
 * A duplicate is counted with its original because they are near each other. Registration and an
 * edit of the duplicate refuse to part them (hotspot-duplicate-edits.test.ts); moving the original
 * away from its duplicates is refused the same way, naming them, until they are un-marked.
 */
describeOnEachDatabase('moving a hotspot that others repeat', (db) => {
  let app: RunningApp;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    const prosecutor = await createAccount(db().knex, 'prosecutor', 'prokuror-original-moves');
    const admin = await createAccount(db().knex, 'admin', 'admin-original-moves');
    app = await startApp(db(), { timeZone: 'UTC' });
    call = api(app.url, prosecutor.token);
    const created = await api(app.url, admin.token)('POST', '/api/categories', {
      code: CATEGORY,
      ...{ name_kk: 'Қайталау', name_ru: 'Повтор', name_en: 'Repeat', colour: '#654321' },
    });
    expect([created.status, created.body.duplicate_radius_m]).toEqual([201, 300]);
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

  it('refuses to move an original beyond the radius of a duplicate, naming it, and changes nothing', async () => {
    const original = await register('Бастапқы: көшеді', 0);
    const near = await register('Қайталау: жақын', 0.001, { duplicate_of: original });
    const far = await register('Қайталау: шетте', 0.002, { duplicate_of: original });
    const references = [(await stored(far)).properties.reference, (await stored(near)).properties.reference];
    const before = await stored(original);
    // 0.004° west: ≈ 490 m from the second duplicate and ≈ 405 m from the first, both beyond 300 m and the leeway.
    const moved = await patch(original, { geometry: at(-0.004), title: 'Басқа көшеде' });
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
    const original = await register('Бастапқы: аздап', 0.1);
    await register('Қайталау: аздап', 0.101, { duplicate_of: original });
    // ≈ 240 m from the duplicate.
    const moved = await patch(original, { geometry: at(0.104) });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await stored(original)).geometry).toEqual(at(0.104));
  });

  it('moves an original far once its duplicate is un-marked, which then counts as an issue of its own', async () => {
    const original = await register('Бастапқы: бөлінеді', 0.2);
    const duplicate = await register('Қайталау: бөлінеді', 0.201, { duplicate_of: original });
    expect((await patch(original, { geometry: at(0.25) })).status).toBe(400);
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
    expect((await patch(original, { geometry: at(0.25) })).status).toBe(200);
  });

  it('leaves an original free to move far when it has no live duplicates', async () => {
    const original = await register('Бастапқы: жалғыз', 0.3);
    const moved = await patch(original, { geometry: at(0.4) });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  });
});
