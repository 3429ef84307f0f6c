import type { Knex } from 'knex';
import { bboxOverlaps, PLACE_KINDS, PLACE_SEARCH_KEY } from '@oshaq/db';
import type { Bbox } from '../contract/common.js';
import type { PlaceKind } from '../contract/places.js';
import { escapeLike } from '../sql/like.js';

/** A place kind's order, largest first, for the column given. */
const kindRank = (column: string) =>
  `array_position(ARRAY[${PLACE_KINDS.map((kind) => `'${kind}'`).join(', ')}]::text[], ${column})`;

/**
 * How well a row meets the query, from its folded key (all names, kk_loose) and, only when a whole
 * word already matches, its names: 0 a name equals it, 1 a word of a name does, 2 a word starts
 * with it, 3 it is inside a word. Plain LIKE on the stored key first: a one-letter query matches
 * most places, and folding each of their names again would take seconds on the embedded database.
 */
const matchRank = (t: string) => `CASE
    WHEN (' ' || ${t}.search_key || ' ') LIKE kk_loose(:whole) THEN
      CASE WHEN kk_loose(:q) IN (kk_loose(${t}.name_kk), kk_loose(${t}.name_ru), kk_loose(${t}.name_en)) THEN 0 ELSE 1 END
    WHEN (' ' || ${t}.search_key) LIKE kk_loose(:wordStart) THEN 2
    ELSE 3 END`;

export interface PlaceRow {
  type: 'place' | 'area';
  id: number;
  kind: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  population: number | null;
  lon: number;
  lat: number;
  bbox: [number, number, number, number] | null;
  area_id: number | null;
  area_name_kk: string | null;
  area_name_ru: string | null;
  area_name_en: string | null;
}

/**
 * Places and areas whose names hold the query, best matches first, then places before areas of
 * the same match (the form places points; an area only frames the map), larger before smaller.
 * The places' filter is on the stored key (trigram index, 3 letters or more); only the `limit`
 * rows kept are then placed in their area, so a one-letter query does not look up the area of
 * thousands of places.
 * `prefixOnly` keeps only names (or words) starting with the query: for one or two letters,
 * "inside a word" matches are noise.
 */
export async function searchPlaces(knex: Knex, query: PlaceSearch): Promise<PlaceRow[]> {
  const { rows } = await placeSearchStatement(knex, query);
  return rows;
}

export interface PlaceSearch {
  q: string;
  limit: number;
  prefixOnly: boolean;
}

