import { z } from 'zod';
import { PLACE_KINDS } from '@oshaq/db/place-kinds';
import { bboxParam, limitParam, listParam } from './common.js';
import { areaLevel } from './reference.js';

export { PLACE_KINDS };
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const placeKind = z.enum(PLACE_KINDS, { error: `must be one of ${PLACE_KINDS.join(', ')}` });

const names = { name_kk: z.string(), name_ru: z.string(), name_en: z.string() };

/** The longest name search taken: longer text names no place, and each letter costs work. */
export const PLACE_QUERY_MAX = 100;

export const placeSearchQuery = z
  .object({
    q: z
      .string({ error: 'must be the text to look for' })
      .trim()
      .min(1, 'must not be empty')
      .max(PLACE_QUERY_MAX, `must be at most ${PLACE_QUERY_MAX} characters`)
      .meta({
        description: 'Part of a name in Kazakh, Russian or English; Kazakh letters may be typed as Russian ones',
      }),
    limit: limitParam(20, 10),
  })
  .strict();

const areaRef = z.object({ id: z.number().int(), ...names }).meta({ id: 'PlaceAreaRef' });

/**
 * One suggestion: a populated place (a point) or an administrative area (whose point is a
 * representative point inside it, and whose bbox frames it). `area` is the area a place falls in
 * (the smallest), or an area's parent.
 */
export const placeSuggestion = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('place'),
      id: z.number().int(),
      kind: placeKind,
      ...names,
      population: z.number().int().nullable(),
      lon: z.number(),
      lat: z.number(),
      area: areaRef.nullable(),
    }),
    z.object({
      type: z.literal('area'),
      id: z.number().int(),
      kind: areaLevel,
      ...names,
      population: z.null(),
      lon: z.number(),
      lat: z.number(),
      bbox: z
        .tuple([z.number(), z.number(), z.number(), z.number()])
        .meta({ description: 'minLon,minLat,maxLon,maxLat' }),
      area: areaRef.nullable(),
    }),
  ])
  .meta({ id: 'PlaceSuggestion' });
export type PlaceSuggestion = z.infer<typeof placeSuggestion>;

export const placeSearchResult = z.object({ items: z.array(placeSuggestion) }).meta({ id: 'PlaceSearchResult' });
export type PlaceSearchResult = z.infer<typeof placeSearchResult>;

export const SETTLEMENTS_MAX = 1000;

export const settlementQuery = z
  .object({
    bbox: bboxParam,
    kinds: listParam(placeKind, PLACE_KINDS.length)
      .optional()
      .meta({ description: 'Kinds to include (default all), e.g. city,town at small zooms' }),
    limit: limitParam(SETTLEMENTS_MAX, 300),
  })
  .strict();

export const settlementFeature = z
  .object({
    type: z.literal('Feature'),
    id: z.number().int(),
    geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
    properties: z.object({ id: z.number().int(), kind: placeKind, ...names, population: z.number().int().nullable() }),
  })
  .meta({ id: 'SettlementFeature' });

/** The largest settlements first (kind, then population); `licences` credits the sources shown. */
export const settlementCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(settlementFeature),
    licences: z.array(z.string()).meta({ description: 'The licence and credit of each source among the features' }),
  })
  .meta({ id: 'SettlementCollection' });
export type SettlementCollection = z.infer<typeof settlementCollection>;
