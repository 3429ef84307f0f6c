/**
 * Every string the interface asks for exists in Kazakh, Russian and English. A missing key would not
 * crash anything: i18next falls back to Kazakh (or shows the key), which is exactly why it needs a test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUTH_METHODS } from '@oshaq/api/contract/mfa';
import { TRANSITIONS } from '@oshaq/api/contract/transitions';
import { hotspotEvent, hotspotPatch } from '@oshaq/api/contract/hotspots';
import { ROLES, SEVERITIES, STATUSES } from '../../src/api/types';
import { PERIODS } from '../../src/filters/filters';
import { LIST_SORTS } from '../../src/hotspots/HotspotList';
import { LANGUAGES, resources, sections, type Language } from '../../src/i18n/resources';
import { STATUS_GROUPS } from '../../src/map/styles';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Plural categories i18next looks for in each language (it uses Intl.PluralRules too). */
function pluralForms(language: Language): string[] {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories;
}

/** Leaf strings of a language as dotted paths; anything that is not a string or an object is reported. */
function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, value] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (value && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of flatten(value as Record<string, unknown>, key)) out.set(k, v);
    else out.set(key, value);
  }
  return out;
}

const leaves = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(resources[l].translation)])) as Record<
  Language,
  Map<string, unknown>
>;

/** Base names (plural suffixes removed) → the plural forms present, or null for a plain key. */
function baseNames(language: Language): Map<string, Set<string> | null> {
  const bases = new Map<string, Set<string> | null>();
  for (const key of leaves[language].keys()) {
    const match = PLURAL.exec(key);
    if (!match) {
      bases.set(key, bases.get(key) ?? null);
      continue;
    }
    const base = key.slice(0, match.index);
    const forms = bases.get(base) ?? new Set<string>();
    forms.add(match[1]!);
    bases.set(base, forms);
  }
  return bases;
}

const bases = Object.fromEntries(LANGUAGES.map((l) => [l, baseNames(l)])) as Record<
  Language,
  Map<string, Set<string> | null>
>;

/** Whether `t(key)` (with a count when the key is plural) finds a string in this very language, no fallback. */
function resolves(key: string, language: Language, own = leaves[language]): boolean {
  if (typeof own.get(key) === 'string') return true;
  return pluralForms(language).every((form) => typeof own.get(`${key}_${form}`) === 'string');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/locales\.ts$|resources\.ts$/.test(entry.name) ? [full] : [];
  });
}

const files = sourceFiles(SRC).map((file) => ({ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }));
const SECTION_NAMES = Object.keys(sections);

/**
 * Literal keys in the source: the first argument of t(…), and any quoted string naming a section
 * (which catches `t(cond ? 'a.b' : 'c.d')`). Template literals with ${…} are collected separately.
 */
