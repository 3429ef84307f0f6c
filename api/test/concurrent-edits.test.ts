import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase, freshDatabase, testTargets, type TestDatabase } from '@oshaq/db/testing';
import { createAccount, type TestAccount } from './accounts.js';
import {
  expectNoLostEdit,
  expectUnbrokenChain,
  minutesChanges,
  newHotspot,
  newMeeting,
  race,
} from './concurrent-edits-support.js';
import { api, type Json } from './http.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { startApp, type RunningApp } from './support.js';

const TODAY = '2026-11-23';

/**
 * Editors racing on one hotspot: every edit acknowledged with 200 is in the final record and in its
 * history, as one unbroken chain of changes; the others only ever got 412; and no read during the
 * race carried an ETag other than its body's version.
 */
async function hotspotRace(baseUrl: string, editor: TestAccount) {
  const created = await api(baseUrl, editor.token)('POST', '/api/hotspots', newHotspot);
  expect(created.status).toBe(201);
  const path = `/api/hotspots/${created.body.id}`;
  const outcome = await race(baseUrl, editor.token, {
    path,
    field: 'description',
    read: (body: Json) => ({ version: body.properties.version, text: body.properties.description }),
  });
  expectNoLostEdit(outcome);
  const final = await api(baseUrl, editor.token)('GET', path);
  const edits = (final.body.history as Json[]).filter((event) => event.kind === 'edited');
  expectUnbrokenChain(
    edits.map((event) => event.changes.description),
    outcome,
    newHotspot.description,
  );
  return outcome;
}

/**
 * The same for a meeting's minutes, while another writer keeps adding agenda items: each moves
 * the meeting's version, since the meeting's answer shows its agenda — so an ETag names one body.
 */
async function meetingRace(baseUrl: string, editor: TestAccount, knex: Knex) {
  const call = api(baseUrl, editor.token);
  const created = await call('POST', '/api/meetings', newMeeting(TODAY));
  expect(created.status).toBe(201);
  const id = created.body.id as number;
  let topics = 0;
  const outcome = await race(baseUrl, editor.token, {
    path: `/api/meetings/${id}`,
    field: 'minutes',
    read: (body: Json) => ({ version: body.version, text: body.minutes }),
    sideWrite: async () => {
      topics += 1;
      expect((await call('POST', `/api/meetings/${id}/agenda`, { topic: `Мәселе ${topics}` })).status).toBe(201);
    },
  });
  expectNoLostEdit(outcome);
  expectUnbrokenChain(await minutesChanges(knex, id), outcome, 'Хаттама');
  const final = await call('GET', `/api/meetings/${id}`);
  expect(final.body.agenda).toHaveLength(topics);
  return outcome;
}

describeOnEachDatabase('concurrent edits with If-Match, in one API process', (db) => {
  let app: RunningApp;
  let prosecutor: TestAccount;
  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    prosecutor = await createAccount(db().knex, 'prosecutor');
    app = await startApp(db(), { timeZone: 'UTC' });
  });
  afterAll(() => app?.close());

  it('loses no acknowledged edit of a hotspot, and every ETag read names its body’s version', async () => {
    const outcome = await hotspotRace(app.url, prosecutor);
    expect(outcome.reads).toBeGreaterThan(16);
  });

  it('loses no acknowledged edit of a meeting while its agenda changes, and every ETag read names its body', async () => {
    await meetingRace(app.url, prosecutor, db().knex);
  });
});