/** The search as one statement (tests EXPLAIN it: the places' filter must stay on the trigram index). */
export function placeSearchStatement(knex: Knex, query: PlaceSearch): Knex.Raw<{ rows: PlaceRow[] }> {
  const escaped = escapeLike(query.q);
  const bindings = {
    q: query.q,
    whole: `% ${escaped} %`,
    wordStart: `% ${escaped}%`,
    contains: `%${escaped}%`,
    limit: query.limit,
    maxRank: query.prefixOnly ? 2 : 3,
  };
  return knex.raw<{ rows: PlaceRow[] }>(
    `WITH matches AS (
       SELECT 'place' AS type, p.id, ${matchRank('p')} AS rank, 0 AS type_order, ${kindRank('p.kind')} AS size_rank,
              p.population, p.name_kk
       FROM places p WHERE p.search_key LIKE kk_loose(:contains)
       UNION ALL
       SELECT 'area', a.id, ${matchRank('a')}, 1, -area_level_rank(a.level), NULL, a.name_kk
       FROM (SELECT id, level, name_kk, name_ru, name_en, ${PLACE_SEARCH_KEY} AS search_key FROM areas) a
       WHERE a.search_key LIKE kk_loose(:contains)
     ), best AS (
       SELECT * FROM matches WHERE rank <= :maxRank
       ORDER BY rank, type_order, size_rank, population DESC NULLS LAST, length(name_kk), name_kk COLLATE "C", id
       LIMIT :limit
     ), located AS (
       SELECT b.*, p.kind AS place_kind, p.name_ru AS place_name_ru, p.name_en AS place_name_en, p.geom AS place_geom,
              CASE WHEN b.type = 'place' THEN smallest_area_containing(p.geom) ELSE a.parent_id END AS area_id,
              a.level, a.name_ru AS area_self_ru, a.name_en AS area_self_en, a.geom AS area_geom
       FROM best b
       LEFT JOIN places p ON b.type = 'place' AND p.id = b.id
       LEFT JOIN areas a ON b.type = 'area' AND a.id = b.id
     )
     SELECT l.type, l.id,
            coalesce(l.place_kind, l.level) AS kind,
            l.name_kk,
            coalesce(l.place_name_ru, l.area_self_ru) AS name_ru,
            coalesce(l.place_name_en, l.area_self_en) AS name_en,
            l.population,
            round(ST_X(coalesce(l.place_geom, ST_PointOnSurface(l.area_geom)))::numeric, 6)::float8 AS lon,
            round(ST_Y(coalesce(l.place_geom, ST_PointOnSurface(l.area_geom)))::numeric, 6)::float8 AS lat,
            CASE WHEN l.area_geom IS NULL THEN NULL
              ELSE json_build_array(ST_XMin(l.area_geom), ST_YMin(l.area_geom), ST_XMax(l.area_geom), ST_YMax(l.area_geom)) END
              AS bbox,
            l.area_id, parent.name_kk AS area_name_kk, parent.name_ru AS area_name_ru, parent.name_en AS area_name_en
     FROM located l LEFT JOIN areas parent ON parent.id = l.area_id
     ORDER BY l.rank, l.type_order, l.size_rank, l.population DESC NULLS LAST, length(l.name_kk),
       l.name_kk COLLATE "C", l.id`,
    bindings,
  );
}

export interface SettlementQuery {
  bbox: Bbox;
  kinds?: PlaceKind[];
  limit: number;
}

/** The settlements of a view, largest first (tests EXPLAIN it: the bbox must stay on the GiST index). */
export function settlementsInBox(knex: Knex, query: SettlementQuery): Knex.QueryBuilder {
  const inner = knex('places as p')
    .select(
      'p.id',
      'p.kind',
      'p.name_kk',
      'p.name_ru',
      'p.name_en',
      'p.population',
      'p.licence',
      'p.geom',
      knex.raw(`${kindRank('p.kind')} AS kind_rank`),
    )
    .where(bboxOverlaps('p.geom', query.bbox))
    .orderByRaw(`${kindRank('p.kind')}, p.population DESC NULLS LAST, p.id`)
    .limit(query.limit);
  if (query.kinds) inner.whereIn('p.kind', query.kinds);
  return inner;
}

/**
 * Settlements in a bbox as a FeatureCollection built in SQL: the envelope test (&&) uses the GiST
 * index; the largest first (kind, then population), at most `limit`, so a crowded view keeps its
 * towns and drops hamlets. `licences` lists the credit of every source among them.
 */
export async function settlementCollectionJson(knex: Knex, query: SettlementQuery): Promise<string> {
  const inner = settlementsInBox(knex, query);
  const { rows } = await knex.raw<{ rows: { fc: string }[] }>(
    `SELECT json_build_object('type', 'FeatureCollection',
       'features', coalesce(json_agg(json_build_object('type', 'Feature', 'id', s.id,
          'geometry', ST_AsGeoJSON(s.geom, 6)::json,
          'properties', json_build_object('id', s.id, 'kind', s.kind, 'name_kk', s.name_kk, 'name_ru', s.name_ru,
            'name_en', s.name_en, 'population', s.population))
        ORDER BY s.kind_rank, s.population DESC NULLS LAST, s.id), '[]'::json),
       'licences', coalesce(json_agg(DISTINCT s.licence), '[]'::json))::text AS fc
     FROM (?) AS s`,
    [inner],
  );
  return rows[0]?.fc ?? '{"type":"FeatureCollection","features":[],"licences":[]}';
}
