/**
 * Administrative levels, largest first (kept in step with the areas table's CHECK). A module of
 * its own, free of database code, so the API contract and the browser can import it.
 */
export const AREA_LEVELS = [
  'country',
  'region',
  'district',
  'city',
  'city_district',
  'rural_district',
  'settlement',
] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
