import type { SqlFunction } from './index.js';
import { KAZAKH_LOWER } from './kk_fold.js';

/** Each Kazakh letter and its stand-in in Russian spelling or on a Russian keyboard. */
const LOOSE: Record<string, string> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ұ: 'у',
  ү: 'у',
  һ: 'х',
  і: 'и',
  ё: 'е',
};
const looseLower = [...KAZAKH_LOWER].map((letter) => LOOSE[letter] ?? letter).join('');
const LATIN_UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A looser folding than kk_fold, for finding places by name: case folded as kk_fold does, and the
 * Kazakh letters ә ғ қ ң ө ұ ү һ і (and ё) folded to the letters Russian spelling and a Russian
 * keyboard give them (а г к н о у у х и, е), so "шукырсай" finds Шұқырсай; a hyphen becomes a
 * space, so each part of "Ақ-Жол" starts a word. One translate() with
 * no other function: an index expression is evaluated with only pg_catalog on the search path,
 * where a call to kk_fold would not be found. Only place search uses it; the trigram index
 * places_search_trgm (migration 0018) is built on it, so a change that folds differently needs a
 * migration that rebuilds that index.
 */
export const kkLoose: SqlFunction = {
  signature: 'kk_loose(text)',
  statement: `CREATE OR REPLACE FUNCTION kk_loose(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(t, '${KAZAKH_LOWER.toUpperCase()}${LATIN_UPPER}${KAZAKH_LOWER}-',
      '${looseLower}${LATIN_UPPER.toLowerCase()}${looseLower} ')
  $$`,
};
