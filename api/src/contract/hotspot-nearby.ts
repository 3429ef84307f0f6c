import { z } from 'zod';
import { code, isoDate, status } from './common.js';
import { coded } from './problems.js';

/**
 * Before registering: hotspots of the same category near the place, open or resolved lately, so
 * the same issue is not entered twice. Each category has its radius (categories.duplicate_radius_m,
 * set by administrators; 0 turns the check off).
 */

/** A hotspot resolved this many days ago or less still counts as "the same issue, again". */
export const NEARBY_RESOLVED_DAYS = 90;
/** At most this many are listed, nearest first: a warning, not a search. */
export const NEARBY_LIMIT = 10;

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const coordinate = (name: 'longitude' | 'latitude', limit: number) =>
  z
    .string()
    .max(30, coded('too_long', 'must be at most 30 characters', { max: 30 }))
    .refine(
      (text) => DECIMAL.test(text.trim()),
      coded('invalid_format', 'must be a decimal number', { format: 'number' }),
    )
    .transform(Number)
    .refine(
      (value) => Math.abs(value) <= limit,
      coded(`${name}_out_of_range`, `must be between -${limit} and ${limit}`, { value: limit }),
    );

export const nearbyQuery = z
  .object({
    category: code,
    lon: coordinate('longitude', 180).meta({ description: 'longitude of the place (EPSG:4326)' }),
    lat: coordinate('latitude', 90).meta({ description: 'latitude of the place (EPSG:4326)' }),
  })
  .strict();
export type NearbyQuery = z.infer<typeof nearbyQuery>;

export const nearbyHotspot = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string(),
    status,
    registered_on: isoDate,
    resolved_on: isoDate.nullable(),
    distance_m: z.number().int().meta({ description: 'metres from the place to the hotspot (0: it covers the place)' }),
  })
  .meta({ id: 'NearbyHotspot' });
export type NearbyHotspot = z.infer<typeof nearbyHotspot>;

export const nearbyAnswer = z
  .object({
    radius_m: z.number().int().meta({ description: "the category's duplicate radius; 0: the check is off" }),
    hotspots: z.array(nearbyHotspot),
  })
  .meta({ id: 'NearbyHotspots' });
export type NearbyAnswer = z.infer<typeof nearbyAnswer>;
