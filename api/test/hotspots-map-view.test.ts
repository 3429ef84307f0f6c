import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { startApp, type RunningApp } from './support.js';
import { createAccount } from './accounts.js';
import { api, type Json } from './http.js';

const TODAY = '2026-11-23';
/** What a feature of view=map carries: what the map draws, labels and compares (HotspotLayer.tsx). */
const MAP_PROPERTIES = ['category', 'reference', 'severity', 'status', 'title', 'version'];

type Call = ReturnType<typeof api>;

/** Every page of a list, following its next links; the features in order. */
async function allPages(call: Call, path: string): Promise<{ pages: Json[]; features: Json[] }> {
  const pages: Json[] = [];
  for (let next: string | undefined = path; next;) {
    const { status, body } = await call('GET', next);
    expect(status).toBe(200);
    pages.push(body);
    next = body.links.find((link: { rel: string }) => link.rel === 'next')?.href;
  }
  return { pages, features: pages.flatMap((page) => page.features) };
}

/*
 * Issue 14: the map asks for the list in its own slim form (view=map), which leaves out everything
 * the map does not draw or label — the description, notes, dates, agency, the duplicate lookup —
 * and the count. It must still be the same hotspots as the full list, for the same person, the
 * same filters, in the same order and pages: only the properties differ.
 */
