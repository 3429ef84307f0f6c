import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'otplib';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@oshaq/db';
import { freshDatabase, testTargets } from '@oshaq/db/testing';
import { startServerProcess } from './server-process.js';

describe('the server process', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('on a first embedded start migrates and loads the demo; a restart keeps the data and loads nothing again', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'oshaq-start-'));
    dirs.push(dataDir);
    const first = await startServerProcess({ DATA_DIR: dataDir });
    expect(first.output()).toContain('Applied migrations: 0001_reference');
    expect(first.output()).toMatch(/Loaded the demo: \d+ hotspots/);
    expect(first.output()).toContain(`data kept in ${dataDir}`);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    // One demo account per role, printed once; the printed password signs in.
    const printed = /admin\s+login: (\S+)\s+password: (\S+)/.exec(first.output());
    expect(printed).not.toBeNull();
    const signIn = await fetch(`${first.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ login: printed?.[1], password: printed?.[2] }),
    });
    expect(signIn.status).toBe(200);
    // Administrators need a second factor: the demo admin is enrolled with the TOTP secret printed beside it.
    const secret = /admin\s+login: .*\n\s+TOTP secret: (\S+)/.exec(first.output())?.[1];
    expect(secret).toBeDefined();
    const { challenge } = (await signIn.json()) as { challenge: string };
    const withCode = await fetch(`${first.url}/api/session/mfa`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ challenge, code: await generate({ secret: secret! }) }),
    });
    expect(withCode.status).toBe(200);
    expect(first.output()).not.toMatch(/viewer\s+login: .*\n\s+TOTP secret/);
    expect(await first.stop()).toBe(0);

    const second = await startServerProcess({ DATA_DIR: dataDir });
    expect(second.output()).not.toContain('Applied migrations');
    expect(second.output()).not.toContain('Loaded the demo');
    expect(second.output()).not.toContain('Demo accounts');
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    // A second process on the same embedded database would corrupt it: refused, saying which holds it.
    const third = await startServerProcess({ DATA_DIR: dataDir }).catch(
      (error: { code: number; output: string }) => error,
    );
    expect(third).toMatchObject({ code: 1 });
    expect((third as { output: string }).output).toMatch(/is already open in another process \(process \d+: /);
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    expect(await second.stop()).toBe(0);

    const db = await openDatabase({ dataDir });
    try {
      const [row] = await db.knex('hotspots').count({ n: '*' });
      expect(Number(row?.n)).toBe(24);
    } finally {
      await db.close();
    }
  }, 180_000);

  it('refuses to start on a bad variable and names it', async () => {
    const failure = await startServerProcess({ PORT: 'eighty' }).catch(
      (error: { code: number; output: string }) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { output: string }).output).toContain(
      'PORT: must be a whole number between 0 and 65535 (got "eighty")',
    );
  });

  it.skipIf(!testTargets().includes('server'))(
    'on a server database migrates but never loads the demo by itself',
    async () => {
      const db = await freshDatabase('server');
      try {
        const server = await startServerProcess({ DATABASE_URL: db.url ?? '' });
        expect(server.output()).toContain('Database: PostgreSQL server at');
        expect(server.output()).not.toContain('Loaded the demo');
        expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({
          status: 'ready',
          database: { kind: 'server' },
        });
        expect(await server.stop()).toBe(0);
        const [row] = await db.knex('hotspots').count({ n: '*' });
        expect(Number(row?.n)).toBe(0);
      } finally {
        await db.close();
      }
    },
    60_000,
  );
});
