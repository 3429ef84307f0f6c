import type { Knex } from 'knex';
import { bboxOverlaps } from '@oshaq/db';
import type { z } from 'zod';
import type { areaListQuery } from '../contract/reference.js';

export function listCategories(knex: Knex) {
  return knex('categories')
    .select(
      ...['code', 'name_kk', 'name_ru', 'name_en', 'colour', 'sort_order', 'active', 'due_days', 'duplicate_radius_m'],
      'version',
    )
    .orderBy([{ column: 'sort_order' }, { column: 'code' }]);
}

export function listAgencies(knex: Knex) {
  return knex('agencies')
    .select('code', 'name_kk', 'name_ru', 'name_en', 'active', 'version')
    .orderByRaw('kk_sort_key(name_kk) COLLATE "C", code');
}

const AREA_FEATURE = (geometry: string) => `json_build_object(
  'type', 'Feature', 'id', a.id, 'geometry', ${geometry}::json,
  'properties', json_build_object('id', a.id, 'code', a.code, 'level', a.level, 'name_kk', a.name_kk,
    'name_ru', a.name_ru, 'name_en', a.name_en, 'parent_id', a.parent_id))`;

/** Areas as a FeatureCollection built in SQL, optionally simplified for small zooms. */
export async function areaCollectionJson(knex: Knex, query: z.infer<typeof areaListQuery>): Promise<string> {
  const geometry = query.simplify
    ? 'ST_AsGeoJSON(ST_SimplifyPreserveTopology(a.geom, ?), 6)'
    : 'ST_AsGeoJSON(a.geom, 6)';
  const inner = knex('areas as a').select(
    knex.raw(`${AREA_FEATURE(geometry)} AS feature`, query.simplify ? [query.simplify] : []),
    knex.raw('area_level_rank(a.level) AS rank'),
    knex.raw('kk_sort_key(a.name_kk) AS sort_name'),
  );
  if (query.level) inner.where('a.level', query.level);
  if (query.parent) inner.where('a.parent_id', query.parent);
  if (query.bbox) inner.where(bboxOverlaps('a.geom', query.bbox));
  const { rows } = await knex.raw<{ rows: { fc: string }[] }>(
    `SELECT json_build_object('type', 'FeatureCollection',
       'features', coalesce(json_agg(t.feature ORDER BY t.rank, t.sort_name COLLATE "C"), '[]'::json))::text AS fc
     FROM (${inner.toQuery()}) AS t`,
  );
  return rows[0]?.fc ?? '{"type":"FeatureCollection","features":[]}';
}

export async function areaFeatureJson(knex: Knex, id: number): Promise<string | undefined> {
  const row = await knex('areas as a')
    .where('a.id', id)
    .first(knex.raw(`${AREA_FEATURE('ST_AsGeoJSON(a.geom, 6)')}::text AS feature`));
  return (row as { feature: string } | undefined)?.feature;
}

/** The tables of codes administrators keep: categories and agencies. */
export type CodeTable = 'categories' | 'agencies';

export async function codeTaken(knex: Knex, table: CodeTable, code: string): Promise<boolean> {
  return (await knex(table).where({ code }).first('id')) !== undefined;
}

export async function insertCodeRow(knex: Knex, table: CodeTable, row: object, columns: readonly string[]) {
  const [created] = await knex(table)
    .insert(row)
    .returning([...columns]);
  return created as Record<string, unknown>;
}

export async function codeRow(
  knex: Knex,
  table: CodeTable,
  code: string,
  columns: readonly string[],
  options: { forUpdate?: boolean } = {},
) {
  const query = knex(table)
    .where({ code })
    .first([...columns]);
  // An edit holds the row from reading its version to writing the next: parallel edits queue.
  if (options.forUpdate) query.forUpdate();
  return (await query) as Record<string, unknown> | undefined;
}

export async function updateCodeRow(
  knex: Knex,
  table: CodeTable,
  code: string,
  patch: object,
  columns: readonly string[],
) {
  const [after] = await knex(table)
    .where({ code })
    .update({ ...patch, version: knex.raw('version + 1'), updated_at: knex.fn.now() })
    .returning([...columns]);
  return after as Record<string, unknown>;
}
