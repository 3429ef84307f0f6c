/**
 * What place search matches: every name folded by kk_loose, space-separated, kept in the generated
 * column `places.search_key` (migration 0018) under the trigram index places_search_trgm. The same
 * expression folds the query's side and the areas' names (which have no stored key: a few hundred).
 */
export const PLACE_SEARCH_KEY = `kk_loose(name_kk || ' ' || name_ru || ' ' || name_en)`;

/** The kinds of populated place OpenStreetMap's `place` tag names, largest first. */
export const PLACE_KINDS = ['city', 'town', 'village', 'hamlet', 'isolated_dwelling'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
