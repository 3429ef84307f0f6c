/**
 * Every action the API writes to the audit trail has words on the audit page: a new action code
 * added in api/src without them would show raw (`hotspot.update`) on a Kazakh screen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ACTION_GROUPS } from '../../src/admin/audit-actions';

const API_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../api/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [readFileSync(full, 'utf8')] : [];
  });
}

/** Codes built from a variable, as their writers build them (hotspots/service.ts, reference/service.ts, instructions/assignments.ts). */
const BUILT = [
  ...['create', 'update', 'transition', 'comment', 'delete'].map((action) => `hotspot.${action}`),
  ...['category', 'agency'].flatMap((entity) => [`${entity}.create`, `${entity}.update`]),
  ...['report', 'accept', 'return'].map((action) => `instruction.${action}`),
];

it('words every action code the API writes, in each of its spellings', () => {
  const written = new Set(BUILT);
  for (const text of sources(API_SRC))
    for (const match of text.matchAll(/\baction: '([a-z_]+\.[a-z_]+)'/g)) written.add(match[1]!);
  expect(written.size).toBeGreaterThan(30);
  expect([...written].filter((code) => !AUDIT_ACTIONS[code])).toEqual([]);
  // Each group offered in the filter finds at least one action.
  for (const group of Object.keys(AUDIT_ACTION_GROUPS))
    expect(Object.keys(AUDIT_ACTIONS).some((code) => code.startsWith(`${group}.`))).toBe(true);
});
