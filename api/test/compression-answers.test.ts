import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { touch } from './cache-support.js';
import { startApp, type RunningApp } from './support.js';

/** The map of the whole country: every demo hotspot, well over a kilobyte of GeoJSON. */
const MAP = '/api/hotspots?bbox=46,40,88,56&limit=1000';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes on the wire, before any decoding. */
  wire: Buffer;
  /** The bytes as the client reads them, after undoing Content-Encoding. */
  text: string;
}

/** Raw HTTP, so the encoding on the wire is seen (fetch would undo it unseen). */
function raw(base: string, token: string, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'];
        const decoded = encoding === 'gzip' ? gunzipSync(wire) : encoding === 'br' ? brotliDecompressSync(wire) : wire;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, wire, text: decoded.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describeOnEachDatabase('compression of answers', (db) => {
  let cached: RunningApp;
  let uncached: RunningApp;
  let who: Record<'viewer' | 'akimat' | 'prosecutor' | 'admin', TestAccount>;

  beforeAll(async () => {
    await seedDemo(db().knex, '2026-11-23');
    who = await createRoleAccounts(db().knex);
    cached = await startApp(db(), { timeZone: 'UTC', cacheDebugHeader: true });
    uncached = await startApp(db(), { timeZone: 'UTC', readCache: false, cacheDebugHeader: true });
  });
  afterAll(async () => {
    await cached.close();
    await uncached.close();
  });

  it('a miss on the map answers gzip when asked, and the body inflates to the same JSON as a hit', async () => {
    await touch(db().knex);
    const miss = await raw(cached.url, who.viewer.token, MAP, { 'Accept-Encoding': 'gzip' });
    expect(miss.status).toBe(200);
    expect(miss.headers).toMatchObject({ 'x-cache': 'miss', 'content-encoding': 'gzip' });
    expect(miss.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(miss.headers['content-length'])).toBe(miss.wire.length);
    const hit = await raw(cached.url, who.viewer.token, MAP);
    expect(hit.headers).toMatchObject({ 'x-cache': 'hit' });
    expect(hit.headers['content-encoding']).toBeUndefined();
    expect(miss.text).toBe(hit.text);
    expect(JSON.parse(miss.text).features.length).toBeGreaterThan(10);
    expect(miss.wire.length).toBeLessThan(hit.wire.length / 3);
    // One weak tag for every encoding of the answer.
    expect(miss.headers.etag).toMatch(/^W\//);
    expect(hit.headers.etag).toBe(miss.headers.etag);
  });

  it('with the read cache off, still compresses the map, and a client without Accept-Encoding gets identity', async () => {
    const brotli = await raw(uncached.url, who.viewer.token, MAP, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(brotli.headers).toMatchObject({ 'x-cache': 'off', 'content-encoding': 'br' });
    expect(brotli.headers.vary).toMatch(/Accept-Encoding/i);
    const gzip = await raw(uncached.url, who.viewer.token, MAP, { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    const plain = await raw(uncached.url, who.viewer.token, MAP);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(brotli.text).toBe(plain.text);
    expect(gzip.text).toBe(plain.text);
    const identity = await raw(uncached.url, who.viewer.token, MAP, { 'Accept-Encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.text).toBe(plain.text);
  });

  it('answers 304 to the tag of a compressed answer, whichever encoding the client asks for next', async () => {
    await touch(db().knex);
    const first = await raw(cached.url, who.viewer.token, MAP, { 'Accept-Encoding': 'br' });
    expect(first.headers['content-encoding']).toBe('br');
    const etag = first.headers.etag as string;
    for (const encoding of ['br', 'gzip', 'identity']) {
      const again = await raw(cached.url, who.viewer.token, MAP, {
        'Accept-Encoding': encoding,
        'If-None-Match': etag,
      });
      expect(again.status, encoding).toBe(304);
      expect(again.wire.length, encoding).toBe(0);
      expect(again.headers.etag, encoding).toBe(etag);
    }
  });

  it('compresses a JSON answer the cache does not serve, and leaves one under a kilobyte as it is', async () => {
    const openapi = await raw(cached.url, who.viewer.token, '/api/openapi.json', { 'Accept-Encoding': 'gzip' });
    expect(openapi.status).toBe(200);
    expect(openapi.headers['x-cache']).toBeUndefined();
    expect(openapi.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(openapi.text).openapi).toMatch(/^3\./);
    const small = await raw(cached.url, who.viewer.token, '/healthz', { 'Accept-Encoding': 'gzip, br' });
    expect(small.status).toBe(200);
    expect(small.wire.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('sends a record with a strong ETag as it is, so the tag still names its exact bytes', async () => {
    const { id } = await db().knex('hotspots').whereNull('deleted_at').first('id');
    const detail = await raw(cached.url, who.prosecutor.token, `/api/hotspots/${id}`, {
      'Accept-Encoding': 'gzip, br',
    });
    expect(detail.status).toBe(200);
    expect(detail.headers.etag).toMatch(/^"v\d+-[0-9a-f]{16}"$/);
    // Big enough that it would be compressed without its strong tag.
    expect(detail.wire.length).toBeGreaterThan(1024);
    expect(detail.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(detail.text).id).toBe(id);
  });

  it('downloads an export whole, CSV and GeoJSON, compressed to a client that accepts compression', async () => {
    for (const path of ['/api/hotspots/export.csv', '/api/hotspots/export.geojson']) {
      const asked = await raw(cached.url, who.prosecutor.token, path, { 'Accept-Encoding': 'gzip, deflate, br' });
      const plain = await raw(cached.url, who.prosecutor.token, path);
      expect(asked.status, path).toBe(200);
      expect(asked.headers['content-disposition'], path).toMatch(/^attachment/);
      // Compressed by the export itself as it streams (exports/stream.ts), not by the middleware.
      expect(asked.headers['content-encoding'], path).toBe('br');
      expect(asked.text, path).toBe(plain.text);
      expect(asked.text.length, path).toBeGreaterThan(1024);
    }
    const geojson = await raw(cached.url, who.prosecutor.token, '/api/hotspots/export.geojson', {
      'Accept-Encoding': 'gzip',
    });
    const live = await db().knex('hotspots').whereNull('deleted_at').count<{ n: string }[]>({ n: '*' });
    expect(JSON.parse(geojson.text).features).toHaveLength(Number(live[0]?.n));
  });
});
