/**
 * The folded text place search matches (kk_loose over every name). The trigram index
 * places_search_trgm (migration 0018) is built on exactly this expression, over the columns of
 * `places` unqualified: a query must repeat it as it is, on `places` alone, for the index to be used.
 */
export const PLACE_SEARCH_TEXT = `kk_loose(name_kk || ' ' || name_ru || ' ' || name_en)`;

/** The kinds of populated place OpenStreetMap's `place` tag names, largest first. */
export const PLACE_KINDS = ['city', 'town', 'village', 'hamlet', 'isolated_dwelling'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
