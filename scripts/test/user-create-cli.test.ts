import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '@oshaq/db';
import { verifyPassword } from '../../api/src/accounts/passwords.js';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../user-create.ts');

function run(args: string[], stdin: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
    child.stdin.end(stdin);
  });
}

describe('npm run user:create', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'oshaq-user-cli-'));
    await cp(inject('oshaqTemplates').embedded, dir, { recursive: true });
    env = { DATA_DIR: dir };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates an admin with an argon2id hash of the password read from stdin, and audits it', async () => {
    const result = await run(
      ['--role', 'admin', '--login', 'Admin.One', '--name', 'Әділет Сейітов'],
      'бір екі үш төрт бес алты\n',
      env,
    );
    expect(result.stderr).toContain('Created admin account admin.one');
    expect(result.code).toBe(0);
    const db = await openDatabase({ dataDir: dir });
    try {
      const user = await db.knex('users').where({ login: 'admin.one' }).first('id', 'role', 'password_hash');
      expect(user.role).toBe('admin');
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(user.password_hash, 'бір екі үш төрт бес алты')).toBe(true);
      const audit = await db
        .knex('audit_log')
        .where({ action: 'user.create', entity_id: String(user.id) })
        .first('actor');
      expect(audit.actor).toBe('command line (user:create)');
    } finally {
      await db.close();
    }
  });

  it('refuses a common password and a password on the command line', async () => {
    const weak = await run(['--role', 'viewer', '--login', 'viewer1', '--name', 'V'], 'password123456\n', env);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password is too easy to guess');
    const onCommandLine = await run(['--role', 'viewer', '--login', 'v2', '--name', 'V', '--password', 'x'], '', env);
    expect(onCommandLine.code).toBe(2);
  });

  it('requires an agency for an akimat account', async () => {
    const result = await run(
      ['--role', 'akimat', '--login', 'akimat1', '--name', 'А. Омарова'],
      'жаңа құпия сөз өте ұзын\n',
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('agency is required for an akimat account');
  });
});
