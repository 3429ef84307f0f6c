import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SQL_FUNCTIONS } from '../src/sql-functions/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FUNCTIONS_DIR = 'db/src/sql-functions';
/** Where SQL is written: a function defined in any of these, outside FUNCTIONS_DIR, is a second definition. */
const SOURCES = ['db/src', 'api/src', 'scripts'];
const CREATE_FUNCTION = /CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(?:public\.)?"?(\w+)"?\s*\(/gi;

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|sql)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.includes('node_modules'));
}

describe('SQL functions', () => {
  it('are defined only in db/src/sql-functions, never in a migration or a query', async () => {
    const elsewhere: string[] = [];
    for (const dir of SOURCES) {
      for (const file of await sourceFiles(dir)) {
        if (file.startsWith(FUNCTIONS_DIR + path.sep)) continue;
        for (const match of (await readFile(path.join(root, file), 'utf8')).matchAll(CREATE_FUNCTION)) {
          elsewhere.push(`${file}: ${match[1]}`);
        }
      }
    }
    expect(elsewhere).toEqual([]);
  });

  it('are one to a file, named after the function, and all listed to be applied', async () => {
    const files = (await readdir(path.join(root, FUNCTIONS_DIR))).filter((file) => file !== 'index.ts');
    const defined: string[] = [];
    for (const file of files) {
      const text = await readFile(path.join(root, FUNCTIONS_DIR, file), 'utf8');
      const names = [...text.matchAll(CREATE_FUNCTION)].map((match) => match[1]);
      expect(names, file).toEqual([path.basename(file, '.ts')]);
      defined.push(...names.map(String));
    }
    expect(Object.keys(SQL_FUNCTIONS).sort()).toEqual(defined.sort());
    for (const [name, { signature, statement }] of Object.entries(SQL_FUNCTIONS)) {
      expect(signature.startsWith(`${name}(`), name).toBe(true);
      expect(statement.startsWith(`CREATE OR REPLACE FUNCTION ${name}(`), name).toBe(true);
    }
  });
});
