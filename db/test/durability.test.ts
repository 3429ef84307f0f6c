import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/index.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/write-until-stopped.ts');

describe('embedded database under SIGTERM', () => {
  let dir: string;
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps every write it acknowledged when the process is stopped mid-write', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'oshaq-durability-'));
    await cp(inject('oshaqTemplates').embedded, dir, { recursive: true });
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acknowledged: string[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('ack ')) acknowledged.push(`ack_${line.slice(4)}`);
        if (acknowledged.length >= 40) resolve();
      });
      child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
      setTimeout(() => reject(new Error(`no acks after 60 s: ${acknowledged.length} so far; ${stderr}`)), 60_000);
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const db = await openDatabase({ dataDir: dir });
    try {
      const stored = new Set((await db.knex('agencies').where('code', 'like', 'ack_%').pluck('code')) as string[]);
      expect(acknowledged.filter((code) => !stored.has(code))).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    } finally {
      await db.close();
    }
  }, 120_000);
});
