import type { SqlFunction } from './index.js';

/**
 * Before a hotspot is written: numbers a new one (when no reference is given) and places it in its
 * area whenever its geometry is new or moved, so every path into the table (API, import, psql)
 * keeps both right.
 */
export const hotspotsBeforeWrite: SqlFunction = {
  signature: 'hotspots_before_write()',
  statement: `CREATE OR REPLACE FUNCTION hotspots_before_write() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'INSERT' AND NEW.reference IS NULL THEN
      NEW.reference := next_hotspot_reference(extract(year FROM NEW.registered_on)::integer);
    END IF;
    -- Invalid geometry is left for the CHECK constraints to reject with their own name;
    -- computing its area first would fail with a less helpful GEOS error.
    IF (TG_OP = 'INSERT' OR ST_AsBinary(NEW.geom) IS DISTINCT FROM ST_AsBinary(OLD.geom))
       AND ST_IsValid(NEW.geom) THEN
      NEW.area_id := smallest_area_containing(NEW.geom);
    END IF;
    RETURN NEW;
  END $$`,
};
