import type { SqlFunction } from './index.js';

/** The 42 letters of the Kazakh Cyrillic alphabet, in alphabet order. */
const KAZAKH_UPPER = 'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ';
export const KAZAKH_LOWER = 'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя';

/**
 * Case folding for Kazakh and Russian Cyrillic (incl. ә ғ қ ң ө ұ ү һ і) and Latin that behaves the
 * same on both databases: lower() depends on the server's locale, and PGlite has only "C", where
 * lower('Ә') is 'Ә'. Text search folds both sides with it: the stored column hotspots.search_text
 * (migration 0019, with the trigram index hotspots_search_trgm) holds it, so a change that folds
 * differently must come with a migration that recomputes that column (`UPDATE hotspots SET
 * search_text = NULL`: its trigger, kk_fold_search_text, folds it again), or searches miss rows
 * stored before the change — and with the same change to its twin in Node, api/src/imports/fold.ts,
 * which imports fold with (api/test/imports-fold.test.ts compares the two).
 */
export const kkFold: SqlFunction = {
  signature: 'kk_fold(text)',
  statement: `CREATE OR REPLACE FUNCTION kk_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(t, '${KAZAKH_UPPER}ABCDEFGHIJKLMNOPQRSTUVWXYZ', '${KAZAKH_LOWER}abcdefghijklmnopqrstuvwxyz')
  $$`,
};
