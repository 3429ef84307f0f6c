/** Administrative levels, largest first (kept in step with the areas table's CHECK). */
export const AREA_LEVELS = [
  'country',
  'region',
  'district',
  'city',
  'city_district',
  'rural_district',
  'settlement',
] as const;
