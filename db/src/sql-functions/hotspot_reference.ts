import type { SqlFunction } from './index.js';

/**
 * The reference number people say aloud, "2025-018": the registration year and the hotspot's
 * number in that year, at least three digits. Used by the insert trigger (one number at a time)
 * and by imports (a block of numbers per batch), so both write the same format.
 */
export const hotspotReference: SqlFunction = {
  signature: 'hotspot_reference(integer, integer)',
  statement: `CREATE OR REPLACE FUNCTION hotspot_reference(y integer, seq integer) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT y::text || '-' || lpad(seq::text, greatest(3, length(seq::text)), '0')
  $$`,
};