function literalKeys(): { key: string; file: string }[] {
  const found: { key: string; file: string }[] = [];
  const call = /\bt\(\s*(['"`])((?:(?!\1)[^\\$])*?)\1/g;
  const quoted = new RegExp(`(['"\`])((?:${SECTION_NAMES.join('|')})\\.[A-Za-z0-9_.]+)\\1`, 'g');
  for (const { file, text } of files) {
    for (const match of text.matchAll(call)) found.push({ key: match[2]!, file });
    for (const match of text.matchAll(quoted)) found.push({ key: match[2]!, file });
  }
  return found;
}

function templateKeys(): { prefix: string; rest: string; file: string }[] {
  const found: { prefix: string; rest: string; file: string }[] = [];
  for (const { file, text } of files)
    for (const match of text.matchAll(/\bt\(\s*`([^`$]*)\$\{[^}]*\}([^`]*)`/g))
      found.push({ prefix: match[1]!, rest: match[2]!, file });
  return found;
}

/** The values each computed key is built from, as the components build them. */
const DYNAMIC: Record<string, readonly string[]> = {
  'account.sessions.methods.': AUTH_METHODS,
  'common.languages.': LANGUAGES,
  'common.role.': ROLES,
  'common.status.': STATUSES,
  'common.severity.': SEVERITIES,
  'dashboard.counts.': ['entered', 'resolved', 'in_progress', 'overdue'],
  'dashboard.print.columns.': ['reference', 'title', 'category', 'severity', 'status', 'agency', 'registered', 'due'],
  'dashboard.selection.': ['status', 'category', 'severity', 'agency', 'area', 'search'],
  'hotspots.export.': ['xlsx', 'csv', 'geojson'],
  'hotspots.fields.': Object.keys(hotspotPatch.shape),
  'hotspots.form.': ['required', 'dueBeforeRegistered'],
  'hotspots.list.sorts.': LIST_SORTS,
  'hotspots.panel.events.': hotspotEvent.shape.kind.options,
  'hotspots.panel.to.': [...new Set(Object.values(TRANSITIONS).flat())],
  'hotspots.periods.': PERIODS,
  'map.draw.': ['point', 'polygon'],
  'map.layers.': STATUS_GROUPS,
};

describe('translations', () => {
  it('has the same keys in Kazakh, Russian and English', () => {
    const all = new Set(LANGUAGES.flatMap((l) => [...bases[l].keys()]));
    const missing = LANGUAGES.flatMap((l) => [...all].filter((key) => !bases[l].has(key)).map((key) => `${l}: ${key}`));
    expect(missing).toEqual([]);
  });

  it('has a key plural in every language or in none', () => {
    const mixed = [...bases.kk.keys()].filter((key) => {
      const kinds = LANGUAGES.map((l) => bases[l].get(key) === null);
      return kinds.some(Boolean) && !kinds.every(Boolean);
    });
    expect(mixed).toEqual([]);
  });

  it('gives every plural key all the forms each language needs (Russian one, few, many, other)', () => {
    expect(pluralForms('ru')).toEqual(expect.arrayContaining(['one', 'few', 'many', 'other']));
    const lacking: string[] = [];
    for (const language of LANGUAGES)
      for (const [key, forms] of bases[language])
        if (forms)
          for (const form of pluralForms(language)) if (!forms.has(form)) lacking.push(`${language}: ${key}_${form}`);
    expect(lacking).toEqual([]);
  });

  it('has no empty strings and nothing but strings', () => {
    const bad = LANGUAGES.flatMap((l) =>
      [...leaves[l]].filter(([, value]) => typeof value !== 'string' || !value.trim()).map(([key]) => `${l}: ${key}`),
    );
    expect(bad).toEqual([]);
  });

  it('uses the same {{placeholders}} for a key in every language', () => {
    const placeholders = (language: Language, base: string) => {
      const texts = [...leaves[language]]
        .filter(([key]) => key === base || (key.startsWith(`${base}_`) && PLURAL.test(key)))
        .map(([, value]) => String(value));
      // {{count}} may be left out of a plural form ("решён" rather than "1 решён").
      return [...new Set(texts.flatMap((text) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1])))]
        .filter((name) => name !== 'count')
        .sort();
    };
    const differing = [...bases.kk.keys()].filter((base) => {
      const kk = JSON.stringify(placeholders('kk', base));
      return LANGUAGES.some((l) => JSON.stringify(placeholders(l, base)) !== kk);
    });
    expect(differing).toEqual([]);
  });
});

describe('keys used by the source', () => {
  const literal = literalKeys();
  const templates = templateKeys();

  it('finds the keys it checks (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(literal.map((k) => k.key)).toEqual(expect.arrayContaining(['auth.failed', 'common.appName']));
    expect(templates.map((k) => k.prefix)).toEqual(expect.arrayContaining(['common.status.']));
  });

  it('resolves every literal key in Kazakh, Russian and English', () => {
    const unresolved = literal.flatMap(({ key, file }) =>
      LANGUAGES.filter((language) => !resolves(key, language)).map((language) => `${language}: ${key} (${file})`),
    );
    expect([...new Set(unresolved)]).toEqual([]);
  });

  it('knows the values of every computed key, so none goes unchecked', () => {
    const unknown = templates
      .filter(({ prefix, rest }) => rest !== '' || !(prefix in DYNAMIC))
      .map(({ prefix, rest, file }) => `${prefix}\${…}${rest} (${file})`);
    expect(unknown).toEqual([]);
  });

  it.each(Object.entries(DYNAMIC))('resolves %s… for every value it is built from', (prefix, values) => {
    expect(values.length).toBeGreaterThan(0);
    const unresolved = values.flatMap((value) =>
      LANGUAGES.filter((language) => !resolves(`${prefix}${value}`, language)).map(
        (language) => `${language}: ${prefix}${value}`,
      ),
    );
    expect(unresolved).toEqual([]);
  });

  it('would fail on a missing key or a missing Russian plural form (the check is not vacuous)', () => {
    expect(resolves('common.status.archived', 'kk')).toBe(false);
    expect(resolves('dashboard.counts.entered', 'ru')).toBe(true);
    const withoutFew = new Map(leaves.ru);
    withoutFew.delete('dashboard.counts.entered_few');
    expect(resolves('dashboard.counts.entered', 'ru', withoutFew)).toBe(false);
    const withoutFailed = new Map(leaves.en);
    withoutFailed.delete('auth.failed');
    expect(resolves('auth.failed', 'en', withoutFailed)).toBe(false);
  });
});
