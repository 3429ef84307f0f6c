import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { MATCH_COUNT_LIMIT } from '../src/contract/hotspots.js';
import { startApp, type RunningApp } from './support.js';
import { createAccount } from './accounts.js';
import { api, type Json } from './http.js';

const TODAY = '2026-11-23';
/** Just over the counting limit: beyond it the only honest count without reading them all is none. */
const MANY = MATCH_COUNT_LIMIT + 7;
/** A strip away from the demo city, so a box over it holds only the hotspots written here. */
const STRIP = '69.99,43.99,70.2,44.01';
const nextOf = (body: Json): string | undefined => (body.links as Json[]).find((l) => l.rel === 'next')?.href;

/*
 * A GIS client pages through a layer page by page: counting every match exactly on each page reads
 * the whole layer each time. The items count goes up to MATCH_COUNT_LIMIT, as the hotspot list's,
 * and beyond it numberMatched is left out (OGC API – Features allows it); paging is unchanged.
 */
describeOnEachDatabase('how the OGC items count their matches', (db) => {
  let app: RunningApp;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    const knex = db().knex;
    await seedDemo(knex, TODAY);
    // Written in one statement, one every 0.0001° of longitude from 70.0 along latitude 44.
    await knex.raw(
      `INSERT INTO hotspots (title, description, category_id, severity, geom, registered_on, created_by, updated_by)
       SELECT 'OGC санағы ' || n, 'санақ', (SELECT min(id) FROM categories), 'low',
              ST_SetSRID(ST_MakePoint(70 + n * 0.0001, 44), 4326),
              CASE WHEN n <= 30 THEN DATE '2026-02-01' ELSE DATE '2026-10-01' END, 'test', 'test'
       FROM generate_series(1, ?) AS n`,
      [MANY],
    );
    const viewer = await createAccount(knex, 'prosecutor', 'prokuror-ogc-count');
    app = await startApp(db(), { timeZone: 'UTC' });
    call = api(app.url, viewer.token);
  });
  afterAll(() => app.close());

  it('leaves numberMatched out when more than the limit match, and still pages through all of them', async () => {
    const seen: string[] = [];
    let url: string | undefined = `/ogc/collections/hotspots/items?bbox=${STRIP}&limit=${MATCH_COUNT_LIMIT}`;
    let pages = 0;
    while (url) {
      const { status, body } = await call('GET', url);
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body).not.toHaveProperty('numberMatched');
      expect(body.numberReturned).toBe(body.features.length);
      seen.push(...(body.features as Json[]).map((f) => String(f.id)));
      url = nextOf(body);
      pages += 1;
      expect(pages).toBeLessThan(5);
    }
    expect(pages).toBe(2);
    expect(seen.length).toBe(MANY);
    expect(new Set(seen).size).toBe(MANY);
  });

  it('counts exactly under the limit, with the box and the dates applied', async () => {
    // Points 1…25 lie at 70.0001…70.0025: a box to 70.00255 holds exactly them.
    const boxed = await call('GET', '/ogc/collections/hotspots/items?bbox=69.99,43.99,70.00255,44.01&limit=10');
    expect(boxed.status).toBe(200);
    expect(boxed.body.numberMatched).toBe(25);
    expect(boxed.body.numberReturned).toBe(10);
    expect(nextOf(boxed.body)).toBeDefined();
    const dated = await call('GET', `/ogc/collections/hotspots/items?bbox=${STRIP}&datetime=2026-01-01/2026-03-01`);
    expect(dated.body.numberMatched).toBe(30);
    const [row] = await db().knex('areas').count({ n: '*' });
    const areas = await call('GET', '/ogc/collections/areas/items?limit=3');
    expect(areas.body.numberMatched).toBe(Number(row?.n));
  });

  it('counts exactly at the limit itself: left out only when more match', async () => {
    await db().knex.raw(
      `UPDATE hotspots SET deleted_at = now(), deleted_by = 'test', deleted_reason = 'other'
       WHERE id IN (SELECT id FROM hotspots WHERE title LIKE 'OGC санағы %' ORDER BY reference DESC LIMIT ?)`,
      [MANY - MATCH_COUNT_LIMIT],
    );
    const { body } = await call('GET', `/ogc/collections/hotspots/items?bbox=${STRIP}&limit=1`);
    expect(body.numberMatched).toBe(MATCH_COUNT_LIMIT);
    expect(body.numberReturned).toBe(1);
  });
});
