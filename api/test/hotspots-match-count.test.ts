import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { MATCH_COUNT_LIMIT } from '../src/contract/hotspots.js';
import { startApp, type RunningApp } from './support.js';
import { createAccount } from './accounts.js';
import { api } from './http.js';

const TODAY = '2026-11-23';
/** Just over the counting limit, so "more than N" is the only honest answer without count=exact. */
const MANY = MATCH_COUNT_LIMIT + 7;

/*
 * A search for a common word must not count tens of thousands of matches on every keystroke: the
 * list counts up to MATCH_COUNT_LIMIT and then says only "more than" (OGC API – Features lets a
 * server leave numberMatched out when it does not know it). Under the limit the count is exact.
 */
describeOnEachDatabase('how the hotspot list counts its matches', (db) => {
  let app: RunningApp;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    const knex = db().knex;
    await seedDemo(knex, TODAY);
    // Many hotspots sharing one word, written in one statement (the trigger numbers and places them).
    await knex.raw(
      `INSERT INTO hotspots (title, description, category_id, severity, geom, registered_on, created_by, updated_by)
       SELECT 'Көпір жөндеуі ' || n, 'санақ сынағы', (SELECT min(id) FROM categories), 'low',
              ST_SetSRID(ST_MakePoint(68.2 + n * 0.00001, 43.3), 4326), DATE '2026-10-01', 'test', 'test'
       FROM generate_series(1, ?) AS n`,
      [MANY],
    );
    const prosecutor = await createAccount(knex, 'prosecutor', 'prokuror-count');
    app = await startApp(db(), { timeZone: 'UTC' });
    call = api(app.url, prosecutor.token);
  });
  afterAll(() => app.close());

  it('answers "more than the limit" instead of an exact count when more match', async () => {
    const { status, body } = await call('GET', `/api/hotspots?q=${encodeURIComponent('санақ сынағы')}&limit=5`);
    expect(status).toBe(200);
    expect(body.numberMatched).toBeUndefined();
    expect(body.numberMatchedMoreThan).toBe(MATCH_COUNT_LIMIT);
    expect(body.numberReturned).toBe(5);
    expect(body.links.some((link: { rel: string }) => link.rel === 'next')).toBe(true);
  });

  it('counts exactly when asked with count=exact', async () => {
    const { body } = await call('GET', `/api/hotspots?q=${encodeURIComponent('санақ сынағы')}&limit=5&count=exact`);
    expect(body.numberMatched).toBe(MANY);
    expect(body.numberMatchedMoreThan).toBeUndefined();
  });

  it('counts exactly under the limit, with the filters applied', async () => {
    const { body } = await call('GET', `/api/hotspots?q=${encodeURIComponent('көпір жөндеуі 10')}&limit=5`);
    // "… 10", "… 100"–"… 109", "… 1000"–"… 1007" (MANY is 1007): 1 + 10 + 8.
    expect(body.numberMatched).toBe(19);
    expect(body.numberMatchedMoreThan).toBeUndefined();
    const demo = await call('GET', `/api/hotspots?q=${encodeURIComponent('Шұқырсай')}`);
    const [row] = await db()
      .knex('hotspots')
      .whereNull('deleted_at')
      .whereRaw(`kk_fold(title || ' ' || description) LIKE kk_fold('%Шұқырсай%')`)
      .count({ n: '*' });
    expect(demo.body.numberMatched).toBe(Number(row?.n));
  });

  it('counts exactly at the limit itself: "more than" only when more match', async () => {
    await db().knex.raw(
      `UPDATE hotspots SET deleted_at = now(), deleted_by = 'test', deleted_reason = 'other'
       WHERE id IN (SELECT id FROM hotspots WHERE description = 'санақ сынағы' ORDER BY reference DESC LIMIT ?)`,
      [MANY - MATCH_COUNT_LIMIT],
    );
    const atLimit = await call('GET', `/api/hotspots?q=${encodeURIComponent('санақ сынағы')}&limit=1`);
    expect(atLimit.body.numberMatched).toBe(MATCH_COUNT_LIMIT);
    expect(atLimit.body.numberMatchedMoreThan).toBeUndefined();
  });

  it('refuses a count mode it does not know with a 400', async () => {
    const { status, body } = await call('GET', '/api/hotspots?count=roughly');
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('count');
  });
});
