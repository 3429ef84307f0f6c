import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import type { ReadCacheStats } from '../src/cache/read-cache.js';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { reader, touch, watchQueries } from './cache-support.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

const KAZAKHSTAN = '46,40,88,56';
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const ids = (collection: Json) => (collection.features as Json[]).map((feature) => feature.id as string);

describeOnEachDatabase('the read cache', (db) => {
  let app: RunningApp;
  let who: Record<'viewer' | 'akimat' | 'prosecutor' | 'admin', TestAccount>;
  let read: ReturnType<typeof reader>;
  let queries: ReturnType<typeof watchQueries>;
  let secrets: { id: string; title: string }[];
  const stats = () => app.express.locals.readCache.stats as ReadCacheStats;
  const leaks = (text: string) => secrets.filter((s) => text.includes(s.id) || text.includes(s.title));

  beforeAll(async () => {
    await seedDemo(db().knex, '2026-11-23');
    who = await createRoleAccounts(db().knex);
    app = await startApp(db(), { timeZone: 'UTC', cacheDebugHeader: true });
    read = reader(app.url);
    queries = watchQueries(db().knex);
    secrets = await db().knex('hotspots').where('confidential', true).select('id', 'title');
    expect(secrets.length).toBeGreaterThan(0);
  });
  afterAll(() => app.close());

  it('answers a repeated read from memory, running no query on the data', async () => {
    const area = await db().knex('areas').first('id');
    const paths = [
      '/api/hotspots?limit=1000',
      '/api/stats?registered_from=2026-01-01',
      `/api/hotspots/clusters?bbox=${KAZAKHSTAN}&zoom=6`,
      '/api/areas?simplify=0.01',
      `/api/areas/${area.id}`,
      '/api/categories',
      '/api/agencies',
    ];
    await touch(db().knex);
    for (const path of paths) {
      const hitsBefore = stats().hits;
      const first = await queries.during(() => read(who.viewer, path));
      expect(first.result).toMatchObject({ status: 200, xCache: 'miss', cacheControl: 'private, no-cache' });
      expect(first.data.length, path).toBeGreaterThan(0); // the watch sees the route's own query
      const second = await queries.during(() => read(who.viewer, path));
      expect(second.result).toMatchObject({ status: 200, xCache: 'hit', cacheControl: 'private, no-cache' });
      expect(second.result.text, path).toBe(first.result.text);
      expect(second.result.type, path).toBe(first.result.type);
      expect(second.result.etag, path).toBe(first.result.etag);
      expect(second.data, path).toEqual([]);
      expect(stats().hits).toBe(hitsBefore + 1);
    }
  });

  it('sends a large view compressed as the client prefers, from its miss on, and as it is to one that takes none', async () => {
    /** Raw HTTP, so the encoding on the wire is seen (fetch would undo it unseen). */
    const raw = (encoding: string | undefined) =>
      new Promise<{
        encoding: string | undefined;
        vary: string | undefined;
        etag: unknown;
        body: Buffer;
        xCache: unknown;
      }>((resolve, reject) => {
        const req = httpRequest(
          `${app.url}/api/hotspots?limit=1000&sort=title`,
          {
            headers: {
              Authorization: `Bearer ${who.viewer.token}`,
              ...(encoding === undefined ? {} : { 'Accept-Encoding': encoding }),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                encoding: res.headers['content-encoding'],
                vary: res.headers.vary,
                etag: res.headers.etag,
                body: Buffer.concat(chunks),
                xCache: res.headers['x-cache'],
              }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      });
    await touch(db().knex);
    // The miss itself goes out compressed (it used to go out plain until a copy was made).
    const first = await raw('gzip, deflate');
    expect(first).toMatchObject({ xCache: 'miss', encoding: 'gzip' });
    expect(first.vary).toMatch(/Accept-Encoding/i);
    const plain = await raw(undefined);
    expect(plain).toMatchObject({ xCache: 'hit', encoding: undefined, etag: first.etag });
    expect(plain.body.length).toBeGreaterThan(8 * 1024);
    expect(gunzipSync(first.body).equals(plain.body)).toBe(true);
    expect(first.body.length).toBeLessThan(plain.body.length / 3);
    // Brotli when the client takes it at least as gladly as gzip; gzip when it prefers gzip.
    const brotli = await raw('gzip, deflate, br');
    expect(brotli).toMatchObject({ xCache: 'hit', encoding: 'br', etag: first.etag });
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    expect(brotli.body.length).toBeLessThan(first.body.length);
    expect((await raw('br;q=0.5, gzip')).encoding).toBe('gzip');
    // The same kept bytes are sent to every later client that asks for them.
    expect((await raw('gzip')).body.equals(first.body)).toBe(true);
    const refused = await raw('identity');
    expect(refused).toMatchObject({ xCache: 'hit', encoding: undefined });
    expect(refused.body.equals(plain.body)).toBe(true);
  });

  it('answers 304 to a current If-None-Match without running the query, and in full once the data changed', async () => {
    const first = await read(who.viewer, '/api/stats');
    expect(first.etag).toMatch(/^W\/".+"$/);
    const etag = first.etag as string;
    for (const sent of [etag, `W/"something-else", ${etag}`, etag.replace(/^W\//, '')]) {
      const notModified = await queries.during(() => read(who.viewer, '/api/stats', { 'If-None-Match': sent }));
      expect(notModified.result).toMatchObject({ status: 304, text: '', xCache: 'hit', etag });
      expect(notModified.result.cacheControl).toBe('private, no-cache');
      expect(notModified.data).toEqual([]);
    }
    // A write that changes nothing in this answer: the query runs again, its bytes and tag are the same.
    await touch(db().knex);
    const same = await queries.during(() => read(who.viewer, '/api/stats', { 'If-None-Match': etag }));
    expect(same.result).toMatchObject({ status: 304, text: '', xCache: 'miss', etag });
    expect(same.data.length).toBeGreaterThan(0);
    const created = await api(app.url, who.prosecutor.token)('POST', '/api/hotspots', {
      ...{ title: 'Жарық сөнді', category: 'utilities', severity: 'low', geometry: point(68.25, 43.29) },
      agency: 'housing_utilities',
      due_on: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(created.status).toBe(201);
    const changed = await read(who.viewer, '/api/stats', { 'If-None-Match': etag });
    expect(changed).toMatchObject({ status: 200, xCache: 'miss' });
    expect(changed.etag).not.toBe(etag);
    expect(changed.body.entered).toBe(first.body.entered + 1);
  });

  it('keeps the tag and the 304 of a viewer through a write they cannot see, and moves it on one they can', async () => {
    const map = '/api/hotspots?view=map&limit=1000';
    await touch(db().knex);
    const first = await read(who.viewer, map);
    expect(first.status).toBe(200);
    const etag = first.etag as string;
    expect(await read(who.viewer, map, { 'If-None-Match': etag })).toMatchObject({ status: 304, etag });
    // A prosecutor comments on a confidential hotspot: the data version moves, the viewer's map does not.
    const version = async () => Number((await db().knex('data_version_now').first('version')).version);
    const versionBefore = await version();
    const hidden = await api(app.url, who.prosecutor.token)('POST', `/api/hotspots/${secrets[0]?.id}/comments`, {
      note: 'Тексеру жүргізілді',
    });
    expect(hidden.status).toBe(201);
    expect(await version()).toBeGreaterThan(versionBefore);
    expect(await read(who.viewer, map, { 'If-None-Match': etag })).toMatchObject({ status: 304, text: '', etag });
    const plain = await read(who.viewer, map);
    expect(plain).toMatchObject({ status: 200, etag, text: first.text });
    // A write the viewer does see (a public hotspot renamed) gives a new tag and the new body.
    const open = await db().knex('hotspots').where('confidential', false).first('id');
    await db().knex('hotspots').where({ id: open.id }).update({ title: 'Жол жөнделіп жатыр' });
    const moved = await read(who.viewer, map, { 'If-None-Match': etag });
    expect(moved.status).toBe(200);
    expect(moved.etag).not.toBe(etag);
    expect(moved.text).toContain('Жол жөнделіп жатыр');
  });

  it('says Vary: Accept-Encoding on a 304 as on the 200 it stands for', async () => {
    const raw = (headers: Record<string, string>) =>
      new Promise<{ status: number; vary: string | undefined; etag: string | undefined }>((resolve, reject) => {
        const options = { headers: { Authorization: `Bearer ${who.viewer.token}`, ...headers } };
        httpRequest(`${app.url}/api/hotspots?limit=1000&sort=title`, options, (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, vary: res.headers.vary, etag: res.headers.etag as string }),
          );
        })
          .on('error', reject)
          .end();
      });
    await touch(db().knex);
    const full = await raw({ 'Accept-Encoding': 'gzip' });
    expect(full.status).toBe(200);
    expect(full.vary).toMatch(/Accept-Encoding/i);
    const etag = full.etag as string;
    // From memory, and after a miss whose body came out the same.
    const fromMemory = await raw({ 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    await touch(db().knex);
    const afterMiss = await raw({ 'If-None-Match': etag });
    for (const reply of [fromMemory, afterMiss]) {
      expect(reply.status).toBe(304);
      expect(reply.vary).toMatch(/Accept-Encoding/i);
      expect(reply.etag).toBe(etag);
    }
  });

  it('shows each write at once: a new hotspot, a transition, a renamed category, a change made in SQL', async () => {
    const list = '/api/hotspots?limit=1000';
    const warm = async (path: string) => {
      await read(who.viewer, path);
      const again = await read(who.viewer, path);
      expect(again.xCache).toBe('hit');
      return again.body;
    };
    const statsBefore = await warm('/api/stats');
    await warm(list);
    const created = await api(app.url, who.prosecutor.token)('POST', '/api/hotspots', {
      ...{ title: 'Көпір жабылды', category: 'roads', severity: 'medium', geometry: point(68.27, 43.3) },
      agency: 'housing_utilities',
      due_on: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(created.status).toBe(201);
    const statsAfter = await read(who.viewer, '/api/stats');
    expect(statsAfter).toMatchObject({ status: 200, xCache: 'miss' });
    expect(statsAfter.body.entered).toBe(statsBefore.entered + 1);
    expect(ids((await read(who.viewer, list)).body)).toContain(created.body.id);

    await warm(list);
    const moved = await api(app.url, who.prosecutor.token)('POST', `/api/hotspots/${created.body.id}/transitions`, {
      to: 'in_progress',
    });
    expect(moved.status).toBe(200);
    const afterTransition = (await read(who.viewer, list)).body.features as Json[];
    expect(afterTransition.find((f) => f.id === created.body.id).properties.status).toBe('in_progress');

    await warm('/api/categories');
    const renamed = await api(app.url, who.admin.token)(
      'PATCH',
      '/api/categories/roads',
      { name_kk: 'Жолдар мен көпірлер' },
      { 'If-Match': '*' },
    );
    expect(renamed.status).toBe(200);
    const categories = (await read(who.viewer, '/api/categories')).body as Json[];
    expect(categories.find((c) => c.code === 'roads').name_kk).toBe('Жолдар мен көпірлер');

    // Writes that bypass the API (a script, psql) move the version too: it is kept by triggers.
    await warm(list);
    await db().knex('hotspots').where({ id: created.body.id }).update({ title: 'Көпір қайта ашылды' });
    const afterSql = (await read(who.viewer, list)).body.features as Json[];
    expect(afterSql.find((f) => f.id === created.body.id).properties.title).toBe('Көпір қайта ашылды');
  });

  it('never gives viewers or akimat staff an answer cached for the prosecutor, nor the other way round', async () => {
    const paths = [
      '/api/hotspots?limit=1000',
      '/api/stats?category=religious,interethnic',
      `/api/hotspots/clusters?bbox=${KAZAKHSTAN}&zoom=8`,
    ];
    await touch(db().knex);
    for (const path of paths) {
      const prosecutor = await read(who.prosecutor, path);
      expect((await read(who.prosecutor, path)).xCache, path).toBe('hit');
      const viewer = await read(who.viewer, path);
      expect(viewer.xCache, path).toBe('miss');
      expect(viewer.text, path).not.toBe(prosecutor.text);
      expect(viewer.etag, path).not.toBe(prosecutor.etag);
      expect(leaks(viewer.text), path).toEqual([]);
      // A browser shared by both still holds the prosecutor's tag: it must not validate the viewer's copy.
      const shared = await read(who.viewer, path, { 'If-None-Match': prosecutor.etag as string });
      expect(shared.status, path).toBe(200);
      expect(leaks(shared.text), path).toEqual([]);
      // Akimat staff see what viewers see in these answers, so they share the viewers' entries.
      const akimat = await read(who.akimat, path);
      expect(akimat, path).toMatchObject({ xCache: 'hit', text: viewer.text });
      const prosecutorAgain = await read(who.prosecutor, path);
      expect(prosecutorAgain, path).toMatchObject({ xCache: 'hit', text: prosecutor.text });
    }
    const list = await read(who.prosecutor, '/api/hotspots?limit=1000');
    expect(leaks(list.text)).toHaveLength(secrets.length);
    expect((await read(who.viewer, '/api/stats')).body.breakdowns_include_confidential).toBe(false);
    expect((await read(who.admin, '/api/stats')).body.breakdowns_include_confidential).toBe(true);
  });

  it('keeps different queries apart and shares one between the same parameters in another order', async () => {
    await touch(db().knex);
    const resolved = await read(who.viewer, '/api/hotspots?status=resolved&limit=1000');
    const registered = await read(who.viewer, '/api/hotspots?status=registered&limit=1000');
    expect(registered.xCache).toBe('miss');
    expect(resolved.body.features.length).toBeGreaterThan(0);
    expect(registered.body.features.length).toBeGreaterThan(0);
    for (const f of resolved.body.features as Json[]) expect(f.properties.status).toBe('resolved');
    for (const f of registered.body.features as Json[]) expect(f.properties.status).toBe('registered');

    const reordered = await read(who.viewer, '/api/hotspots?limit=1000&status=resolved');
    expect(reordered.xCache).toBe('hit');
    expect(ids(reordered.body)).toEqual(ids(resolved.body));

    const one = await read(who.viewer, '/api/stats?category=utilities');
    const two = await read(who.viewer, '/api/stats?category=utilities,roads');
    expect(two.xCache).toBe('miss');
    expect(two.body.entered).toBeGreaterThan(one.body.entered);
  });
});
