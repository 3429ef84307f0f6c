import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import type { Actor } from '../src/auth/middleware.js';
import { SYSTEM_VIEWER } from '../src/auth/visibility.js';
import { csvRows } from '../src/imports/csv.js';
import { kkFold } from '../src/imports/fold.js';
import { planImport, writeImport } from '../src/imports/service.js';

const TODAY = '2026-11-23';

/*
 * An import stores the search text folded in Node (imports/fold.ts) rather than by kk_fold in the
 * database. A search folds its words with kk_fold, so the two must agree on every text, or a search
 * misses imported rows: compared here on random text of Kazakh, Russian and Latin letters of both
 * cases, and characters kk_fold leaves alone though lower() under some locales would not.
 */
const LETTERS = [
  ...'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯаәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя',
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,;:-–—«»"\'()№%\n\t',
  // Not folded by kk_fold: Ukrainian and Belarusian capitals, Latin with marks, Greek, Turkish
  // dotted I, the Kelvin and Ångström signs, a Latin letter that looks Cyrillic, and outside the BMP.
  ...'ЄЇЎҐЈЉЊЋЏÀÉÖÑÇĞŞİıΑΩΣσςẞßǅ\u212a\u212b',
  '𝐀',
  '😀',
  'Ａ',
];

const text = fc.string({ unit: fc.constantFrom(...LETTERS), maxLength: 300 });

const system: Actor = {
  name: 'import-fold-test',
  userId: null,
  ip: null,
  role: 'system',
  agencyId: null,
  viewer: SYSTEM_VIEWER,
};

describeOnEachDatabase('the search text an import folds in Node', (db) => {
  it('folds every text exactly as kk_fold does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 200 }), async (texts) => {
        const { rows } = await db().knex.raw<{ rows: { folded: string }[] }>(
          'SELECT kk_fold(t) AS folded FROM unnest(?::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n',
          [texts],
        );
        expect(texts.map(kkFold)).toEqual(rows.map((row) => row.folded));
      }),
      { numRuns: 50 },
    );
  });

  it('stores for every imported hotspot the text kk_fold gives its reference, title and description', async () => {
    const titles = fc.sample(
      text.filter((t) => t.trim().length > 0),
      40,
    );
    const csv = [
      'external_ref,title,description,category,severity,lon,lat',
      ...titles.map(
        (title, i) =>
          `fold-${i},"${title.replace(/"/g, '""')}","${kkFold(title).toUpperCase().replace(/"/g, '""')}",utilities,high,68.26,43.3`,
      ),
    ].join('\n');
    const plan = await planImport(db().knex, await csvRows(csv), { today: () => TODAY, maxVertices: 5000 });
    expect(plan.problems).toEqual([]);
    expect(await writeImport(db().knex, plan, system, db().kind)).toBe(plan.create.length);
    const { rows } = await db().knex.raw<{ rows: { stored: string; folded: string }[] }>(
      `SELECT search_text AS stored, kk_fold(reference || ' ' || title || ' ' || description) AS folded
       FROM hotspots WHERE external_ref LIKE 'fold-%'`,
    );
    expect(rows).toHaveLength(plan.create.length);
    for (const row of rows) expect(row.stored).toBe(row.folded);
  });

  it('folds the text in the database for any other writer, whatever text it brings', async () => {
    const knex = db().knex;
    const [category] = await knex('categories').where({ code: 'utilities' }).select('id');
    const [row] = await knex('hotspots')
      .insert({
        title: 'Су ЖОҚ',
        description: 'Шұқырсай',
        category_id: category.id,
        severity: 'high',
        geom: knex.raw("ST_GeomFromText('POINT(68.26 43.3)', 4326)"),
        registered_on: TODAY,
        created_by: 'test',
        updated_by: 'test',
        search_text: 'not the fold',
      })
      .returning(['id', 'reference', 'search_text']);
    expect(row.search_text).toBe(`${row.reference.toLowerCase()} су жоқ шұқырсай`);
    const [edited] = await knex('hotspots')
      .where({ id: row.id })
      .update({ title: 'ЖАРЫҚ жоқ' })
      .returning('search_text');
    expect(edited.search_text).toBe(`${row.reference.toLowerCase()} жарық жоқ шұқырсай`);
    const [forced] = await knex('hotspots')
      .where({ id: row.id })
      .update({ search_text: 'something else' })
      .returning('search_text');
    expect(forced.search_text).toBe(edited.search_text);
  });
});
