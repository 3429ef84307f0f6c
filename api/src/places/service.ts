import type { Knex } from 'knex';
import type { z } from 'zod';
import type { PlaceSearchResult, PlaceSuggestion, placeSearchQuery, settlementQuery } from '../contract/places.js';
import { type PlaceRow, searchPlaces, settlementCollectionJson } from './repo.js';

/** Below this many letters only names (or words) that start with the query are suggested. */
const INSIDE_WORD_FROM = 3;

function toSuggestion(row: PlaceRow): PlaceSuggestion {
  const area =
    row.area_id === null
      ? null
      : {
          id: row.area_id,
          name_kk: row.area_name_kk ?? '',
          name_ru: row.area_name_ru ?? '',
          name_en: row.area_name_en ?? '',
        };
  const common = {
    id: row.id,
    name_kk: row.name_kk,
    name_ru: row.name_ru,
    name_en: row.name_en,
    lon: row.lon,
    lat: row.lat,
    area,
  };
  return row.type === 'area'
    ? {
        type: 'area',
        kind: row.kind as Extract<PlaceSuggestion, { type: 'area' }>['kind'],
        ...common,
        population: null,
        bbox: row.bbox ?? [row.lon, row.lat, row.lon, row.lat],
      }
    : {
        type: 'place',
        kind: row.kind as Extract<PlaceSuggestion, { type: 'place' }>['kind'],
        ...common,
        population: row.population,
      };
}

/** Settlements and areas by name, for choosing a place by keyboard. */
export async function findPlaces(knex: Knex, query: z.infer<typeof placeSearchQuery>): Promise<PlaceSearchResult> {
  const rows = await searchPlaces(knex, {
    q: query.q,
    limit: query.limit,
    prefixOnly: [...query.q].length < INSIDE_WORD_FROM,
  });
  return { items: rows.map(toSuggestion) };
}

/** The settlements of a map view, largest first, as GeoJSON text. */
export function settlementsInView(knex: Knex, query: z.infer<typeof settlementQuery>): Promise<string> {
  return settlementCollectionJson(knex, query);
}
