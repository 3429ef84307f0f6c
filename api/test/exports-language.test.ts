import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { actorOf, authenticate } from '../src/auth/middleware.js';
import { DEFAULT_AUTH_POLICY } from '../src/auth/policy.js';
import { EXPORT_COLUMNS } from '../src/exports/columns.js';
import { exportRoutes } from '../src/exports/routes.js';
import { hotspotRoutes } from '../src/hotspots/routes.js';
import { problemHandler } from '../src/http/problem.js';
import { RouteTable } from '../src/http/route-table.js';
import { createAccount } from './accounts.js';
import type { Json } from './http.js';

const TODAY = '2026-11-23';
const KEYS = EXPORT_COLUMNS.map((column) => column.key as string);
const column = (key: string) => KEYS.indexOf(key);
/** Codes the API sends to programs; a file for people shows none of them as a value. */
const CODES = [
  'registered',
  'in_progress',
  'resolved',
  'dismissed',
  'low',
  'medium',
  'high',
  'critical',
  'true',
  'false',
];

function csvTable(body: Buffer): string[][] {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const records: string[][] = [];
  // A small RFC 4180 reader, strict about CRLF.
  let record: string[] = [];
  const field = /("(?:[^"]|"")*"|[^",\r\n]*)(,|\r\n)/y;
  while (field.lastIndex < text.length) {
    const found = field.exec(text);
    if (!found) throw new Error('not RFC 4180');
    const raw = found[1] ?? '';
    record.push(raw.startsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw);
    if (found[2] === '\r\n') {
      records.push(record);
      record = [];
    }
  }
  return records;
}

async function workbookOf(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const sheet = workbook.worksheets[0]!;
  const headerRow = (sheet.views[0] as { ySplit: number }).ySplit;
  const values = (row: ExcelJS.Row) => KEYS.map((_, i) => row.getCell(i + 1).value);
  const caption: string[] = [];
  for (let n = 1; n < headerRow; n++) caption.push(sheet.getRow(n).getCell(1).text);
  const rows: ExcelJS.CellValue[][] = [];
  sheet.eachRow((row, n) => {
    if (n > headerRow) rows.push(values(row));
  });
  return { sheet, headerRow, caption, header: values(sheet.getRow(headerRow)), rows };
}

