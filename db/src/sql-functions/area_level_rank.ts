import type { SqlFunction } from './index.js';

/**
 * Orders the administrative levels, so that "the smallest containing area" and parent lookups
 * never pick a unit of the same or a lower level. District and city are peers, as are a city's
 * districts and rural districts.
 */
export const areaLevelRank: SqlFunction = {
  signature: 'area_level_rank(text)',
  statement: `CREATE OR REPLACE FUNCTION area_level_rank(level text) RETURNS integer
  LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE level
      WHEN 'country' THEN 0 WHEN 'region' THEN 1 WHEN 'district' THEN 2 WHEN 'city' THEN 2
      WHEN 'city_district' THEN 3 WHEN 'rural_district' THEN 3 WHEN 'settlement' THEN 4 END
  $$`,
};
