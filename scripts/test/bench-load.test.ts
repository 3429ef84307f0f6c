import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { ArgsError, parseLoadArgs } from '../bench/load-args.js';
import { RefusedError, seedBench, type SeedOptions } from '../bench/seed.js';
import { BUILT_IN_CITIES } from '../bench/settlements.js';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bench/load.ts');
const options = (count: number, seed = 42): SeedOptions => ({
  seed,
  count,
  today: '2026-03-10',
  settlements: BUILT_IN_CITIES,
  batchSize: 500,
  jobs: 2,
  force: false,
});

async function one<T>(knex: Knex, sql: string): Promise<T> {
  const { rows } = await knex.raw<{ rows: T[] }>(sql);
  return rows[0] as T;
}

describeOnEachDatabase('bench loader', (db) => {
  let report: Awaited<ReturnType<typeof seedBench>>;
  beforeAll(async () => {
    const { knex } = db();
    // Almaty region with Almaty city inside: the trigger must pick the city for hotspots in it.
    for (const [code, level, box] of [
      ['bench-test-region', 'region', [74, 42.2, 80, 46]],
      ['bench-test-city', 'city', [76.75, 43.1, 77.15, 43.4]],
    ] as const) {
      await knex.raw(
        `INSERT INTO areas (code, level, name_kk, name_ru, name_en, geom)
         VALUES (?, ?, 'Тест', 'Тест', 'Test', ST_Multi(ST_MakeEnvelope(?, ?, ?, ?, 4326)))`,
        [code, level, ...box],
      );
    }
    report = await seedBench(knex, options(2000));
  }, 180_000);

  it('stores every hotspot with its whole history', async () => {
    const { knex } = db();
    expect(report).toMatchObject({ removed: 0, hotspots: 2000 });
    const counts = await one<{ hotspots: number; events: number; bench: number; without_events: number }>(
      knex,
      `SELECT (SELECT count(*) FROM hotspots)::integer AS hotspots,
              (SELECT count(*) FROM hotspots WHERE source = 'bench' AND external_ref LIKE 'bench-42-%')::integer AS bench,
              (SELECT count(*) FROM hotspot_events)::integer AS events,
              (SELECT count(*) FROM hotspots h
                 WHERE NOT EXISTS (SELECT 1 FROM hotspot_events e WHERE e.hotspot_id = h.id))::integer AS without_events`,
    );
    expect(counts).toEqual({ hotspots: 2000, bench: 2000, events: report.events, without_events: 0 });
    expect(report.events).toBeGreaterThan(4000);
  });

  it('has each status equal to the last status change, and the history starting on the registration day', async () => {
    const { knex } = db();
    const wrong = await one<{ status: number; created: number; version: number }>(
      knex,
      `WITH last_change AS (
         SELECT DISTINCT ON (hotspot_id) hotspot_id, to_status
         FROM hotspot_events WHERE kind = 'status_changed' ORDER BY hotspot_id, at DESC, id DESC
       ), first_event AS (
         SELECT DISTINCT ON (hotspot_id) hotspot_id, kind, at
         FROM hotspot_events ORDER BY hotspot_id, at, id
       )
       SELECT count(*) FILTER (WHERE h.status <> coalesce(l.to_status, 'registered'))::integer AS status,
              count(*) FILTER (WHERE f.kind <> 'created'
                OR (f.at AT TIME ZONE INTERVAL '+05:00')::date <> h.registered_on)::integer AS created,
              count(*) FILTER (WHERE h.version <> (SELECT count(*) FROM hotspot_events e WHERE e.hotspot_id = h.id))::integer AS version
       FROM hotspots h LEFT JOIN last_change l ON l.hotspot_id = h.id JOIN first_event f ON f.hotspot_id = h.id`,
    );
    expect(wrong).toEqual({ status: 0, created: 0, version: 0 });
  });

  it('numbers references per year without gaps, in registration order, and leaves the counters past them', async () => {
    const { knex } = db();
    const { rows } = await knex.raw<{
      rows: { year: number; n: number; max_seq: number; unordered: number; last_seq: number }[];
    }>(
      `WITH numbered AS (
         SELECT split_part(reference, '-', 1)::integer AS year, split_part(reference, '-', 2)::integer AS seq,
                extract(year FROM registered_on)::integer AS registered_year,
                row_number() OVER (PARTITION BY split_part(reference, '-', 1)
                                   ORDER BY registered_on, split_part(reference, '-', 2)::integer) AS position
         FROM hotspots
       )
       SELECT year, count(DISTINCT seq)::integer AS n, max(seq) AS max_seq,
              count(*) FILTER (WHERE position <> seq OR registered_year <> year)::integer AS unordered,
              (SELECT last_seq FROM hotspot_reference_counters c WHERE c.year = numbered.year) AS last_seq
       FROM numbered GROUP BY year ORDER BY year`,
    );
    expect(rows.map((row) => row.year)).toEqual([2023, 2024, 2025, 2026]);
    expect(rows.reduce((sum, row) => sum + row.n, 0)).toBe(2000);
    for (const row of rows) expect(row).toMatchObject({ max_seq: row.n, unordered: 0, last_seq: row.n });
  });

  it('assigns each hotspot the smallest area that contains it', async () => {
    const { knex } = db();
    const areas = await one<{ mismatched: number; city: number; region: number; none: number }>(
      knex,
      `SELECT count(*) FILTER (WHERE h.area_id IS DISTINCT FROM smallest_area_containing(h.geom))::integer AS mismatched,
              count(*) FILTER (WHERE a.code = 'bench-test-city')::integer AS city,
              count(*) FILTER (WHERE a.code = 'bench-test-region')::integer AS region,
              count(*) FILTER (WHERE h.area_id IS NULL)::integer AS none
       FROM hotspots h LEFT JOIN areas a ON a.id = h.area_id`,
    );
    expect(areas.mismatched).toBe(0);
    expect(areas.city).toBeGreaterThan(200); // Almaty is the largest city
    expect(areas.region).toBeGreaterThan(0); // Taldykorgan, and Almaty's outskirts beyond the city box
    expect(areas.none).toBeGreaterThan(1000);
  });

  it('replaces earlier bench rows on a reload, and refuses to mix with real hotspots unless forced', async () => {
    const { knex } = db();
    const again = await seedBench(knex, options(300, 7));
    expect(again).toMatchObject({ removed: 2000, hotspots: 300 });
    const refs = await one<{ n: number; first: string }>(
      knex,
      `SELECT count(*)::integer AS n, min(reference) AS first FROM hotspots`,
    );
    expect(refs).toEqual({ n: 300, first: '2023-001' });

    // A real hotspot, numbered by the trigger.
    const categoryId = (await knex('categories').first('id')).id as number;
    await knex.raw(
      `INSERT INTO hotspots (title, category_id, severity, geom, registered_on, created_by, updated_by)
       VALUES ('Нақты ошақ', ?, 'low', ST_SetSRID(ST_MakePoint(68.27, 43.30), 4326), '2026-03-01', 'test', 'test')`,
      [categoryId],
    );
    await expect(seedBench(knex, options(100))).rejects.toThrow(RefusedError);
    await expect(seedBench(knex, options(100))).rejects.toThrow(/1 hotspot\(s\) that are not bench data.*--force/);
    expect(await one(knex, `SELECT count(*)::integer AS n FROM hotspots`)).toEqual({ n: 301 });

    const forced = await seedBench(knex, { ...options(100), force: true });
    expect(forced).toMatchObject({ removed: 300, hotspots: 100 });
    const after = await one<{ n: number; real: number; distinct_refs: number }>(
      knex,
      `SELECT count(*)::integer AS n, count(*) FILTER (WHERE title = 'Нақты ошақ')::integer AS real,
              count(DISTINCT reference)::integer AS distinct_refs FROM hotspots`,
    );
    expect(after).toEqual({ n: 101, real: 1, distinct_refs: 101 });
  }, 120_000);
});

