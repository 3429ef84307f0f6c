import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase, ownDatabase } from '@oshaq/db/testing';
import { startApp, type RunningApp } from './support.js';

describeOnEachDatabase('health and errors over HTTP', (db, kind) => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp(db());
  });
  afterAll(() => app.close());

  it('answers /healthz while the process is alive', async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('answers /readyz as ready when the database is reachable and migrated', async () => {
    const response = await fetch(`${app.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      database: { kind, database: 'reachable', pendingMigrations: [] },
    });
  });

  it('answers an unknown API path with a 404 problem+json that names the path', async () => {
    const response = await fetch(`${app.url}/api/no-such-thing?x=1`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      status: 404,
      title: 'Not Found',
      detail: 'There is nothing at GET /api/no-such-thing.',
    });
  });

  it('passes a sane X-Request-Id through and replaces a hostile one', async () => {
    const kept = await fetch(`${app.url}/healthz`, { headers: { 'X-Request-Id': 'meeting-42' } });
    expect(kept.headers.get('x-request-id')).toBe('meeting-42');
    const replaced = await fetch(`${app.url}/healthz`, { headers: { 'X-Request-Id': '<script>alert(1)</script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves a placeholder page in Kazakh when the web app has not been built', async () => {
    const response = await fetch(`${app.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Әлеуметтік шиеленіс ошақтарының картасы');
  });

  it('answers /readyz with 503 once the database is gone', async () => {
    const lost = await ownDatabase(kind);
    const lostApp = await startApp(lost);
    try {
      await lost.close();
      const response = await fetch(`${lostApp.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'not_ready', database: { database: 'unreachable' } });
    } finally {
      await lostApp.close();
    }
  });
});
