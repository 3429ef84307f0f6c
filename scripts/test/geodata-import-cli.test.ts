import { spawn } from 'node:child_process';
import http from 'node:http';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@oshaq/db';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../geodata-import.ts');

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run geodata:import', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'oshaq-import-cli-'));
    await cp(inject('oshaqTemplates').embedded, path.join(dir, 'data'), { recursive: true });
    env = { DATA_DIR: path.join(dir, 'data') };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('says a truncated file is not valid JSON, in one line, and exits 1', async () => {
    const file = path.join(dir, 'truncated.geojson');
    await writeFile(file, '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Pol');
    const result = await run([file, '--level', 'region'], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Error: .*truncated\.geojson is not valid JSON .*is the file complete\?$/);
  });

  it('says when the file does not exist', async () => {
    const result = await run([path.join(dir, 'missing.geojson'), '--level', 'region'], env);
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('no such file') });
  });

  it('downloads a file given as a URL', async () => {
    const body = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { KATO: 'URL-1', name: 'Желі' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [7, 7],
                [8, 7],
                [8, 8],
                [7, 8],
                [7, 7],
              ],
            ],
          },
        },
      ],
    });
    const server = http.createServer((_req, res) => res.end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    try {
      const result = await run([`http://127.0.0.1:${port}/areas.geojson`, '--level', 'settlement'], env);
      expect(result.stderr).toContain('Imported 1 new');
      expect(result.code).toBe(0);
    } finally {
      server.close();
    }
  }, 60_000);

  it('refuses an unknown level with the usage', async () => {
    const result = await run(['x.geojson', '--level', 'province'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--level must be one of country, region, district');
  });

  it('imports a valid file, reports what it repaired, and reports broken features by index without writing', async () => {
    const ring = (lon: number, lat: number) => [
      [
        [lon, lat],
        [lon + 1, lat],
        [lon + 1, lat + 1],
        [lon, lat + 1],
        [lon, lat],
      ],
    ];
    const good = path.join(dir, 'good.geojson');
    await writeFile(
      good,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { KATO: 'CLI-1', name: 'Бірінші' },
            geometry: { type: 'Polygon', coordinates: ring(1, 1) },
          },
          {
            type: 'Feature',
            properties: { KATO: 'CLI-2', name: 'Екінші' },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [3, 3],
                  [4, 4],
                  [4, 3],
                  [3, 4],
                  [3, 3],
                ],
              ],
            },
          },
        ],
      }),
    );
    const imported = await run([good, '--level', 'settlement'], env);
    expect(imported.stderr).toContain('feature 1: repaired with ST_MakeValid');
    expect(imported.stderr).toContain('Imported 2 new and 0 updated settlement area(s); 1 repaired.');
    expect(imported.code).toBe(0);
    const db = await openDatabase({ dataDir: env.DATA_DIR as string });
    try {
      const audit = await db
        .knex('audit_log')
        .where({ action: 'area.import' })
        .orderBy('id', 'desc')
        .first('actor', 'after');
      expect(audit.actor).toMatch(/^command line \(geodata:import\)/);
      expect(audit.after).toMatchObject({ level: 'settlement', added: 2, repaired: 1 });
    } finally {
      await db.close();
    }

    const bad = path.join(dir, 'bad.geojson');
    await writeFile(
      bad,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { KATO: 'CLI-3', name: 'Ok' },
            geometry: { type: 'Polygon', coordinates: ring(5, 5) },
          },
          {
            type: 'Feature',
            properties: { KATO: 'CLI-4', name: 'Point' },
            geometry: { type: 'Point', coordinates: [1, 1] },
          },
        ],
      }),
    );
    const refused = await run([bad, '--level', 'settlement'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('feature 1 (geometry.type): the geometry must be a Polygon or MultiPolygon');
    expect(refused.stderr).toContain('Nothing imported: 1 problem(s) above.');
  }, 60_000);
});
