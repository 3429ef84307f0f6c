import { spawn } from 'node:child_process';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Which database a backup file came from, read from its first bytes rather than its name. */
export type BackupKind = 'server' | 'embedded';

/** A refusal the person can act on (data would be replaced, the app is running): exit code 1, no stack. */
export class BackupRefusal extends Error {
  override name = 'BackupRefusal';
}

/**
 * `npm run` starts scripts in the repository root; a path the person typed is relative to where
 * they typed it, which npm passes on as INIT_CWD.
 */
export function userPath(given: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), given);
}

export async function backupKindOf(file: string): Promise<BackupKind> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupRefusal(code === 'ENOENT' ? `No such file: ${file}` : `Cannot read ${file}: ${code}`);
  }
  try {
    const head = Buffer.alloc(5);
    const { bytesRead } = await handle.read(head, 0, 5, 0);
    // pg_dump's custom format starts with "PGDMP"; PGlite's data-directory archive is a gzipped tar.
    if (bytesRead === 5 && head.toString('latin1') === 'PGDMP') return 'server';
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'embedded';
    throw new BackupRefusal(
      `${file} is not an Oshaq backup: expected a pg_dump archive (server) or a gzipped data-directory archive (embedded).`,
    );
  } finally {
    await handle.close();
  }
}

/** Where a file is written before it is complete: a failed backup never leaves a file that looks whole. */
export const partialPath = (file: string) => `${file}.partial-${process.pid}`;

export async function finishFile(partial: string, file: string): Promise<number> {
  await rename(partial, file);
  return (await stat(file)).size;
}

export const discard = (partial: string) => rm(partial, { force: true, recursive: true });

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A timestamp for file names: 20260415-093012. */
export const fileStamp = (date = new Date()) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .replace(/\.\d+Z$/, '');

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a PostgreSQL client tool; a missing tool is one clear message naming the package. */
export function runTool(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => reject(toolError(command, error)));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function toolError(command: string, error: NodeJS.ErrnoException): Error {
  if (error.code !== 'ENOENT') return error;
  return new BackupRefusal(
    `${command} is not installed. Install the PostgreSQL client tools of the server's major version or newer ` +
      `(Debian/Ubuntu: sudo apt-get install postgresql-client).`,
  );
}

/** The tools' own messages, without their "pg_dump: error:" prefixes repeated on every line. */
export function toolMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const text = lines.join(' ').slice(0, 2000);
  if (/server version mismatch/.test(text)) {
    return `${text} — install the client tools of the server's major version (postgresql-client-<major>).`;
  }
  return text || '(no message)';
}
