import type { SqlFunction } from './index.js';

/**
 * A looser folding than kk_fold, for finding places by name: the Kazakh letters ә ғ қ ң ө ұ ү һ і
 * (and ё) fold to the Russian letters people type for them on a Russian keyboard or in Russian
 * spelling (а г к н о у у х и, е), so "шукырсай" finds Шұқырсай. Only place search uses it; the
 * trigram index places_search_trgm (migration 0018) is built on it, so a change that folds
 * differently needs a migration that rebuilds that index.
 */
export const kkLoose: SqlFunction = {
  signature: 'kk_loose(text)',
  statement: `CREATE OR REPLACE FUNCTION kk_loose(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(kk_fold(t), 'әғқңөұүһіё', 'агкноуухие')
  $$`,
};