describeOnEachDatabase('hotspot exports in the reader’s language', (db) => {
  let server: Server;
  let url: string;
  const tokens = { kk: '', ru: '' };

  async function download(path: string, as: keyof typeof tokens = 'kk') {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${tokens[as]}` } });
    expect(response.status, path).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }
  async function listed(query: string): Promise<Json[]> {
    const body = JSON.parse((await download(`/api/hotspots?limit=1000&${query}`)).toString('utf8'));
    return body.features as Json[];
  }
  /** Names in one language by code (categories, agencies) or by id (areas, as the GeoJSON's area_id). */
  const names = async (table: string, lang: string, key: 'code' | 'id' = 'code') =>
    new Map((await db().knex(table).select(`${key} as key`, `name_${lang} as name`)).map((row) => [row.key, row.name]));

  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    const kk = await createAccount(db().knex, 'prosecutor');
    const ru = await createAccount(db().knex, 'prosecutor');
    await db().knex('users').where({ id: ru.id }).update({ language: 'ru' });
    tokens.kk = kk.token;
    tokens.ru = ru.token;
    const table = new RouteTable('/api');
    exportRoutes(table, { db: db(), today: () => TODAY });
    hotspotRoutes(table, { db: db(), today: () => TODAY, maxVertices: 5000, actorOf });
    const app = express();
    app.use(authenticate(db().knex, DEFAULT_AUTH_POLICY));
    app.use('/api', table.router);
    app.use(problemHandler(() => {}));
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('words headers, statuses, severities and yes/no in kk and ru, and names categories, agencies and areas in them', async () => {
    const features = new Map((await listed('')).map((feature) => [feature.properties.reference, feature]));
    const areaNames = { kk: await names('areas', 'kk', 'id'), ru: await names('areas', 'ru', 'id') };
    const expected = {
      kk: { header: ['Тіркеу нөмірі', 'Атауы'], status: 'Тіркелген', severity: 'Өте жоғары', yes: 'Иә' },
      ru: {
        header: ['Регистрационный номер', 'Название'],
        status: 'Зарегистрирован',
        severity: 'Критическая',
        yes: 'Да',
      },
    };
    for (const lang of ['kk', 'ru'] as const) {
      const categories = await names('categories', lang);
      const agencies = await names('agencies', lang);
      const [header, ...rows] = csvTable(await download(`/api/hotspots/export.csv?lang=${lang}`));
      const book = await workbookOf(await download(`/api/hotspots/export.xlsx?lang=${lang}`));
      expect(header!.slice(0, 2), lang).toEqual(expected[lang].header);
      expect(book.header, lang).toEqual(header);
      expect(rows).toHaveLength(features.size);
      expect(book.rows).toHaveLength(features.size);
      for (const [i, row] of rows.entries()) {
        const p = features.get(row[0])!.properties;
        expect(row[column('category')], lang).toBe(categories.get(p.category));
        expect(row[column('agency')], lang).toBe(p.agency ? agencies.get(p.agency) : '');
        expect(row[column('area')], lang).toBe(p.area_id ? areaNames[lang].get(p.area_id) : '');
        for (const cell of row) expect(CODES, `${lang}: ${cell}`).not.toContain(cell);
        if (p.status === 'registered') expect(row[column('status')]).toBe(expected[lang].status);
        if (p.severity === 'critical') expect(row[column('severity')]).toBe(expected[lang].severity);
        if (p.overdue) expect(row[column('overdue')]).toBe(expected[lang].yes);
        // The workbook says the same as the CSV, dates apart (checked below).
        const cells = book.rows[i]!.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell));
        expect(cells.slice(0, column('registered_on'))).toEqual(row.slice(0, column('registered_on')));
      }
      expect(rows.some((row) => row[column('status')] === expected[lang].status)).toBe(true);
      expect(rows.some((row) => row[column('severity')] === expected[lang].severity)).toBe(true);
    }
  });

  it('speaks the signed-in person’s language unless asked for another, and keeps codes in the GeoJSON', async () => {
    const header = async (path: string, as: 'kk' | 'ru') => csvTable(await download(path, as))[0]!.slice(0, 2);
    const kk = await header('/api/hotspots/export.csv?lang=kk', 'kk');
    const ru = await header('/api/hotspots/export.csv?lang=ru', 'kk');
    expect(kk).not.toEqual(ru);
    expect(await header('/api/hotspots/export.csv', 'kk')).toEqual(kk);
    expect(await header('/api/hotspots/export.csv', 'ru')).toEqual(ru);
    expect(await header('/api/hotspots/export.csv?lang=kk', 'ru')).toEqual(kk);
    expect((await workbookOf(await download('/api/hotspots/export.xlsx', 'ru'))).header.slice(0, 2)).toEqual(ru);
    const geojson = JSON.parse((await download('/api/hotspots/export.geojson', 'ru')).toString('utf8'));
    for (const feature of geojson.features as Json[]) expect(CODES).toContain(feature.properties.status);
  });

  it('lists the rows in the list’s order for the sort asked', async () => {
    for (const sort of ['', 'sort=title', 'sort=-severity', 'sort=due_on', 'sort=registered_on']) {
      const expected = (await listed(sort)).map((feature) => feature.properties.reference);
      const csv = csvTable(await download(`/api/hotspots/export.csv?lang=ru&${sort}`)).slice(1);
      const xlsx = (await workbookOf(await download(`/api/hotspots/export.xlsx?${sort}`))).rows;
      expect(
        csv.map((row) => row[0]),
        sort,
      ).toEqual(expected);
      expect(
        xlsx.map((row) => row[0]),
        sort,
      ).toEqual(expected);
    }
  });

  it('heads the workbook with the filters in words, the sort and the date made, above a frozen header; dates are dates', async () => {
    const city = await db().knex('areas').where({ code: '611000000' }).first('id', 'name_kk', 'name_ru');
    const utilities = await db().knex('categories').where({ code: 'utilities' }).first('name_kk', 'name_ru');
    const query = `status=registered,in_progress&category=utilities&severity=critical,high&area=${city.id}&q=су&sort=title`;
    const book = await workbookOf(await download(`/api/hotspots/export.xlsx?${query}`));
    const [title, filters, sort] = book.caption;
    expect(title).toBe('Ошақтар тізімі');
    for (const said of ['Тіркелген, Жұмыста', utilities.name_kk, 'Өте жоғары, Жоғары', city.name_kk, '«су»'])
      expect(filters).toContain(said);
    expect(sort).toContain('атауы бойынша');
    const ru = await workbookOf(await download(`/api/hotspots/export.xlsx?${query}`, 'ru'));
    expect(ru.caption[0]).toBe('Список очагов');
    for (const said of ['Зарегистрирован, В работе', utilities.name_ru, city.name_ru])
      expect(ru.caption[1]).toContain(said);

    const all = await workbookOf(await download('/api/hotspots/export.xlsx?lang=ru'));
    expect(all.caption[1]).toBe('Отбор: все очаги');
    const made = all.sheet.getRow(all.headerRow - 1);
    expect(made.getCell(2).value).toEqual(new Date(`${TODAY}T00:00:00Z`));
    expect(all.sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: all.headerRow });
    expect(all.sheet.getRow(all.headerRow).font?.bold).toBe(true);
    for (const [i, spec] of EXPORT_COLUMNS.entries()) expect(all.sheet.getColumn(i + 1).width).toBe(spec.width);
    expect(all.rows.length).toBeGreaterThan(0);
    for (const row of all.rows) {
      expect(row[column('registered_on')]).toBeInstanceOf(Date);
      expect(row[column('updated_at')]).toBeInstanceOf(Date);
      for (const key of ['due_on', 'resolved_on'])
        if (row[column(key)] !== null) expect(row[column(key)]).toBeInstanceOf(Date);
    }
  });
});
