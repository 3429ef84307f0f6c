import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { freshDatabase, testTargets, type TestDatabase } from '@oshaq/db/testing';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { reader } from './cache-support.js';
import { api, type Json } from './http.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const LIST = '/api/hotspots?limit=1000';
const statusOf = (list: Json, id: string) => (list.features as Json[]).find((f) => f.id === id)?.properties.status;

/**
 * Two real API processes on one server database, each with its own memory: what one writes, the
 * other answers at once, though it held the old answer in its cache. (An embedded database belongs
 * to one process, so this runs on the server only.)
 */
describe.skipIf(!testTargets().includes('server'))('the read cache across two API processes', () => {
  let db: TestDatabase;
  let first: ServerProcess | undefined;
  let second: ServerProcess | undefined;
  let who: Record<'viewer' | 'akimat' | 'prosecutor' | 'admin', TestAccount>;

  beforeAll(async () => {
    db = await freshDatabase('server');
    await seedDemo(db.knex, '2026-11-23');
    who = await createRoleAccounts(db.knex);
    // One after the other: both would otherwise run the start-up checks on the database at once.
    first = await startServerProcess({ DATABASE_URL: db.url ?? '', CACHE_DEBUG_HEADER: 'on' });
    second = await startServerProcess({ DATABASE_URL: db.url ?? '', CACHE_DEBUG_HEADER: 'on' });
  }, 180_000);
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await db?.close();
  });

  it('shows a write through one process at once through the other, which had the old answer cached', async () => {
    const [a, b] = [first as ServerProcess, second as ServerProcess];
    const readA = reader(a.url);
    const readB = reader(b.url);
    /** Reads twice through B: the second answer must come from B's cache. */
    const cachedInB = async (path: string) => {
      await readB(who.viewer, path);
      const again = await readB(who.viewer, path);
      expect(again.xCache, path).toBe('hit');
      return again;
    };

    const statsBefore = await cachedInB('/api/stats');
    await cachedInB(LIST);
    const created = await api(a.url, who.prosecutor.token)('POST', '/api/hotspots', {
      ...{ title: 'Мектеп жылусыз қалды', category: 'utilities', severity: 'high', geometry: point(68.26, 43.3) },
      agency: 'housing_utilities',
      due_on: '2027-06-30',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const statsAfter = await readB(who.viewer, '/api/stats');
    expect(statsAfter.xCache).toBe('miss');
    expect(statsAfter.body.entered).toBe(statsBefore.body.entered + 1);
    // B's browser revalidates with the tag it had: not "unchanged" any more.
    const revalidated = await readB(who.viewer, '/api/stats', { 'If-None-Match': statsBefore.etag as string });
    expect(revalidated.status).toBe(200);
    expect(statusOf((await readB(who.viewer, LIST)).body, id)).toBe('registered');

    await cachedInB(LIST);
    const started = await api(a.url, who.prosecutor.token)('POST', `/api/hotspots/${id}/transitions`, {
      to: 'in_progress',
    });
    expect(started.status).toBe(200);
    expect(statusOf((await readB(who.viewer, LIST)).body, id)).toBe('in_progress');

    await cachedInB('/api/categories');
    const renamed = await api(a.url, who.admin.token)(
      'PATCH',
      '/api/categories/utilities',
      { name_ru: 'ЖКХ и водоснабжение' },
      { 'If-Match': '*' },
    );
    expect(renamed.status).toBe(200);
    const categories = (await readB(who.viewer, '/api/categories')).body as Json[];
    expect(categories.find((c) => c.code === 'utilities').name_ru).toBe('ЖКХ и водоснабжение');

    // And the other way round: B writes, A (which cached the list) sees it.
    await readA(who.viewer, LIST);
    expect((await readA(who.viewer, LIST)).xCache).toBe('hit');
    const resolved = await api(b.url, who.prosecutor.token)('POST', `/api/hotspots/${id}/transitions`, {
      to: 'resolved',
      note: 'Қазандық жөнделді',
    });
    expect(resolved.status).toBe(200);
    expect(statusOf((await readA(who.viewer, LIST)).body, id)).toBe('resolved');
  });

  it('gives the same tag for the same data in both processes, so a client moved between them gets 304', async () => {
    // Behind a load balancer both processes see the same Host; fetch cannot set it, node:http can.
    const get = (base: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; etag: string }>((resolve, reject) => {
        const url = new URL('/api/stats?severity=high', base);
        const headersSent = { Host: 'oshaq.example.kz', Authorization: `Bearer ${who.viewer.token}`, ...headers };
        request(url, { headers: headersSent }, (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, etag: String(response.headers.etag) }));
        })
          .on('error', reject)
          .end();
      });
    const fromA = await get((first as ServerProcess).url);
    expect(fromA.status).toBe(200);
    const fromB = await get((second as ServerProcess).url, { 'If-None-Match': fromA.etag });
    expect(fromB).toEqual({ status: 304, etag: fromA.etag });
  });
});
