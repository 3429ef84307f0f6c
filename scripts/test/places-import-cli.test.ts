import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importBoundaries, openDatabase } from '@oshaq/db';

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

const point = (lon: number, lat: number, properties: Record<string, unknown>) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [lon, lat] },
});

describe('npm run geodata:import -- --places', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'oshaq-places-cli-'));
    await cp(inject('oshaqTemplates').embedded, path.join(dir, 'data'), { recursive: true });
    env = { DATA_DIR: path.join(dir, 'data') };
    // One area for the places to fall in: a square around 7–8 E, 7–8 N.
    const db = await openDatabase({ dataDir: env.DATA_DIR as string });
    try {
      const square = [
        [
          [7, 7],
          [8, 7],
          [8, 8],
          [7, 8],
          [7, 7],
        ],
      ];
      const report = await importBoundaries(
        db.knex,
        {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { KATO: 'P-1', name: 'Аудан' },
              geometry: { type: 'Polygon', coordinates: square },
            },
          ],
        },
        { level: 'district' },
      );
      expect(report.problems).toEqual([]);
    } finally {
      await db.close();
    }
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('refuses --places with a --level, with the usage', async () => {
    const result = await run(['x.geojson', '--places', '--level', 'region'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--places loads points: give no --level');
    expect(result.stderr).toContain('--places [--source TEXT] [--licence TEXT] [--dry-run]');
  });

  it('keeps the places inside the stored areas, says what it left out, and audits the import', async () => {
    const file = path.join(dir, 'places.geojson');
    await writeFile(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          point(7.5, 7.5, { name: 'Ішкі ауыл', place: 'village', osm_type: 'nodes', osm_id: 1 }),
          point(9.5, 9.5, { name: 'Сыртқы ауыл', place: 'village', osm_type: 'nodes', osm_id: 2 }),
          point(7.2, 7.2, { place: 'hamlet', osm_type: 'nodes', osm_id: 3 }),
        ],
      }),
    );
    const result = await run([file, '--places'], env);
    expect(result.stderr).toContain(
      'Imported 1 new and 0 updated place(s); 1 outside the stored areas and 1 unnamed or not a settlement left out.',
    );
    expect(result.code).toBe(0);
    const db = await openDatabase({ dataDir: env.DATA_DIR as string });
    try {
      expect(await db.knex('places').pluck('name_kk')).toEqual(['Ішкі ауыл']);
      const audit = await db.knex('audit_log').where({ entity: 'place' }).first('action', 'after');
      expect(audit).toMatchObject({ action: 'place.import', after: { added: 1, outside: 1, skipped: 1 } });
    } finally {
      await db.close();
    }
  }, 120_000);
});