/** A port free now, for the workers to share (port 0 would be the primary's to choose). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** WORKERS=2: two API processes on one server database, requests spread over both. */
describe.skipIf(!testTargets().includes('server'))('concurrent edits with If-Match, WORKERS=2', () => {
  let db: TestDatabase;
  let server: ServerProcess | undefined;
  let prosecutor: TestAccount;

  beforeAll(async () => {
    db = await freshDatabase('server');
    await seedDemo(db.knex, TODAY);
    prosecutor = await createAccount(db.knex, 'prosecutor');
    const port = await freePort();
    server = await startServerProcess({ DATABASE_URL: db.url ?? '', WORKERS: '2', PORT: String(port) });
    // The first worker's line resolved the start; wait for the second one's.
    const deadline = Date.now() + 60_000;
    while ((server.output().match(/is running at/g) ?? []).length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((server.output().match(/is running at/g) ?? []).length).toBe(2);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await db?.close();
  });

  it('loses no acknowledged edit of a hotspot across two processes', async () => {
    await hotspotRace((server as ServerProcess).url, prosecutor);
  }, 60_000);

  it('loses no acknowledged edit of a meeting across two processes while its agenda changes', async () => {
    await meetingRace((server as ServerProcess).url, prosecutor, db.knex);
  }, 60_000);

  it('keeps the statistics and map cells equal to the rows under parallel writes of every kind across two processes', async () => {
    const admin = await createAccount(db.knex, 'admin', 'admin-workers-cells');
    const url = (server as ServerProcess).url;
    const call = api(url, admin.token);
    const live = (await db
      .knex('hotspots')
      .whereNull('deleted_at')
      .orderBy('reference')
      .limit(24)
      .pluck('id')) as string[];
    const version = async (id: string) => `"v${(await db.knex('hotspots').where({ id }).first('version')).version}"`;
    const at = (i: number) => ({ type: 'Point', coordinates: [68.2 + i * 0.013, 43.25 + (i % 5) * 0.011] });
    const file = (i: number) =>
      fetch(`${url}/api/imports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/geo+json', Authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({
          type: 'FeatureCollection',
          features: [0, 1, 2, 3].map((j) => ({
            type: 'Feature',
            geometry: at(i * 4 + j),
            properties: {
              title: 'Импорт',
              category: 'land',
              severity: 'low',
              registered_on: TODAY,
              external_ref: `w2-${i}-${j}`,
            },
          })),
        }),
      }).then((reply) => ({ status: reply.status }));
    // Deleted first, then restored while the rest runs: restores race with every other kind of write.
    const doomed = live.slice(20, 24);
    for (const id of doomed)
      expect((await call('DELETE', `/api/hotspots/${id}`, { reason: 'duplicate' })).status).toBe(204);
    const writes = [
      ...Array.from({ length: 8 }, (_, i) =>
        call('POST', '/api/hotspots', { ...newHotspot, confidential: i % 2 === 0, geometry: at(i) }),
      ),
      ...live
        .slice(0, 8)
        .map(async (id, i) =>
          call(
            'PATCH',
            `/api/hotspots/${id}`,
            { geometry: at(i + 8), severity: 'high' },
            { 'If-Match': await version(id) },
          ),
        ),
      ...live
        .slice(8, 16)
        .map((id, i) =>
          call('POST', `/api/hotspots/${id}/transitions`, { to: i % 2 ? 'dismissed' : 'in_progress', note: 'Қаралды' }),
        ),
      ...live.slice(16, 20).map((id) => call('DELETE', `/api/hotspots/${id}`, { reason: 'registered_in_error' })),
      ...doomed.map(async (id) =>
        call('POST', `/api/hotspots/${id}/restore`, undefined, { 'If-Match': await version(id) }),
      ),
      file(1),
      file(2),
    ];
    const statuses = (await Promise.all(writes)).map((reply) => reply.status);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    // Creates, moves, deletes, restores and imports cannot be refused here; a transition only by the workflow.
    const transitions = statuses.slice(16, 24);
    expect(
      [...statuses.slice(0, 16), ...statuses.slice(24)].every((status) => status < 300),
      String(statuses),
    ).toBe(true);
    expect(
      transitions.every((status) => status < 300 || status === 409),
      String(transitions),
    ).toBe(true);
    expect((await db.knex.raw('SELECT * FROM hotspot_cells_differences()')).rows).toEqual([]);
    expect((await db.knex.raw('SELECT * FROM hotspot_grid_differences()')).rows).toEqual([]);
  }, 120_000);
});
