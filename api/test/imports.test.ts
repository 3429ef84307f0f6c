import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { hotspotRoutes } from '../src/hotspots/routes.js';
import { buildOpenApi } from '../src/http/openapi.js';
import { problemHandler } from '../src/http/problem.js';
import { RouteTable } from '../src/http/route-table.js';
import { importRoutes } from '../src/imports/routes.js';
import { IMPORT_MAX_ROWS, IMPORT_PROBLEMS_LISTED } from '../src/imports/schema.js';
import { actorOf } from '../src/auth/middleware.js';
import type { Json } from './http.js';
import { signedInAs } from './test-auth.js';

const TODAY = '2026-11-23';

const square = (lon: number, lat: number, d = 0.01) => [
  [
    [lon, lat],
    [lon + d, lat],
    [lon + d, lat + d],
    [lon, lat + d],
    [lon, lat],
  ],
];
/** Two triangles touching at a point: PostGIS says "Self-intersection" and where. */
const bowtie = [
  [
    [68.2, 43.3],
    [68.21, 43.31],
    [68.21, 43.3],
    [68.2, 43.31],
    [68.2, 43.3],
  ],
];

const feature = (
  properties: Record<string, unknown>,
  geometry: unknown = { type: 'Point', coordinates: [68.26, 43.3] },
) => ({
  type: 'Feature',
  properties: { category: 'utilities', severity: 'high', ...properties },
  geometry,
});
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describeOnEachDatabase('hotspot import (POST /api/imports)', (db) => {
  let server: Server;
  let url: string;
  let table: RouteTable;

  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    table = new RouteTable('/api');
    const deps = { db: db(), today: () => TODAY, maxVertices: 5000, actorOf };
    importRoutes(table, deps);
    hotspotRoutes(table, deps);
    const withJurisdiction = new RouteTable('/api');
    importRoutes(withJurisdiction, { ...deps, jurisdiction: ['613900000'] });
    const app = express();
    app.use(await signedInAs(db().knex, 'prosecutor'));
    app.use('/api', table.router);
    app.use('/keles/api', withJurisdiction.router);
    app.use(problemHandler(() => {}));
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function send(body: string | Uint8Array, type: string, query = '', path = '/api/imports') {
    const response = await fetch(`${url}${path}${query}`, {
      method: 'POST',
      headers: { 'Content-Type': type },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: JSON.parse(text) as Json,
    };
  }
  const counts = async () => ({
    hotspots: Number((await db().knex('hotspots').count({ n: '*' }))[0]?.n),
    events: Number((await db().knex('hotspot_events').count({ n: '*' }))[0]?.n),
  });
  /** The hotspot with this external_ref as GET /api/hotspots lists it, following `next` links. */
  async function listed(ref: string): Promise<Json> {
    let next: string | undefined = `${url}/api/hotspots?limit=1000`;
    while (next) {
      const body = (await (await fetch(next)).json()) as Json;
      const found = (body.features as Json[]).find((f) => f.properties.external_ref === ref);
      if (found) return found;
      next = (body.links as Json[]).find((link) => link.rel === 'next')?.href;
    }
    return undefined;
  }

  it('imports a GeoJSON FeatureCollection past the app JSON parser, and the hotspots appear in the list', async () => {
    const file = collection(
      feature(
        { external_ref: 'geo-1', title: 'Шұқырсайда ауыз су жоқ', agency: 'housing_utilities', due_on: '2026-12-01' },
        { type: 'Point', coordinates: [68.26, 43.3] },
      ),
      feature(
        { external_ref: 'geo-2', title: 'Жер дауы', category: 'land', registered_on: '2026-10-01', confidential: true },
        { type: 'Polygon', coordinates: square(68.25, 43.29) },
      ),
      feature(
        { external_ref: 'geo-3', title: 'Екі учаске', description: null },
        { type: 'MultiPolygon', coordinates: [square(68.2, 43.2), square(68.3, 43.2)] },
      ),
    );
    const before = await counts();
    const { status, body } = await send(file, 'application/geo+json');
    expect(status).toBe(201);
    expect(body).toEqual({ dry_run: false, rows: 3, created: 3, unchanged: 0, problems: [], problems_total: 0 });
    expect(await counts()).toEqual({ hotspots: before.hotspots + 3, events: before.events + 3 });

    const first = await listed('geo-1');
    expect(first.properties).toMatchObject({
      title: 'Шұқырсайда ауыз су жоқ',
      category: 'utilities',
      agency: 'housing_utilities',
      registered_on: TODAY,
      due_on: '2026-12-01',
      confidential: false,
      created_by: expect.stringMatching(/^Test prosecutor \(/),
    });
    expect(first.geometry).toEqual({ type: 'Point', coordinates: [68.26, 43.3] });
    expect((await listed('geo-2')).properties).toMatchObject({ category: 'land', confidential: true });
    expect((await listed('geo-3')).geometry.type).toBe('MultiPolygon');
    const events = await db()
      .knex('hotspot_events as e')
      .join('hotspots as h', 'h.id', 'e.hotspot_id')
      .whereIn('h.external_ref', ['geo-1', 'geo-2', 'geo-3'])
      .select('e.kind', 'e.actor');
    expect(events).toEqual(Array(3).fill({ kind: 'created', actor: expect.stringMatching(/^Test prosecutor \(/) }));
  });

  it('reads application/json GeoJSON, which the app JSON parser has already parsed; a numbered external_ref is text', async () => {
    const { status, body } = await send(
      collection(feature({ external_ref: 'json-1', title: 'JSON' }), feature({ external_ref: 4711, title: 'Нөмір' })),
      'application/json',
    );
    expect(status).toBe(201);
    expect(body.created).toBe(2);
    expect((await listed('json-1')).properties.title).toBe('JSON');
    expect((await listed('4711')).properties.title).toBe('Нөмір');
  });

  it('imports CSV with a BOM, ; delimiter, decimal commas, Kazakh text and quoted fields holding ; " and line breaks', async () => {
    const csv =
      '\uFEFFexternal_ref;title;description;category;severity;agency;lon;lat;registered_on;confidential\r\n' +
      'csv-1;"Көше; жарық жоқ";"Тұрғындар: ""түнде қараңғы""\r\nекінші жол";roads;medium;akimat;68,27;43,31;2026-11-02;иә\r\n' +
      'csv-2;Жалақы қарызы;;labour;critical;;68.28;43.32;;\r\n';
    const { status, body } = await send(csv, 'text/csv; charset=utf-8');
    expect(status).toBe(201);
    expect(body).toMatchObject({ rows: 2, created: 2, problems: [] });
    const first = await listed('csv-1');
    expect(first.properties).toMatchObject({
      title: 'Көше; жарық жоқ',
      description: 'Тұрғындар: "түнде қараңғы"\r\nекінші жол',
      category: 'roads',
      agency: 'akimat',
      registered_on: '2026-11-02',
      confidential: true,
    });
    expect(first.geometry.coordinates).toEqual([68.27, 43.31]);
    expect((await listed('csv-2')).properties).toMatchObject({
      agency: null,
      registered_on: TODAY,
      confidential: false,
    });
  });

  it('imports CSV with WKT places (POINT, POLYGON, MULTIPOLYGON, EWKT) and a , delimiter', async () => {
    const csv = [
      'external_ref,title,category,severity,wkt',
      'wkt-1,Нүкте,other,low,POINT (68.29 43.33)',
      'wkt-2,Аумақ,other,low,"POLYGON ((68.2 43.2, 68.21 43.2, 68.21 43.21, 68.2 43.2))"',
      'wkt-3,Екі аумақ,other,low,"SRID=4326;multipolygon (((68.2 43.2, 68.21 43.2, 68.21 43.21, 68.2 43.2)), ((68.3 43.2, 68.31 43.2, 68.31 43.21, 68.3 43.2)))"',
    ].join('\n');
    const { status, body } = await send(csv, 'text/csv');
    expect(status).toBe(201);
    expect(body.created).toBe(3);
    expect((await listed('wkt-1')).geometry).toEqual({ type: 'Point', coordinates: [68.29, 43.33] });
    expect((await listed('wkt-2')).geometry.type).toBe('Polygon');
    expect((await listed('wkt-3')).geometry.coordinates).toHaveLength(2);
  });

  it('dry run reports every problem by row and field, and writes nothing', async () => {
    const file = collection(
      feature({ external_ref: 'dry-1', title: 'Дұрыс' }),
      feature({ external_ref: 'dry-2', title: 'Санат қате', category: 'utility' }),
      feature({ external_ref: 'dry-3', title: 'Сегіз' }, { type: 'Polygon', coordinates: bowtie }),
      feature({ external_ref: 'dry-4', severity: 'huge' }),
      feature({ external_ref: 'dry-5', title: 'Күн', registered_on: '2026-13-01' }),
      feature({ external_ref: 'dry-6', title: 'Болашақ', registered_on: '2027-01-05', due_on: '2027-01-01' }),
      feature({ title: 'Белгісіз', agency: 'nobody' }),
      feature({ external_ref: 'dry-1', title: 'Қайталау' }),
    );
    const before = await counts();
    const { status, body } = await send(file, 'application/geo+json', '?dry_run=true');
    expect(status).toBe(200);
    expect(body).toMatchObject({ dry_run: true, rows: 8, created: 0, unchanged: 0 });
    const fields = (body.problems as Json[]).map((p) => `${p.row}:${p.field}`);
    expect(fields).toEqual([
      '2:category',
      '3:geometry',
      '4:title',
      '4:severity',
      '5:registered_on',
      '6:registered_on',
      '6:due_on',
      '7:external_ref',
      '7:agency',
      '8:external_ref',
    ]);
    const message = (field: string) => (body.problems as Json[]).find((p) => `${p.row}:${p.field}` === field).message;
    expect(message('2:category')).toBe('has an unknown code: utility (see /api/categories)');
    expect(message('3:geometry')).toMatch(/^is not a valid polygon: Self-intersection\[68\.205 43\.305\]$/);
    expect(message('4:title')).toBe('is required');
    expect(message('5:registered_on')).toBe('must be a date written YYYY-MM-DD');
    expect(message('6:registered_on')).toBe(`must not be in the future (today is ${TODAY})`);
    expect(message('6:due_on')).toBe('must not be before registered_on');
    expect(message('8:external_ref')).toBe('repeats the external_ref of row 1: dry-1');
    expect(await counts()).toEqual(before);
  });

  it('numbers CSV problems by data row, with the line each row starts on', async () => {
    const csv =
      'external_ref,title,description,category,severity,lon,lat\n' +
      'l-1,"Бір","бірінші\nекінші\nүшінші",land,low,68.2,43.3\n' +
      '\n' +
      'l-2,Екі,,land,extreme,68.2,91\n' +
      'l-3,Үш,,land,low,шығыс,43.3\n' +
      'l-4,Төрт,land,low,68.2\n' +
      'l-5,Бес\u0000,,land,low,68.2,43.3\n';
    const { status, body } = await send(csv, 'text/csv', '?dry_run=true');
    expect(status).toBe(200);
    expect(body.problems).toEqual([
      // Each with a stable code and the values it names, which the web words in the person's language.
      {
        ...{ row: 2, line: 6, field: 'severity', message: 'must be one of low, medium, high, critical' },
        ...{ code: 'not_one_of', params: { values: 'low, medium, high, critical' } },
      },
      {
        ...{ row: 2, line: 6, field: 'lat', message: 'latitude 91 is outside -90..90 (GeoJSON is lon,lat)' },
        ...{ code: 'latitude_out_of_range', params: { value: 91 } },
      },
      {
        ...{ row: 3, line: 7, field: 'lon', message: 'must be a number in degrees, such as 68.26' },
        ...{ code: 'not_degrees', params: { example: '68.26' } },
      },
      {
        ...{
          row: 4,
          line: 8,
          field: 'row',
          message: expect.stringMatching(/^has 5 field\(s\) where the header has 7/),
        },
        ...{ code: 'field_count', params: { found: 5, expected: 7, delimiter: ',' } },
      },
      {
        ...{ row: 5, line: 9, field: 'title', message: 'must not contain the NUL character (U+0000)' },
        code: 'nul_character',
      },
    ]);
    const real = await send(csv, 'text/csv');
    expect(real.status).toBe(422);
    expect(real.body.problems).toEqual(body.problems);
  });

  it('refuses a real run with one bad row with 422 listing it, and writes nothing', async () => {
    const file = collection(
      feature({ external_ref: 'bad-1', title: 'Жақсы' }),
      feature({ external_ref: 'bad-2', title: 'Жаман' }, { type: 'Polygon', coordinates: bowtie }),
    );
    const before = await counts();
    const { status, type, body } = await send(file, 'application/geo+json');
    expect(status).toBe(422);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.detail).toMatch(/^1 of 2 row\(s\) have problems/);
    expect(body.problems).toEqual([
      {
        ...{ row: 2, field: 'geometry', message: expect.stringMatching(/^is not a valid polygon: Self-intersection/) },
        code: 'invalid_polygon',
      },
    ]);
    expect(await counts()).toEqual(before);
    expect(await listed('bad-1')).toBeUndefined();
  });

  it('creates nothing new when the same file is imported again', async () => {
    const csv =
      'external_ref,title,category,severity,lon,lat\nagain-1,Бір,land,low,68.2,43.3\nagain-2,Екі,land,low,68.21,43.3\n';
    const before = await counts();
    const dry = await send(csv, 'text/csv', '?dry_run=true');
    expect(dry.body).toEqual({ dry_run: true, rows: 2, created: 2, unchanged: 0, problems: [], problems_total: 0 });
    expect(await counts()).toEqual(before);
    expect((await send(csv, 'text/csv')).body.created).toBe(2);
    const after = await counts();
    expect((await send(csv, 'text/csv', '?dry_run=true')).body).toMatchObject({
      created: 0,
      unchanged: 2,
      problems: [],
    });
    const again = await send(csv, 'text/csv');
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ rows: 2, created: 0, unchanged: 2 });
    expect(await counts()).toEqual(after);
  });

  it('writes thousands of rows in batches, numbered per year in file order, each with its created event', async () => {
    const lines = ['external_ref;title;category;severity;registered_on;wkt'];
    for (let i = 0; i < 2500; i++) {
      const lon = 68 + (i % 50) / 100;
      const lat = 43 + Math.floor(i / 50) / 200;
      const place =
        i % 2
          ? `POINT (${lon} ${lat})`
          : `POLYGON ((${lon} ${lat}, ${lon + 0.001} ${lat}, ${lon} ${lat + 0.001}, ${lon} ${lat}))`;
      lines.push(`bulk-${i};Ошақ ${i};other;low;${i % 3 ? '' : '2025-06-01'};${place}`);
    }
    const before = await counts();
    const { status, body } = await send(lines.join('\n'), 'text/csv');
    expect(status).toBe(201);
    expect(body.created).toBe(2500);
    expect(await counts()).toEqual({ hotspots: before.hotspots + 2500, events: before.events + 2500 });
    for (const year of ['2025', '2026']) {
      const rows: { external_ref: string; reference: string }[] = await db()
        .knex('hotspots')
        .where('external_ref', 'like', 'bulk-%')
        .where('reference', 'like', `${year}-%`)
        .orderByRaw("lpad(reference, 16, '0')")
        .select('external_ref', 'reference');
      const inFile = Array.from({ length: 2500 }, (_, i) => i).filter((i) => (i % 3 === 0) === (year === '2025'));
      expect(rows.map((r) => r.external_ref)).toEqual(inFile.map((i) => `bulk-${i}`));
      // Consecutive numbers: a block reserved from the year's counter, with no gaps or repeats.
      const seqs = rows.map((r) => Number(r.reference.split('-')[1]));
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    }
    // The counter moved past the block: the next single registration gets a fresh number.
    const single = await fetch(`${url}/api/hotspots`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        title: 'Кейін',
        category: 'other',
        severity: 'low',
        geometry: { type: 'Point', coordinates: [68.2, 43.3] },
        agency: 'housing_utilities',
        due_on: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      }),
    });
    expect(single.status).toBe(201);
  });

  it('writes all rows or none: a refusal by the database in a later batch undoes the earlier ones', async () => {
    // A real refusal from the database itself, raised by a trigger this test adds for a moment.
    await db().knex.raw(`CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.title = 'boom' THEN RAISE EXCEPTION 'boom' USING ERRCODE = 'check_violation'; END IF;
        RETURN NEW;
      END $$`);
    await db().knex.raw(
      'CREATE TRIGGER refuse_boom BEFORE INSERT ON hotspots FOR EACH ROW EXECUTE FUNCTION refuse_boom()',
    );
    try {
      const lines = ['external_ref,title,category,severity,lon,lat'];
      for (let i = 0; i < 1500; i++) lines.push(`undo-${i},${i === 1400 ? 'boom' : 'ok'},other,low,68.2,43.3`);
      const before = await counts();
      const { status } = await send(lines.join('\n'), 'text/csv');
      expect(status).toBe(400);
      expect(await counts()).toEqual(before);
    } finally {
      await db().knex.raw('DROP TRIGGER refuse_boom ON hotspots');
      await db().knex.raw('DROP FUNCTION refuse_boom()');
    }
  });

  it('drops heights from coordinates, as the map is two-dimensional', async () => {
    const file = collection(
      feature({ external_ref: 'z-1', title: 'Биіктік' }, { type: 'Point', coordinates: [68.2, 43.3, 512] }),
    );
    expect((await send(file, 'application/geo+json')).status).toBe(201);
    expect((await listed('z-1')).geometry).toEqual({ type: 'Point', coordinates: [68.2, 43.3] });
  });

  it('checks the jurisdiction when the app has one', async () => {
    const file = collection(
      feature({ external_ref: 'far-1', title: 'Алыс' }, { type: 'Point', coordinates: [76.9, 43.2] }),
    );
    const { body } = await send(file, 'application/geo+json', '?dry_run=true', '/keles/api/imports');
    expect(body.problems).toEqual([
      {
        ...{
          row: 1,
          field: 'geometry',
          message: expect.stringMatching(/^lies outside the jurisdiction \(Келес ауданы/),
        },
        ...{ code: 'outside_jurisdiction', params: { kk: 'Келес ауданы', ru: expect.any(String) } },
      },
    ]);
  });

  it('accepts a GeoJSON file beyond the 2 MB JSON limit, and refuses one beyond 20 MB with 413', async () => {
    const long = 'ә'.repeat(9000);
    const big = collection(
      ...Array.from({ length: 150 }, (_, i) =>
        feature({ external_ref: `big-${i}`, title: 'Үлкен', description: long }),
      ),
    );
    expect(big.length * 2).toBeGreaterThan(2 * 1024 * 1024);
    const imported = await send(big, 'application/geo+json');
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ rows: 150, created: 150 });
    expect((await listed('big-149')).properties.description).toBe(long);
    const huge = await send(' '.repeat(20 * 1024 * 1024 + 1), 'application/geo+json');
    expect(huge.status).toBe(413);
    expect(huge.body.detail).toMatch(/larger than the 20 MB an import accepts/);
  });

  it('lists the first 1000 problems of a large bad file with the total, in a bounded answer, and writes nothing', async () => {
    // 50,000 rows, each with an unknown category and a latitude out of range: 100,000 problems.
    const lines = ['external_ref,title,category,severity,lon,lat'];
    for (let i = 0; i < 50_000; i++) lines.push(`bad-${i},Жаман,no_such_category,low,68.2,95`);
    const csv = `${lines.join('\n')}\n`;
    const before = await counts();
    const started = performance.now();
    const dry = await send(csv, 'text/csv', '?dry_run=true');
    const seconds = (performance.now() - started) / 1000;
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dry_run: true, rows: 50_000, created: 0, problems_total: 100_000 });
    expect(dry.body.problems).toHaveLength(IMPORT_PROBLEMS_LISTED);
    // The first problems by row, each row's with its line.
    expect(dry.body.problems[0]).toMatchObject({ row: 1, line: 2 });
    expect(dry.body.problems.at(-1).row).toBe(IMPORT_PROBLEMS_LISTED / 2);
    expect(JSON.stringify(dry.body).length).toBeLessThan(300_000);
    // Generous: the unbounded answer (116 MB for a larger file) took far longer than this.
    expect(seconds).toBeLessThan(30);

    const real = await send(csv, 'text/csv');
    expect(real.status).toBe(422);
    expect(real.body.problems).toHaveLength(IMPORT_PROBLEMS_LISTED);
    expect(real.body.problems_total).toBe(100_000);
    expect(real.body.detail).toMatch(/^50000 of 50000 row\(s\) have problems \(100000 in all, the first 1000 listed\)/);
    expect(await counts()).toEqual(before);
  });

  it('reads a CSV of many slices whole: Kazakh letters and emoji across slice boundaries arrive intact', async () => {
    // The parser is fed 256 KB at a time; 1.3 MB of two- and four-byte characters cross every boundary.
    const text = 'ә😀қ'.repeat(150);
    const lines = ['external_ref;title;category;severity;description;lon;lat'];
    for (let i = 0; i < 700; i++) lines.push(`slice-${i};Тілім ${i};land;low;"${text}; ""${i}""";68.2;43.3`);
    const answer = await send(`${lines.join('\r\n')}\r\n`, 'text/csv');
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ rows: 700, created: 700, problems_total: 0 });
    for (const i of [0, 123, 699]) {
      expect((await listed(`slice-${i}`)).properties.description).toBe(`${text}; "${i}"`);
    }
  });

  it('refuses a file of more rows than an import takes, before checking them', async () => {
    const csv = `external_ref,title,category,severity,lon,lat\n${'r,t,land,low,68.2,43.3\n'.repeat(IMPORT_MAX_ROWS + 1)}`;
    const answer = await send(csv, 'text/csv', '?dry_run=true');
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'import_too_many_rows', limit: IMPORT_MAX_ROWS });
    const features = `{"type":"FeatureCollection","features":[${'0,'.repeat(IMPORT_MAX_ROWS)}0]}`;
    const geojson = await send(features, 'application/geo+json', '?dry_run=true');
    expect(geojson.status).toBe(413);
    expect(geojson.body.detail).toMatch(/more than 100,000 feature\(s\)/);
  });

  it('counts the vertices of a huge feature before validating them, and reports it like any too-large shape', async () => {
    const ring = Array.from({ length: 300_000 }, (_, i) => [68 + i / 1e7, 43.3]);
    ring.push(ring[0]!);
    const file = collection(
      feature({ external_ref: 'huge-1', title: 'Үлкен' }, { type: 'Polygon', coordinates: [ring] }),
    );
    const answer = await send(file, 'application/geo+json', '?dry_run=true');
    expect(answer.status).toBe(200);
    expect(answer.body.problems).toEqual([
      {
        ...{ row: 1, field: 'geometry', message: 'has more than 5000 vertices; at most 5000 are accepted' },
        ...{ code: 'too_many_vertices', params: { max: 5000 } },
      },
    ]);
  });

  it('refuses GeoJSON nested deeper than 64 levels before parsing it, naming the limit', async () => {
    const deep = `{"type":"FeatureCollection","features":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    const started = performance.now();
    const answer = await send(deep, 'application/geo+json', '?dry_run=true');
    expect(performance.now() - started).toBeLessThan(5000);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'body_too_deep', limit: 64 });
    expect(answer.body.detail).toMatch(/more than 64 levels deep/);
  });

  it('refuses other content types and encodings with 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'text/csv; charset=windows-1251']) {
      const { status, type: answered } = await send('external_ref,title\n', type);
      expect(status, type).toBe(415);
      expect(answered).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers malformed files with 400 and a message saying what is wrong', async () => {
    const cases: [string | Uint8Array, string, RegExp][] = [
      ['{"type": "FeatureCollection", "features": [', 'application/geo+json', /^The file is not valid JSON/],
      [
        JSON.stringify(feature({ external_ref: 'x' })),
        'application/geo+json',
        /must be a GeoJSON FeatureCollection .*it is a GeoJSON Feature/,
      ],
      ['{"type": "FeatureCollection", "features": {}}', 'application/geo+json', /"features" is not an array/],
      [
        '{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}, "features": []}',
        'application/geo+json',
        /EPSG::3857.*EPSG:4326/,
      ],
      ['{"type": "FeatureCollection", "features": []}', 'application/geo+json', /no rows/],
      [
        'external_ref,title,category,severity,lon,lat\nq-1,"unclosed,land,low,68.2,43.3\n',
        'text/csv',
        /^The CSV cannot be read at line 2: Quote Not Closed/,
      ],
      ['external_ref,name,category,severity,lon,lat\n', 'text/csv', /unknown column\(s\) "name"/],
      ['external_ref,title,category,severity\n', 'text/csv', /no place: add lon and lat columns, or a wkt column/],
      [new Uint8Array([0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xcf, 0xf0, 0xe8]), 'text/csv', /not UTF-8 text/],
    ];
    for (const [body, type, detail] of cases) {
      const answer = await send(body, type);
      expect(answer.status, String(detail)).toBe(400);
      expect(answer.body.detail).toMatch(detail);
    }
  });

  it('documents the import and its result in OpenAPI', () => {
    const document = buildOpenApi([table], 'test') as Json;
    const post = document.paths['/api/imports'].post;
    expect(post.summary).toMatch(/application\/geo\+json.*text\/csv/);
    expect(post.responses['201'].content['application/json'].schema.$ref).toBe('#/components/schemas/ImportResult');
    expect(post.responses['422'].content['application/problem+json'].schema.$ref).toBe(
      '#/components/schemas/ImportRefused',
    );
    expect(post.parameters.map((p: Json) => p.name)).toEqual(['dry_run']);
  });
});
