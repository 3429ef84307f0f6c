/**
 * The command-line tools write to the audit trail too (geodata:import, user:create…): their
 * actions have words on the audit page, and a places import is not worded as boundaries.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { ENTITY_LABELS } from '../../src/admin/AuditFilterForm';
import { AUDIT_ACTIONS } from '../../src/admin/audit-actions';
import { i18n } from '../../src/i18n/i18n';

const SCRIPTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts');

it('words every action code a command-line tool writes', () => {
  const written = new Set<string>();
  for (const name of readdirSync(SCRIPTS).filter((file) => file.endsWith('.ts'))) {
    const text = readFileSync(path.join(SCRIPTS, name), 'utf8');
    for (const match of text.matchAll(/\baction: '([a-z_]+\.[a-z_]+)'/g)) written.add(match[1]!);
  }
  expect(written).toContain('place.import');
  expect([...written].filter((code) => !AUDIT_ACTIONS[code])).toEqual([]);
});

it('says a places import is one, apart from a boundaries import, in kk, ru and en', () => {
  for (const language of ['kk', 'ru', 'en']) {
    const t = i18n.getFixedT(language);
    const places = t(AUDIT_ACTIONS['place.import']!);
    expect(places).not.toBe(AUDIT_ACTIONS['place.import']);
    expect(places).not.toBe(t(AUDIT_ACTIONS['area.import']!));
    expect(t(ENTITY_LABELS.place!)).not.toBe(ENTITY_LABELS.place);
  }
});
