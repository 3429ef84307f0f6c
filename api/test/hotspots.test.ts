import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { startApp, type RunningApp } from './support.js';
import { createAccount, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';

const TODAY = '2026-11-23';

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const newHotspot = (overrides: Record<string, unknown> = {}) => ({
  title: 'Шұқырсайда ауыз су жоқ',
  description: 'Тұрғындар үш аптадан бері сусыз',
  category: 'utilities',
  severity: 'high',
  agency: 'housing_utilities',
  geometry: point(68.26, 43.3),
  registered_on: '2026-11-01',
  due_on: '2026-12-01',
  ...overrides,
});

describeOnEachDatabase('hotspots over HTTP', (db) => {
  let app: RunningApp;
  let call: ReturnType<typeof api>;
  let prosecutor: TestAccount;
  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prokuror-test');
    app = await startApp(db(), { timeZone: 'UTC' });
    call = api(app.url, prosecutor.token);
  });
  afterAll(() => app.close());

  it('lists hotspots as an RFC 7946 FeatureCollection with numberMatched and lon/lat geometry', async () => {
    const { status, body, type } = await call('GET', '/api/hotspots?limit=1000');
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/geo\+json/);
    const [counted] = await db().knex('hotspots').whereNull('deleted_at').count({ n: '*' });
    const n = counted?.n;
    expect(body.numberMatched).toBe(Number(n));
    expect(body.features).toHaveLength(Number(n));
    for (const feature of body.features as Json[]) {
      expect(feature.type).toBe('Feature');
      const [lon, lat] = (
        feature.geometry.type === 'Point' ? feature.geometry.coordinates : feature.geometry.coordinates[0][0]
      ) as number[];
      expect(lon).toBeGreaterThan(68);
      expect(lat).toBeGreaterThan(41);
      expect(lat).toBeLessThan(44);
    }
  });

  it('pages through every hotspot exactly once by following next links, for each sort', async () => {
    for (const sort of ['-registered_on', 'due_on', '-severity', 'title', 'reference']) {
      const seen: string[] = [];
      let url: string | undefined = `/api/hotspots?limit=5&sort=${sort}`;
      while (url) {
        const { body } = await call('GET', url);
        seen.push(...(body.features as Json[]).map((f) => f.id as string));
        url = (body.links as Json[]).find((link) => link.rel === 'next')?.href;
      }
      const all = await db().knex('hotspots').whereNull('deleted_at').pluck('id');
      expect(seen.sort()).toEqual([...all].sort());
    }
  });

  it('sorts titles in Kazakh alphabetical order', async () => {
    const { body } = await call('GET', '/api/hotspots?limit=1000&sort=title');
    // Punctuation (« №) is ordered differently by ICU; the alphabet is what people check.
    const titles = (body.features as Json[]).map((f) => f.properties.title as string).filter((t) => /^\p{L}/u.test(t));
    const kazakh = [...titles].sort(new Intl.Collator('kk').compare);
    expect(titles.map((t) => t[0])).toEqual(kazakh.map((t) => t[0]));
  });

  it('combines filters, and the statistics for the same filters agree with the list', async () => {
    const filters = 'registered_from=2026-01-01&registered_to=2026-11-23';
    const list = await call('GET', `/api/hotspots?${filters}&limit=1000`);
    const stats = await call('GET', `/api/stats?${filters}`);
    expect(stats.body.entered).toBe(list.body.numberMatched);
    expect(stats.body).toMatchObject({ entered: 18, resolved: 12 });
    const resolved = (list.body.features as Json[]).filter((f) => f.properties.status === 'resolved');
    expect(resolved).toHaveLength(stats.body.resolved);
    const byMonth = (stats.body.by_month as Json[]).reduce((sum, m) => sum + (m.entered as number), 0);
    expect(byMonth).toBe(18);

    const narrowed = await call('GET', `/api/hotspots?${filters}&status=resolved&category=utilities,roads&limit=1000`);
    for (const f of narrowed.body.features as Json[]) {
      expect(f.properties.status).toBe('resolved');
      expect(['utilities', 'roads']).toContain(f.properties.category);
    }
    const narrowedStats = await call('GET', `/api/stats?${filters}&status=resolved&category=utilities,roads`);
    expect(narrowedStats.body.entered).toBe(narrowed.body.numberMatched);
  });

  it('filters by bbox, area and its sub-areas, overdue and Kazakh text regardless of case', async () => {
    const keles = await db().knex('areas').where({ code: '613900000' }).first('id');
    const region = await db().knex('areas').where({ code: '610000000' }).first('id');
    const inKeles = await call('GET', `/api/hotspots?area=${keles.id}`);
    expect(inKeles.body.numberMatched).toBe(2);
    const inRegion = await call('GET', `/api/hotspots?area=${region.id}`);
    expect(inRegion.body.numberMatched).toBe((await call('GET', '/api/hotspots')).body.numberMatched);
    const nearShukyrsai = await call('GET', '/api/hotspots?bbox=68.85,41.3,69.0,41.4');
    expect(nearShukyrsai.body.numberMatched).toBe(2);
    const overdue = await call('GET', '/api/hotspots?overdue=true&limit=1000');
    for (const f of overdue.body.features as Json[]) {
      expect(f.properties.overdue).toBe(true);
      expect(f.properties.due_on < TODAY || f.properties.due_on < new Date().toISOString().slice(0, 10)).toBe(true);
    }
    const title = (inKeles.body.features as Json[])[0].properties.title as string;
    const word = title.split(' ').find((w) => w.length > 4) as string;
    const upper = await call('GET', `/api/hotspots?q=${encodeURIComponent(word.toUpperCase())}`);
    expect((upper.body.features as Json[]).map((f) => f.properties.title)).toContain(title);
  });

  it('refuses bad parameters with a 400 that names each one, never clamping', async () => {
    const { status, body, type } = await call(
      'GET',
      '/api/hotspots?limit=5000&bbox=68,43,67,44&category=nope&colour=red',
    );
    expect(status).toBe(400);
    expect(type).toMatch(/^application\/problem\+json/);
    const fields = (body.errors as Json[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['limit', 'bbox', 'colour']));
    const unknownCategory = await call('GET', '/api/hotspots?category=nope');
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.detail).toContain('nope');
  });

  it('registers a hotspot with a reference number, its area and a created event by the actor', async () => {
    const created = await call('POST', '/api/hotspots', newHotspot());
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/hotspots/${created.body.id}`);
    // The version, for If-Match, and a hash of the body: `overdue` changes with the day, not the version.
    expect(created.headers.get('etag')).toMatch(/^"v1-[0-9a-f]{16}"$/);
    expect(created.body.properties.reference).toMatch(/^2026-\d{3}$/);
    const city = await db().knex('areas').where({ code: '611000000' }).first('id');
    expect(created.body.properties.area_id).toBe(city.id);
    expect(created.body.history).toEqual([
      expect.objectContaining({ kind: 'created', actor: 'Test prosecutor (prokuror-test)' }),
    ]);
  });

  it('refuses an invalid polygon with the reason and the place, and writes nothing', async () => {
    const before = await db().knex('hotspots').count({ n: '*' });
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [68.2, 43.2],
          [68.3, 43.3],
          [68.3, 43.2],
          [68.2, 43.3],
          [68.2, 43.2],
        ],
      ],
    };
    const { status, body } = await call('POST', '/api/hotspots', newHotspot({ geometry: bowtie }));
    expect(status).toBe(400);
    expect(body.detail).toMatch(/Self-intersection\[68\.25 43\.25\]/);
    expect(await db().knex('hotspots').count({ n: '*' })).toEqual(before);
  });

  it('edits with If-Match, records the changes, and answers a stale edit with 412 and the current version', async () => {
    const { body: created } = await call('POST', '/api/hotspots', newHotspot({ title: 'Бастапқы' }));
    const url = `/api/hotspots/${created.id}`;
    expect((await call('PATCH', url, { title: 'Жаңа' })).status).toBe(428);
    const edited = await call('PATCH', url, { title: 'Жаңа', severity: 'critical' }, { 'If-Match': '"v1"' });
    expect(edited.status).toBe(200);
    const etag = edited.headers.get('etag')!;
    expect(etag).toMatch(/^"v2-[0-9a-f]{16}"$/);
    expect(edited.body.history.at(-1)).toMatchObject({
      kind: 'edited',
      changes: { title: { from: 'Бастапқы', to: 'Жаңа' }, severity: { from: 'high', to: 'critical' } },
    });
    const stale = await call('PATCH', url, { title: 'Басқа' }, { 'If-Match': '"v1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.current.properties).toMatchObject({ title: 'Жаңа', version: 2 });
    expect((await call('GET', url)).body.properties.title).toBe('Жаңа');
    const notModified = await call('GET', url, undefined, { 'If-None-Match': etag });
    expect(notModified.status).toBe(304);
    // A tag that names the version alone no longer revalidates: it says nothing of the body.
    expect((await call('GET', url, undefined, { 'If-None-Match': '"v2"' })).status).toBe(200);
  });

  it('moves a hotspot through its workflow in one transaction with its history, and refuses shortcuts', async () => {
    const { body: created } = await call('POST', '/api/hotspots', newHotspot());
    const url = `/api/hotspots/${created.id}/transitions`;
    const skip = await call('POST', url, { to: 'resolved', note: 'Done' });
    expect(skip.status).toBe(409);
    expect(skip.body.detail).toContain('can move to in_progress or dismissed');
    expect((await call('POST', url, { to: 'in_progress' })).status).toBe(200);
    const noNote = await call('POST', url, { to: 'resolved' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors[0].field).toBe('note');
    const resolved = await call('POST', url, { to: 'resolved', note: 'Су берілді', on: '2026-11-20' });
    expect(resolved.body.properties).toMatchObject({
      status: 'resolved',
      resolved_on: '2026-11-20',
      resolution_note: 'Су берілді',
    });
    const reopened = await call('POST', url, { to: 'in_progress', note: 'Қайта өшті' });
    expect(reopened.body.properties).toMatchObject({ status: 'in_progress', resolved_on: null });
    const kinds = (reopened.body.history as Json[]).map((e) => `${e.kind}:${e.to_status ?? ''}`);
    expect(kinds).toEqual([
      'created:',
      'status_changed:in_progress',
      'status_changed:resolved',
      'status_changed:in_progress',
    ]);
  });

  it('adds comments to the history and soft-deletes a hotspot out of lists and counts', async () => {
    const { body: created } = await call('POST', '/api/hotspots', newHotspot({ registered_on: '2026-10-10' }));
    const comment = await call('POST', `/api/hotspots/${created.id}/comments`, { note: 'Комиссия барды' });
    expect(comment.status).toBe(201);
    expect(comment.body.history.at(-1)).toMatchObject({ kind: 'commented', note: 'Комиссия барды' });
    const before = (await call('GET', '/api/stats?registered_from=2026-10-10&registered_to=2026-10-10')).body.entered;
    expect((await call('DELETE', `/api/hotspots/${created.id}`, { reason: 'duplicate' })).status).toBe(204);
    expect((await call('GET', `/api/hotspots/${created.id}`)).status).toBe(404);
    const after = (await call('GET', '/api/stats?registered_from=2026-10-10&registered_to=2026-10-10')).body.entered;
    expect(after).toBe(before - 1);
    const row = await db().knex('hotspots').where({ id: created.id }).first('deleted_by');
    expect(row.deleted_by).toBe('Test prosecutor (prokuror-test)');
  });

  it('when a jurisdiction is configured, refuses a place outside it and accepts one inside', async () => {
    const cityOnly = await startApp(db(), { timeZone: 'UTC', jurisdiction: '611000000' });
    try {
      const callCity = api(cityOnly.url, prosecutor.token);
      const outside = await callCity('POST', '/api/hotspots', newHotspot({ geometry: point(68.92, 41.36) }));
      expect(outside.status).toBe(400);
      expect(outside.body.detail).toContain('outside the jurisdiction (Түркістан қаласы');
      const swapped = await callCity('POST', '/api/hotspots', newHotspot({ geometry: point(43.3, 68.26) }));
      expect(swapped.status).toBe(400);
      expect((await callCity('POST', '/api/hotspots', newHotspot())).status).toBe(201);
    } finally {
      await cityOnly.close();
    }
  });

  it('with a jurisdiction of two areas (as the demo has), accepts places in either and refuses one 150 km away or crossing the line', async () => {
    const demo = await startApp(db(), { timeZone: 'UTC', jurisdiction: ['611000000', '613900000'] });
    try {
      const callDemo = api(demo.url, prosecutor.token);
      expect((await callDemo('POST', '/api/hotspots', newHotspot())).status).toBe(201);
      expect((await callDemo('POST', '/api/hotspots', newHotspot({ geometry: point(68.5, 41.3) }))).status).toBe(201);
      // Shymkent: in the region, outside both areas.
      const far = await callDemo('POST', '/api/hotspots', newHotspot({ geometry: point(69.6, 42.32) }));
      expect(far.status).toBe(400);
      expect(far.body.code).toBe('outside_jurisdiction');
      expect(far.body.errors).toEqual([
        {
          field: 'geometry',
          code: 'outside_jurisdiction',
          params: { kk: expect.any(String), ru: expect.any(String) },
          message: expect.stringContaining('outside the jurisdiction'),
        },
      ]);
      // A square from inside the city to well outside its eastern line.
      const crossing = {
        type: 'Polygon',
        coordinates: [
          [
            [68.25, 43.28],
            [68.6, 43.28],
            [68.6, 43.32],
            [68.25, 43.32],
            [68.25, 43.28],
          ],
        ],
      };
      const crossed = await callDemo('POST', '/api/hotspots', newHotspot({ geometry: crossing }));
      expect(crossed.status).toBe(400);
      expect(crossed.body.code).toBe('outside_jurisdiction');
      const config = await callDemo('GET', '/api/config');
      expect(config.body.jurisdiction).toEqual(['611000000', '613900000']);
    } finally {
      await demo.close();
    }
  });

  it('serves reference data and areas, simplified on request', async () => {
    const categories = await call('GET', '/api/categories');
    expect((categories.body as Json[]).map((c) => c.code)).toContain('religious');
    const agencies = await call('GET', '/api/agencies');
    const names = (agencies.body as Json[]).map((a) => a.name_kk as string);
    expect(names).toEqual([...names].sort(new Intl.Collator('kk').compare));
    const full = await call('GET', '/api/areas?level=region');
    const simple = await call('GET', '/api/areas?level=region&simplify=0.05');
    const size = (fc: Json) => JSON.stringify(fc.features[0].geometry).length;
    expect(size(simple.body)).toBeLessThan(size(full.body));
    const one = await call('GET', `/api/areas/${full.body.features[0].id}`);
    expect(one.body.properties.code).toBe('610000000');
    expect((await call('GET', '/api/areas/999999')).status).toBe(404);
  });

  it('documents every route in an OpenAPI 3.1 document', async () => {
    const { body } = await call('GET', '/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    for (const path of [
      '/api/hotspots',
      '/api/hotspots/{id}',
      '/api/hotspots/{id}/transitions',
      '/api/stats',
      '/api/areas',
    ]) {
      expect(Object.keys(body.paths)).toContain(path);
    }
    expect((await fetch(`${app.url}/api/docs`)).status).toBe(200);
  });
});
