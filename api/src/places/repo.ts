import type { Knex } from 'knex';
import { bboxOverlaps, PLACE_KINDS, PLACE_SEARCH_TEXT } from '@oshaq/db';
import type { Bbox } from '../contract/common.js';
import type { PlaceKind } from '../contract/places.js';

/** Escapes LIKE wildcards so a search for "50%" or "a_b" means those letters. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

const KIND_RANK = `array_position(ARRAY[${PLACE_KINDS.map((kind) => `'${kind}'`).join(', ')}]::text[], p.kind)`;
const AREA_TEXT = `kk_loose(a.name_kk || ' ' || a.name_ru || ' ' || a.name_en)`;

/**
 * How well a row's names (columns under `t.`) meet the query: 0 a name equals it, 1 a name
 * starts with it (Kazakh letters as typed), 2 a name starts with it with Kazakh letters loosened
 * (шук → Шұқырсай), 3 a later word does, 4 it is only inside a word.
 */
const matchRank = (t: string) => `CASE
    WHEN kk_fold(${t}.name_kk) = kk_fold(:q) OR kk_fold(${t}.name_ru) = kk_fold(:q) OR kk_fold(${t}.name_en) = kk_fold(:q) THEN 0
    WHEN kk_fold(${t}.name_kk) LIKE kk_fold(:prefix) OR kk_fold(${t}.name_ru) LIKE kk_fold(:prefix)
      OR kk_fold(${t}.name_en) LIKE kk_fold(:prefix) THEN 1
    WHEN kk_loose(${t}.name_kk) LIKE kk_loose(:prefix) OR kk_loose(${t}.name_ru) LIKE kk_loose(:prefix)
      OR kk_loose(${t}.name_en) LIKE kk_loose(:prefix) THEN 2
    WHEN kk_loose(' ' || ${t}.name_kk || ' ' || ${t}.name_ru || ' ' || ${t}.name_en) ~ ('[ -]' || kk_loose(:word)) THEN 3
    ELSE 4 END`;

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
 * Places and areas whose names hold the query, best matches first, then areas before places of
 * the same match, larger before smaller. The places' filter is the indexed expression on `places`
 * alone (trigram index, 3 letters or more); only the `limit` rows kept are then placed in their
 * area, so a one-letter query does not look up the area of thousands of places.
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
    prefix: `${escaped}%`,
    contains: `%${escaped}%`,
    // A regular expression for "a word starting with": the query's own characters quoted.
    word: query.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    limit: query.limit,
    maxRank: query.prefixOnly ? 3 : 4,
  };
  return knex.raw<{ rows: PlaceRow[] }>(
    `WITH matches AS (
       SELECT 'place' AS type, p.id, ${matchRank('p')} AS rank, 1 AS type_order, ${KIND_RANK} AS size_rank,
              p.population, p.name_kk
       FROM (SELECT * FROM places WHERE ${PLACE_SEARCH_TEXT} LIKE kk_loose(:contains)) p
       UNION ALL
       SELECT 'area', a.id, ${matchRank('a')}, 0, -area_level_rank(a.level), NULL, a.name_kk
       FROM areas a WHERE ${AREA_TEXT} LIKE kk_loose(:contains)
     ), best AS (
       SELECT * FROM matches WHERE rank <= :maxRank
       ORDER BY rank, type_order, size_rank, population DESC NULLS LAST, kk_sort_key(name_kk) COLLATE "C", id
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
     ORDER BY l.rank, l.type_order, l.size_rank, l.population DESC NULLS LAST, kk_sort_key(l.name_kk) COLLATE "C", l.id`,
    bindings,
  );
}

/**
 * Settlements in a bbox as a FeatureCollection built in SQL: the envelope test (&&) uses the GiST
 * index; the largest first (kind, then population), at most `limit`, so a crowded view keeps its
 * towns and drops hamlets. `licences` lists the credit of every source among them.
 */
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
      knex.raw(`${KIND_RANK} AS kind_rank`),
    )
    .where(bboxOverlaps('p.geom', query.bbox))
    .orderByRaw(`${KIND_RANK}, p.population DESC NULLS LAST, p.id`)
    .limit(query.limit);
  if (query.kinds) inner.whereIn('p.kind', query.kinds);
  return inner;
}

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
