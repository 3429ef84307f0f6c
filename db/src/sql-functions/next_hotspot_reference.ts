import type { SqlFunction } from './index.js';

/**
 * Takes the next reference number of a registration year. The counter row is locked by the
 * upsert until the transaction ends, so concurrent inserts never share a number.
 */
export const nextHotspotReference: SqlFunction = {
  signature: 'next_hotspot_reference(integer)',
  statement: `CREATE OR REPLACE FUNCTION next_hotspot_reference(y integer) RETURNS text
  LANGUAGE plpgsql AS $$
  DECLARE seq integer;
  BEGIN
    INSERT INTO hotspot_reference_counters AS c (year, last_seq) VALUES (y, 1)
      ON CONFLICT (year) DO UPDATE SET last_seq = c.last_seq + 1
      RETURNING last_seq INTO seq;
    RETURN hotspot_reference(y, seq);
  END $$`,
};
