import type { Knex } from 'knex';
import { geometry2DFromGeoJSON, geometryFromGeoJSON } from '@oshaq/db';

/**
 * SQL for imports. Every statement takes a whole batch as one JSON parameter, so a file of
 * 100 000 rows costs a few hundred round trips, not one per row; each is one statement (PGlite).
 */

/** Which of these external_refs are already stored (deleted hotspots included: the column is unique). */
export async function existingExternalRefs(knex: Knex, refs: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < refs.length; i += 10_000) {
    const { rows } = await knex.raw<{ rows: { external_ref: string }[] }>(
      `SELECT external_ref FROM hotspots
       WHERE external_ref IN (SELECT json_array_elements_text(?::json))`,
      [JSON.stringify(refs.slice(i, i + 10_000))],
    );
    for (const row of rows) found.add(row.external_ref);
  }
  return found;
}

export interface GeometryVerdict {
  valid: boolean;
  reason: string;
  /** Whether the jurisdiction covers it; null without a jurisdiction or for an invalid geometry. */
  covered: boolean | null;
}

/** PostGIS's verdict on each geometry of a batch, in order, with the reason and place when invalid. */
export async function geometryVerdicts(
  knex: Knex,
  geometries: unknown[],
  jurisdiction: readonly string[] | undefined,
): Promise<GeometryVerdict[]> {
  // As for one hotspot (hotspots/repo.ts jurisdictionCovers): the whole place lies in one of the areas.
  const { rows } = await knex.raw<{ rows: (GeometryVerdict & { ord: number })[] }>(
    `SELECT t.ord::integer AS ord, ST_IsValid(g.geom) AS valid, ST_IsValidReason(g.geom) AS reason,
            CASE WHEN j.codes IS NOT NULL AND ST_IsValid(g.geom) THEN EXISTS (
              SELECT 1 FROM areas a WHERE a.code = ANY(j.codes) AND ST_Covers(a.geom, g.geom)) END AS covered
     FROM json_array_elements(?::json) WITH ORDINALITY AS t(geometry, ord)
     CROSS JOIN LATERAL (SELECT ? AS geom) AS g
     CROSS JOIN (SELECT string_to_array(?::text, ',') AS codes) AS j
     ORDER BY t.ord`,
    [JSON.stringify(geometries), geometryFromGeoJSON(knex.raw('t.geometry::text')), jurisdiction?.join(',') ?? null],
  );
  return rows;
}

/** The jurisdiction's names, joined; undefined unless all its areas are loaded. */
export async function areaNames(knex: Knex, codes: readonly string[]) {
  const rows: { name_kk: string; name_ru: string }[] = await knex('areas')
    .whereIn('code', [...codes])
    .orderBy('code')
    .select('name_kk', 'name_ru');
  if (rows.length < codes.length) return undefined;
  return { name_kk: rows.map((r) => r.name_kk).join(', '), name_ru: rows.map((r) => r.name_ru).join(', ') };
}

export interface HotspotInsert {
  title: string;
  description: string;
  category_id: number;
  severity: string;
  geometry: unknown;
  agency_id: number | null;
  source: string | null;
  external_ref: string;
  registered_on: string;
  due_on: string | null;
  confidential: boolean;
}

/**
 * Inserts a batch of hotspots, in file order, each with its `created` event, in one statement;
 * returns how many were created. An external_ref stored meanwhile by someone else is skipped
 * rather than duplicated.
 *
 * Reference numbers: the insert trigger would take them one by one from the year's counter row,
 * and 100 000 updates of one row in one transaction grow a version chain each update must walk
 * (minutes for a large file). So each batch reserves a block per year in one upsert — the same
 * counter, locked the same way — and numbers its rows in file order, in the trigger's format
 * (hotspot_reference, db/src/sql-functions).
 * Heights (a third coordinate, which GeoJSON allows) are dropped: the column is two-dimensional.
 */
export async function insertHotspots(trx: Knex.Transaction, rows: HotspotInsert[], actor: string): Promise<number> {
  const { rows: result } = await trx.raw<{ rows: { created: number }[] }>(
    `WITH input AS (
       SELECT r.*, extract(year FROM r.registered_on)::integer AS year
       FROM json_to_recordset(?::json) AS r(
         ord integer, title text, description text, category_id integer, severity text, geometry json,
         agency_id integer, source text, external_ref text, registered_on date, due_on date, confidential boolean)
     ), per_year AS (
       SELECT year, count(*)::integer AS n FROM input GROUP BY year
     ), reserved AS (
       INSERT INTO hotspot_reference_counters AS c (year, last_seq)
       SELECT year, n FROM per_year
       ON CONFLICT (year) DO UPDATE SET last_seq = c.last_seq + excluded.last_seq
       RETURNING year, last_seq
     ), numbered AS (
       SELECT i.*, res.last_seq - p.n
                   + row_number() OVER (PARTITION BY i.year ORDER BY i.ord)::integer AS seq
       FROM input i JOIN per_year p USING (year) JOIN reserved res USING (year)
     ), inserted AS (
       INSERT INTO hotspots (reference, title, description, category_id, severity, geom, agency_id, source,
                             external_ref, registered_on, due_on, confidential, created_by, updated_by)
       SELECT hotspot_reference(year, seq), title, description, category_id, severity, ? AS geom,
              agency_id, source, external_ref, registered_on, due_on, confidential, ?, ?
       FROM numbered ORDER BY ord
       ON CONFLICT (external_ref) DO NOTHING
       RETURNING id
     ), events AS (
       INSERT INTO hotspot_events (hotspot_id, kind, actor)
       SELECT id, 'created', ? FROM inserted
       RETURNING 1
     )
     SELECT count(*)::integer AS created FROM events`,
    [
      JSON.stringify(rows.map((row, ord) => ({ ord, ...row }))),
      geometry2DFromGeoJSON(trx.raw('geometry::text')),
      actor,
      actor,
      actor,
    ],
  );
  return result[0]?.created ?? 0;
}
