import { get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { EXPORT_BATCH, exportRoutes } from '../src/exports/routes.js';
import { compressAnswers } from '../src/http/compression.js';
import { problemHandler } from '../src/http/problem.js';
import { RouteTable } from '../src/http/route-table.js';
import { signedInAs } from './test-auth.js';

const TODAY = '2026-11-23';

interface Raw {
  status: number;
  headers: IncomingMessage['headers'];
  /** The bytes on the wire, before any decoding. */
  wire: Buffer;
  /** The bytes as the client reads them, after undoing Content-Encoding. */
  body: Buffer;
}

/** Raw HTTP, so the encoding on the wire is seen (fetch would undo it unseen). */
function raw(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const body = encoding === 'gzip' ? gunzipSync(wire) : encoding === 'br' ? brotliDecompressSync(wire) : wire;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wire, body });
      });
    }).on('error', reject);
  });
}

/** The export routes behind the app-wide compression, as app.ts mounts them. */
async function startExportApp(db: Parameters<typeof exportRoutes>[1]['db'], logged: unknown[]) {
  const table = new RouteTable('/api');
  exportRoutes(table, { db, today: () => TODAY });
  const app = express();
  app.use(compressAnswers());
  app.use(await signedInAs(db.knex, 'prosecutor'));
  app.use('/api', table.router);
  app.use(problemHandler((error) => logged.push(error)));
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describeOnEachDatabase('compression of the exports', (db) => {
  let app: Awaited<ReturnType<typeof startExportApp>>;
  const logged: unknown[] = [];

  beforeAll(async () => {
    await seedDemo(db().knex, TODAY);
    // More than two batches, so the compressed stream spans several writes and waits.
    await db().knex.raw(
      `INSERT INTO hotspots (title, category_id, severity, geom, registered_on, due_on, created_by, updated_by)
       SELECT 'Жаппай жазба ' || g, (SELECT id FROM categories WHERE code = 'other'),
              (ARRAY['low','medium','high','critical'])[1 + g % 4],
              ST_SetSRID(ST_MakePoint(68.2 + (g % 50) * 0.002, 43.25 + (g / 50) * 0.001), 4326),
              DATE '2025-01-01' + (g % 400), NULL, 'bulk', 'bulk'
       FROM generate_series(1, ?) AS g`,
      [EXPORT_BATCH * 2 + 500],
    );
    app = await startExportApp(db(), logged);
  });
  afterAll(() => {
    app.server.closeAllConnections();
    app.server.close();
  });

  for (const extension of ['csv', 'geojson']) {
    it(`answers the ${extension} export compressed when the client takes gzip or brotli, the same file inflated`, async () => {
      // The GeoJSON is for programs and takes no language.
      const url = `${app.url}/api/hotspots/export.${extension}${extension === 'csv' ? '?lang=ru' : ''}`;
      const plain = await raw(url);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/Accept-Encoding/i);
      expect(plain.body.toString('utf8').split('Жаппай жазба').length).toBeGreaterThan(EXPORT_BATCH * 2);
      for (const [asked, coding] of [
        ['gzip', 'gzip'],
        ['gzip, deflate, br', 'br'],
      ]) {
        const packed = await raw(url, { 'Accept-Encoding': asked! });
        expect(packed.status, asked).toBe(200);
        expect(packed.headers['content-encoding'], asked).toBe(coding);
        expect(packed.headers['content-disposition']).toBe(plain.headers['content-disposition']);
        expect(packed.headers.vary).toMatch(/Accept-Encoding/i);
        expect(packed.body.equals(plain.body), asked).toBe(true);
        expect(packed.wire.length, asked).toBeLessThan(plain.wire.length / 3);
      }
    });
  }

  it('sends the XLSX as it is: a workbook is a zip already', async () => {
    const xlsx = await raw(`${app.url}/api/hotspots/export.xlsx`, { 'Accept-Encoding': 'gzip, br' });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    expect(xlsx.wire.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('stops quietly when the client goes away mid-way through a compressed download', async () => {
    logged.length = 0;
    const open = () => new Promise<number>((resolve) => app.server.getConnections((_, n) => resolve(n)));
    const before = await open();
    for (const extension of ['csv', 'geojson']) {
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        get(`${app.url}/api/hotspots/export.${extension}`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) =>
          resolve(res.pause()),
        ).on('error', reject);
      });
      expect(response.headers['content-encoding']).toBe('gzip');
      response.destroy();
    }
    await expect.poll(open, { timeout: 30_000, interval: 20 }).toBeLessThanOrEqual(before);
    await sleep(100);
    expect(logged).toEqual([]);
  });
});