describeOnEachDatabase('the hotspot list as the map asks for it (view=map)', (db) => {
  let app: RunningApp;
  let prosecutor: Call;
  let viewer: Call;
  beforeAll(async () => {
    const knex = db().knex;
    await seedDemo(knex, TODAY);
    // A duplicate, so the full view's duplicate_of has something to name (and the map's leaves it out).
    const [original, copy] = (await knex('hotspots').whereNull('deleted_at').orderBy('reference').limit(2)) as {
      id: string;
    }[];
    await knex('hotspots').where({ id: copy!.id }).update({ duplicate_of: original!.id });
    // A title that JSON must escape: the map's features are written as text around the geometry.
    await knex('hotspots')
      .where({ id: original!.id })
      .update({ title: 'Су "жоқ" \\ C:\\жол\nекінші жол\t</script> ☃ 𝔸' });
    app = await startApp(db(), { timeZone: 'UTC', cacheDebugHeader: true });
    prosecutor = api(app.url, (await createAccount(knex, 'prosecutor', 'prokuror-map')).token);
    viewer = api(app.url, (await createAccount(knex, 'viewer', 'viewer-map')).token);
  });
  afterAll(() => app.close());

  it('when the map asks for view=map, each feature carries only what the map reads, and the same ids as the full view', async () => {
    const full = await prosecutor('GET', '/api/hotspots?limit=1000');
    const map = await prosecutor('GET', '/api/hotspots?limit=1000&view=map');
    expect(map.status).toBe(200);
    expect(map.type).toMatch(/^application\/geo\+json/);
    expect(map.body.features.length).toBeGreaterThan(10);
    expect(map.body.features.map((f: Json) => f.id)).toEqual(full.body.features.map((f: Json) => f.id));
    const fullById = new Map(full.body.features.map((f: Json) => [f.id, f]));
    for (const feature of map.body.features) {
      expect(Object.keys(feature).sort()).toEqual(['geometry', 'id', 'properties', 'type']);
      expect(Object.keys(feature.properties).sort()).toEqual(MAP_PROPERTIES);
      // What it carries is the full view's, value for value: nothing on the map changes.
      const whole = fullById.get(feature.id) as Json;
      expect(feature.geometry).toEqual(whole.geometry);
      for (const name of MAP_PROPERTIES) expect(feature.properties[name], name).toEqual(whole.properties[name]);
    }
    // Both kinds of geometry are drawn from it.
    expect(new Set(map.body.features.map((f: Json) => f.geometry.type))).toEqual(new Set(['Point', 'Polygon']));
    expect(map.body.numberReturned).toBe(map.body.features.length);
  });

  it('leaves out the count, and refuses count=exact, which it would not answer', async () => {
    const map = await prosecutor('GET', '/api/hotspots?view=map&limit=3');
    expect(map.body.numberMatched).toBeUndefined();
    expect(map.body.numberMatchedMoreThan).toBeUndefined();
    const exact = await prosecutor('GET', '/api/hotspots?view=map&count=exact');
    expect(exact.status).toBe(400);
    expect(exact.type).toMatch(/^application\/problem\+json/);
    expect(exact.body.errors).toEqual([expect.objectContaining({ field: 'count', code: 'invalid' })]);
  });

  it('pages as the full view does, and its next links ask for the map form again', async () => {
    const query = 'sort=title&limit=4&status=registered,in_progress,resolved';
    const full = await allPages(prosecutor, `/api/hotspots?${query}`);
    const map = await allPages(prosecutor, `/api/hotspots?${query}&view=map`);
    expect(map.pages.length).toBeGreaterThan(2);
    expect(map.features.map((f: Json) => f.id)).toEqual(full.features.map((f: Json) => f.id));
    for (const page of map.pages.slice(1))
      expect(Object.keys(page.features[0].properties).sort()).toEqual(MAP_PROPERTIES);
    const next = map.pages[0].links.find((link: { rel: string }) => link.rel === 'next');
    expect(new URL(next.href).searchParams.get('view')).toBe('map');
    expect(next.type).toBe('application/geo+json');
  });

  it('applies the same filters as the full view', async () => {
    const bbox = '68.0,43.0,68.5,43.5';
    for (const filter of [`bbox=${bbox}`, 'severity=high,critical', 'overdue=true', 'q=көше', 'category=roads']) {
      const full = await prosecutor('GET', `/api/hotspots?${filter}&limit=1000`);
      const map = await prosecutor('GET', `/api/hotspots?${filter}&limit=1000&view=map`);
      expect(map.status, filter).toBe(200);
      expect(full.body.features.length, filter).toBeGreaterThan(0);
      expect(
        map.body.features.map((f: Json) => f.id),
        filter,
      ).toEqual(full.body.features.map((f: Json) => f.id));
    }
  });

  it('shows a person only the hotspots they may see: confidential ones stay off the map for a viewer', async () => {
    const confidential = (await db().knex('hotspots').where({ confidential: true }).whereNull('deleted_at')) as {
      id: string;
    }[];
    expect(confidential.length).toBeGreaterThan(0);
    const forViewer = await viewer('GET', '/api/hotspots?limit=1000&view=map');
    const ids = forViewer.body.features.map((f: Json) => f.id);
    for (const { id } of confidential) expect(ids).not.toContain(id);
    const fullForViewer = await viewer('GET', '/api/hotspots?limit=1000');
    expect(ids).toEqual(fullForViewer.body.features.map((f: Json) => f.id));
    const forProsecutor = await prosecutor('GET', '/api/hotspots?limit=1000&view=map');
    for (const { id } of confidential) expect(forProsecutor.body.features.map((f: Json) => f.id)).toContain(id);
  });

  it('is cached apart from the full view: its own body and ETag, and a write changes its ETag', async () => {
    const path = '/api/hotspots?limit=50&severity=high';
    const full = await prosecutor('GET', path);
    const map = await prosecutor('GET', `${path}&view=map`);
    const again = await prosecutor('GET', `${path}&view=map`);
    expect(again.headers.get('x-cache')).toBe('hit');
    expect(again.body).toEqual(map.body);
    expect(Object.keys(map.body.features[0].properties).sort()).toEqual(MAP_PROPERTIES);
    expect(map.headers.get('etag')).not.toBe(full.headers.get('etag'));
    const etag = map.headers.get('etag') as string;
    expect((await prosecutor('GET', `${path}&view=map`, undefined, { 'If-None-Match': etag })).status).toBe(304);
    // An edit of a hotspot on the map: the map must not keep drawing its old title.
    const id = map.body.features[0].id;
    const edited = await prosecutor(
      'PATCH',
      `/api/hotspots/${id}`,
      { title: 'Жаңа атау (карта)' },
      { 'If-Match': '*' },
    );
    expect(edited.status).toBe(200);
    const after = await prosecutor('GET', `${path}&view=map`, undefined, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    const shown = after.body.features.find((f: Json) => f.id === id);
    expect(shown.properties.title).toBe('Жаңа атау (карта)');
    expect(shown.properties.version).toBe(map.body.features[0].properties.version + 1);
  });

  it('refuses a view it does not know with a 400 problem naming the views it has', async () => {
    const { status, type, body } = await prosecutor('GET', '/api/hotspots?view=tiles');
    expect(status).toBe(400);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.errors).toEqual([
      expect.objectContaining({ field: 'view', code: 'not_one_of', params: { values: 'full, map' } }),
    ]);
  });
});