function run(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench:seed', () => {
  it.each([
    [['--count', '0'], '--count must be between 1 and 5,000,000 (got "0")'],
    [['--count', '5000001'], '--count must be between 1 and 5,000,000 (got "5000001")'],
    [['--count', '10k'], '--count must be a whole number (got "10k")'],
    [['--seed', '1'], '--count is required'],
    [['--count', '5', '--jobs', '0'], '--jobs must be between 1 and 16'],
    [['--count', '5', '--database-url', 'mysql://x/y'], '--database-url: must be a postgres:// or postgresql://'],
    [['--count', '5', '--database-url', 'postgres://a@b/c', '--data-dir', 'd'], 'not both'],
    [['--count', '5', '--colour', 'red'], "Unknown option '--colour'"],
  ])('refuses %j, saying what is wrong', (args, message) => {
    expect(() => parseLoadArgs(args, {})).toThrow(ArgsError);
    expect(() => parseLoadArgs(args, {})).toThrow(message);
  });

  it('takes the database from the flags first, then DATABASE_URL, then DATA_DIR', () => {
    const env = { DATABASE_URL: 'postgres://u@h/env', DATA_DIR: '/tmp/env-dir' };
    expect(parseLoadArgs(['--count', '9', '--data-dir', '/tmp/flag'], env)).toMatchObject({
      count: 9,
      seed: 42,
      databaseUrl: undefined,
      dataDir: '/tmp/flag',
    });
    expect(parseLoadArgs(['--count', '9'], env)).toMatchObject({ databaseUrl: 'postgres://u@h/env' });
    expect(parseLoadArgs(['--count', '9'], { DATA_DIR: '/tmp/env-dir' })).toMatchObject({
      databaseUrl: undefined,
      dataDir: '/tmp/env-dir',
    });
    expect(() => parseLoadArgs(['--count', '9'], { DATABASE_URL: 'http://x' })).toThrow(/DATABASE_URL: must be/);
  });

  it('answers bad input with the message, the usage and exit code 1', async () => {
    const result = await run(['--count', '0']);
    expect(result.stderr).toContain('Error: --count must be between 1 and 5,000,000');
    expect(result.stderr).toContain('Usage: npm run bench:seed');
    expect(result.code).toBe(1);
  });

  it('loads into an embedded database given by --data-dir and says how fast', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'oshaq-bench-cli-'));
    try {
      await cp(inject('oshaqTemplates').embedded, dir, { recursive: true });
      const result = await run(['--count', '150', '--seed', '3', '--data-dir', dir]);
      expect(result.stderr).toContain(`Embedded database in ${dir}`);
      expect(result.stdout).toMatch(
        /^Loaded 150 hotspots and \d+ events into the embedded database in [\d.]+ s \([\d,]+ hotspots\/s/,
      );
      expect(result.code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
