import type { AddressInfo } from 'node:net';
import { request as httpRequest, type Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { notFound, problemHandler } from '../src/http/problem.js';
import { ogcRoutes } from '../src/ogc/routes.js';
import { api, type Json } from './http.js';
import { signedInAs } from './test-auth.js';
import { createAccount } from './accounts.js';
import { startApp, type RunningApp } from './support.js';

const CORE = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core';
const GEOJSON_CLASS = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const TURKESTAN = '68.2,43.25,68.35,43.35';

const linkTo = (body: Json, rel: string): string | undefined => (body.links as Json[]).find((l) => l.rel === rel)?.href;

describeOnEachDatabase('OGC API – Features', (db) => {
  let server: Server;
  let base: string;
  let call: ReturnType<typeof api>;

  /** Follows `next` links from a first page to the end, the way QGIS and GDAL read a layer. */
  async function readAll(first: string, via: 'next' | 'prev' = 'next') {
    const pages: Json[] = [];
    let url: string | undefined = first;
    while (url) {
      const page = await call('GET', url);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.type).toMatch(/^application\/geo\+json/);
      expect(page.body.numberReturned).toBe(page.body.features.length);
      pages.push(page.body);
      url = linkTo(page.body, via);
      expect(pages.length).toBeLessThan(200);
    }
    const ids = pages.flatMap((p) => (p.features as Json[]).map((f) => String(f.id)));
    return { pages, ids };
  }

  const liveHotspots = async (where = 'TRUE', bindings: string[] = []) =>
    (
      await db().knex.raw<{ rows: { id: string }[] }>(
        `SELECT id FROM hotspots WHERE deleted_at IS NULL AND (${where})`,
        bindings,
      )
    ).rows.map((r) => r.id);
  const allAreas = async (where = 'TRUE', bindings: string[] = []) =>
    (await db().knex.raw<{ rows: { id: number }[] }>(`SELECT id FROM areas WHERE ${where}`, bindings)).rows.map((r) =>
      String(r.id),
    );
  const sorted = (ids: string[]) => [...ids].sort();

  beforeAll(async () => {
    const knex = db().knex;
    await seedDemo(knex, '2026-11-23');
    // More hotspots, some on the edges of the date ranges the tests ask for, some deleted, some confidential.
    const category = await knex('categories').where({ code: 'other' }).first('id');
    await knex.raw(
      `INSERT INTO hotspots (title, category_id, severity, geom, registered_on, confidential, created_by, updated_by)
       SELECT 'Сынақ ' || i, ?, 'low', ST_SetSRID(ST_MakePoint(68.2 + (i % 10) * 0.015, 43.26 + (i / 10) * 0.02), 4326),
              (ARRAY[DATE '2025-12-31', DATE '2026-01-01', DATE '2026-03-01', DATE '2026-06-30', DATE '2026-07-01'])[i % 5 + 1],
              i % 7 = 0, 'test', 'test'
       FROM generate_series(0, 39) AS i`,
      [category.id],
    );
    await knex.raw(
      `UPDATE hotspots SET deleted_at = now(), deleted_by = 'test'
       WHERE id IN (SELECT id FROM hotspots WHERE title LIKE 'Сынақ %' ORDER BY title LIMIT 6)`,
    );
    // Small settlements, and a triangle whose envelope reaches further than its outline.
    await knex.raw(
      `INSERT INTO areas (level, code, name_kk, name_ru, name_en, geom)
       SELECT 'settlement', 'test_' || i, 'Ауыл ' || i, 'Село ' || i, 'Village ' || i,
              ST_Multi(ST_MakeEnvelope(69 + i * 0.1, 42, 69.05 + i * 0.1, 42.05, 4326))
       FROM generate_series(0, 7) AS i`,
    );
    await knex.raw(
      `INSERT INTO areas (level, code, name_kk, name_ru, name_en, geom)
       VALUES ('settlement', 'test_triangle', 'Үшбұрыш', 'Треугольник', 'Triangle',
               ST_Multi(ST_GeomFromText('POLYGON((70 40, 71 40, 70 41, 70 40))', 4326)))`,
    );
    const app = express();
    app.use(await signedInAs(knex, 'prosecutor'));
    app.use(
      '/ogc',
      ogcRoutes(db(), () => '2026-11-23'),
    );
    app.use(notFound);
    app.use(problemHandler(() => {}));
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    call = api(base);
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it('leads a GIS client from the landing page to every hotspot and every area, each exactly once', async () => {
    const landing = await call('GET', '/ogc');
    expect(landing.status).toBe(200);
    expect(landing.type).toMatch(/^application\/json/);
    for (const l of landing.body.links as Json[]) expect(l.href.startsWith(`${base}/`)).toBe(true);
    expect(linkTo(landing.body, 'service-desc')).toBe(`${base}/api/openapi.json`);
    const conformance = await call('GET', linkTo(landing.body, 'conformance')!);
    expect(conformance.body.conformsTo).toEqual(expect.arrayContaining([CORE, GEOJSON_CLASS]));

    const collections = await call('GET', linkTo(landing.body, 'data')!);
    expect(collections.type).toMatch(/^application\/json/);
    const listed = collections.body.collections as Json[];
    expect(listed.map((c) => c.id).sort()).toEqual(['areas', 'hotspots']);

    const expected = { hotspots: await liveHotspots(), areas: await allAreas() };
    for (const summary of listed) {
      const collection = await call('GET', linkTo(summary, 'self')!);
      expect(collection.status).toBe(200);
      expect(collection.body).toMatchObject({ id: summary.id, itemType: 'feature', crs: [CRS84] });
      const items = linkTo(collection.body, 'items')!;
      const want = expected[summary.id as 'hotspots' | 'areas'];
      expect((await call('GET', items)).body.numberReturned).toBe(Math.min(10, want.length));
      const { pages, ids } = await readAll(`${items}?limit=5`);
      expect(pages.length).toBe(Math.ceil(want.length / 5));
      expect(new Set(ids).size).toBe(ids.length);
      expect(sorted(ids)).toEqual(sorted(want));
      for (const page of pages) expect(page.numberMatched).toBe(want.length);
      expect(Date.parse(pages[0].timeStamp)).not.toBeNaN();

      // Back from the last page by `prev` links: the same pages in reverse.
      const lastPage = pages[pages.length - 1];
      const back = await readAll(linkTo(lastPage, 'self')!, 'prev');
      expect(back.pages.map((p) => p.features.map((f: Json) => f.id))).toEqual(
        pages.map((p) => p.features.map((f: Json) => f.id)).reverse(),
      );
    }
  });

  it('gives each collection an extent that holds its features and no more', async () => {
    for (const [id, table, where] of [
      ['hotspots', 'hotspots', 'deleted_at IS NULL'],
      ['areas', 'areas', 'TRUE'],
    ] as const) {
      const { body } = await call('GET', `/ogc/collections/${id}`);
      const [minX, minY, maxX, maxY] = body.extent.spatial.bbox[0] as [number, number, number, number];
      const { rows } = await db().knex.raw(
        `SELECT min(ST_XMin(geom)) AS x0, min(ST_YMin(geom)) AS y0, max(ST_XMax(geom)) AS x1, max(ST_YMax(geom)) AS y1
         FROM ${table} WHERE ${where}`,
      );
      const truth = rows[0];
      expect(minX).toBeLessThanOrEqual(truth.x0);
      expect(minY).toBeLessThanOrEqual(truth.y0);
      expect(maxX).toBeGreaterThanOrEqual(truth.x1);
      expect(maxY).toBeGreaterThanOrEqual(truth.y1);
      expect(Math.max(truth.x0 - minX, truth.y0 - minY, maxX - truth.x1, maxY - truth.y1)).toBeLessThan(1e-4);
    }
    const { body } = await call('GET', '/ogc/collections/hotspots');
    const { rows } = await db().knex.raw(
      'SELECT min(registered_on)::text AS first, max(registered_on)::text AS last FROM hotspots WHERE deleted_at IS NULL',
    );
    const [start, end] = body.extent.temporal.interval[0] as string[];
    expect([start!.slice(0, 10), end!.slice(0, 10)]).toEqual([rows[0].first, rows[0].last]);
  });

  it('selects by bbox exactly the features whose geometry meets the box', async () => {
    const envelope = (box: string) => `ST_Intersects(geom, ST_MakeEnvelope(${box}, 4326))`;
    const west = '68.2,43.25,68.26,43.35';
    const want = await liveHotspots(envelope(west));
    const all = await liveHotspots();
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(all.length);
    const got = await readAll(`/ogc/collections/hotspots/items?bbox=${west}&limit=7`);
    expect(sorted(got.ids)).toEqual(sorted(want));
    expect(got.pages[0].numberMatched).toBe(want.length);

    // Inside the triangle's envelope but outside the triangle: not selected.
    const corner = '70.8,40.8,70.9,40.9';
    const areas = await readAll(`/ogc/collections/areas/items?bbox=${corner}`);
    expect(sorted(areas.ids)).toEqual(sorted(await allAreas(envelope(corner))));
    const villages = '69.09,42.01,69.21,42.02';
    const some = await readAll(`/ogc/collections/areas/items?bbox=${villages}`);
    expect(some.ids.length).toBeGreaterThan(0);
    expect(sorted(some.ids)).toEqual(sorted(await allAreas(envelope(villages))));
  });

  it('selects by datetime on the registration date, with both ends of an interval included', async () => {
    const cases: [string, string, string[]][] = [
      ['2026-03-01', 'registered_on = ?', ['2026-03-01']],
      ['2026-03-01T23:30:00Z', 'registered_on = ?', ['2026-03-01']],
      ['2026-01-01/2026-06-30', 'registered_on BETWEEN ? AND ?', ['2026-01-01', '2026-06-30']],
      ['../2026-06-30', 'registered_on <= ?', ['2026-06-30']],
      ['2026-01-01/..', 'registered_on >= ?', ['2026-01-01']],
      ['2026-01-01T00:00:00Z/2026-06-30T08:00:00+05:00', 'registered_on BETWEEN ? AND ?', ['2026-01-01', '2026-06-30']],
    ];
    for (const [datetime, where, bindings] of cases) {
      const want = await liveHotspots(where, bindings);
      const got = await readAll(`/ogc/collections/hotspots/items?limit=1000&datetime=${encodeURIComponent(datetime)}`);
      expect(sorted(got.ids), datetime).toEqual(sorted(want));
      expect(want.length, datetime).toBeGreaterThan(0);
    }
    const both = await readAll(`/ogc/collections/hotspots/items?bbox=${TURKESTAN}&datetime=2026-07-01/..&limit=3`);
    const want = await liveHotspots(
      `registered_on >= '2026-07-01' AND ST_Intersects(geom, ST_MakeEnvelope(${TURKESTAN}, 4326))`,
    );
    expect(sorted(both.ids)).toEqual(sorted(want));
  });

  it('refuses bad parameters with a problem naming the parameter, and never clamps', async () => {
    const cases: [string, string, string?][] = [
      ['/ogc/collections/hotspots/items?limit=0', 'limit'],
      ['/ogc/collections/hotspots/items?limit=1001', 'limit'],
      ['/ogc/collections/hotspots/items?limit=2.5', 'limit'],
      ['/ogc/collections/hotspots/items?limit=ten', 'limit'],
      ['/ogc/collections/areas/items?limit=-1', 'limit'],
      ['/ogc/collections/hotspots/items?bbox=68,43,69', 'bbox'],
      ['/ogc/collections/hotspots/items?bbox=69,43,68,44', 'bbox'],
      ['/ogc/collections/hotspots/items?datetime=yesterday', 'datetime'],
      ['/ogc/collections/hotspots/items?datetime=2026-02-30', 'datetime'],
      ['/ogc/collections/hotspots/items?datetime=0000-01-01', 'datetime', '1900'],
      ['/ogc/collections/hotspots/items?datetime=../2200-01-01T00:00:00Z', 'datetime', '2199'],
      ['/ogc/collections/hotspots/items?datetime=2026-03-01T10:00:00', 'datetime'],
      ['/ogc/collections/hotspots/items?datetime=../..', 'datetime'],
      ['/ogc/collections/hotspots/items?datetime=2026-07-01/2026-01-01', 'datetime'],
      ['/ogc/collections/areas/items?datetime=2026-01-01', 'datetime', 'no date'],
      ['/ogc/collections/hotspots/items?limit=5&limit=6', 'limit', 'once'],
      [`/ogc/collections/hotspots/items?bbox=${TURKESTAN}&bbox=${TURKESTAN}`, 'bbox', 'once'],
      ['/ogc/collections/hotspots/items?cursor=bm9wZQ', 'cursor'],
      ['/ogc/collections/hotspots/items?status=resolved', 'status'],
      ['/ogc/collections?f=html', 'f'],
      ['/ogc?lang=kk', 'lang'],
    ];
    for (const [path, field, says] of cases) {
      const response = await call('GET', path);
      expect(response.status, path).toBe(400);
      expect(response.type, path).toMatch(/^application\/problem\+json/);
      expect(
        response.body.errors.map((e: Json) => e.field),
        path,
      ).toContain(field);
      expect(response.body.detail, path).toContain(field);
      if (says) expect(response.body.detail, path).toContain(says);
    }
  });

  it('answers 404 problems for unknown collections and features, deleted hotspots included', async () => {
    const deleted = await db().knex('hotspots').whereNotNull('deleted_at').first('id');
    const paths = [
      '/ogc/collections/roads',
      '/ogc/collections/roads/items',
      '/ogc/collections/hotspots/items/00000000-0000-4000-8000-000000000000',
      `/ogc/collections/hotspots/items/${deleted.id}`,
      '/ogc/collections/hotspots/items/not-a-uuid',
      '/ogc/collections/areas/items/0',
      '/ogc/collections/areas/items/99999999999',
      '/ogc/nowhere',
    ];
    for (const path of paths) {
      const response = await call('GET', path);
      expect(response.status, path).toBe(404);
      expect(response.type, path).toMatch(/^application\/problem\+json/);
    }
  });

  it('serves one feature as the collection lists it, with links to itself and its collection', async () => {
    for (const id of ['hotspots', 'areas']) {
      const page = await call('GET', `/ogc/collections/${id}/items?limit=3`);
      for (const listed of page.body.features as Json[]) {
        const one = await call('GET', `/ogc/collections/${id}/items/${listed.id}`);
        expect(one.status).toBe(200);
        expect(one.type).toMatch(/^application\/geo\+json/);
        const { links, ...feature } = one.body;
        expect(feature).toEqual(listed);
        expect(linkTo(one.body, 'self')).toBe(`${base}/ogc/collections/${id}/items/${listed.id}`);
        expect(linkTo(one.body, 'collection')).toBe(`${base}/ogc/collections/${id}`);
        expect(links).toHaveLength(2);
      }
    }
  });

  it('keeps every other hotspot exactly once when one is deleted while a client pages through', async () => {
    const first = await call('GET', '/ogc/collections/hotspots/items?limit=5');
    const seen = (first.body.features as Json[]).map((f) => String(f.id));
    await db().knex('hotspots').where({ id: seen[1] }).update({ deleted_at: new Date(), deleted_by: 'test' });
    const rest = await readAll(linkTo(first.body, 'next')!);
    const ids = [...seen, ...rest.ids];
    expect(new Set(ids).size).toBe(ids.length);
    expect(sorted(ids.filter((id) => id !== seen[1]))).toEqual(sorted(await liveHotspots()));
  });
});

describeOnEachDatabase('OGC links behind a proxy and a hostile Host header', (db) => {
  let token: string;
  let behindProxy: RunningApp;
  let published: RunningApp;
  beforeAll(async () => {
    token = (await createAccount(db().knex, 'viewer')).token;
    behindProxy = await startApp(db(), { trustProxy: ['loopback'] });
    published = await startApp(db(), { trustProxy: ['loopback'], publicUrl: 'https://gis.example.kz/oshaq' });
  });
  afterAll(async () => {
    await behindProxy.close();
    await published.close();
  });

  /** GET with headers fetch will not send as given (Host), answering the JSON body. */
  function get(
    app: RunningApp,
    path: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: Json }> {
    const url = new URL(path, app.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          headers: { Authorization: `Bearer ${token}`, ...headers },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
  const hrefs = (body: Json): string[] => (body.links as Json[]).map((l) => String(l.href));

  it('never reflects a scheme other than http or https, nor a Host that is not host[:port]', async () => {
    for (const [host, proto] of [
      ['evil.example"><script>', 'javascript'],
      ['x@evil.example', 'javascript:alert(1)//'],
      ['a b', 'data'],
    ] as const) {
      for (const path of ['/ogc', '/ogc/collections/hotspots/items?limit=1']) {
        const answer = await get(behindProxy, path, { Host: host, 'X-Forwarded-Proto': proto });
        expect(answer.status, `${host} ${path}`).toBe(200);
        for (const href of hrefs(answer.body)) {
          if (!href.startsWith('http://www.opengis.net')) expect(href).toMatch(/^http:\/\/localhost\//);
          expect(href).not.toContain('javascript');
          expect(href).not.toContain('evil');
        }
      }
    }
    // A trusted proxy's https is kept; an ordinary host:port is used as it is.
    const https = await get(behindProxy, '/ogc', { Host: 'gis.local:8443', 'X-Forwarded-Proto': 'https' });
    expect(hrefs(https.body).find((href) => href.includes('/ogc'))).toMatch(/^https:\/\/gis\.local:8443\/ogc/);
  });

  it('builds every link from PUBLIC_URL when it is set, whatever the request says', async () => {
    const answer = await get(published, '/ogc/collections/hotspots/items?limit=1', {
      Host: 'evil.example',
      'X-Forwarded-Proto': 'javascript',
    });
    expect(answer.status).toBe(200);
    const own = hrefs(answer.body).filter((href) => !href.startsWith('http://www.opengis.net'));
    expect(own.length).toBeGreaterThan(0);
    for (const href of own) expect(href).toMatch(/^https:\/\/gis\.example\.kz\/oshaq\/ogc\//);
    const landing = await get(published, '/ogc', { Host: 'evil.example' });
    expect(hrefs(landing.body)).toContain('https://gis.example.kz/oshaq/api/openapi.json');
  });
});
