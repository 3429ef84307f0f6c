import type { Knex } from 'knex';
import { geometry2DFromGeoJSON, geometryFromGeoJSON } from '@oshaq/db';
import { kkFold } from './fold.js';

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
 * The import's write is set-based: the checked rows go into a staging table in large batches (one
 * statement per batch, the batch as one JSON parameter: the same on PGlite and on a server), are
 * numbered there in one statement, and reach hotspots through INSERT … SELECT, each with its
 * `created` event. The staging table is temporary and dropped at the end of the transaction,
 * commit or rollback, so all-or-nothing is the transaction's, as before.
 */
export async function createStaging(trx: Knex.Transaction): Promise<void> {
  await trx.raw(
    `CREATE TEMP TABLE import_staging (
       ord integer PRIMARY KEY, title text, description text, category_id integer, severity text,
       geom geometry, agency_id integer, source text, external_ref text, registered_on date, due_on date,
       confidential boolean, reference text, folded text
     ) ON COMMIT DROP`,
  );
}

/**
 * Memory for the sorts and groupings of the import's statements, for this transaction only. The
 * map grid's and the statistics cells' triggers group every inserted row once per zoom band
 * (360,000 rows for a file of 40,000); with the default 4 MB that spilled ~100 MB of temporary
 * files per 20,000 rows to disk (pg_stat_database.temp_bytes). 128 MB keeps a 40,000-row file in
 * memory; it is a ceiling, not an allocation, and ends with the transaction.
 */
export async function roomToSort(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`SET LOCAL work_mem = '128MB'`);
}

/**
 * Reserves, in one statement, a block of reference numbers for each registration year (`counts`:
 * year → rows), and answers the first number of each block. The insert trigger would take numbers
 * one by one from the year's counter row, and 100 000 updates of one row in one transaction grow a
 * version chain each update must walk; this is the same counter, locked the same way until the
 * transaction ends (in year order, as any two imports lock them). The rows get their numbers in
 * file order as they are staged, in the trigger's format (hotspot_reference, db/src/sql-functions),
 * so no statement rewrites the staged rows to number them. A row skipped later (its external_ref
 * stored meanwhile by someone else) leaves a gap, as a rolled-back registration does.
 */
export async function reserveReferences(
  trx: Knex.Transaction,
  counts: ReadonlyMap<number, number>,
): Promise<Map<number, number>> {
  const { rows } = await trx.raw<{ rows: { year: number; last_seq: number }[] }>(
    `INSERT INTO hotspot_reference_counters AS c (year, last_seq)
     SELECT year, n FROM json_to_recordset(?::json) AS r(year integer, n integer) ORDER BY year
     ON CONFLICT (year) DO UPDATE SET last_seq = c.last_seq + excluded.last_seq
     RETURNING year, last_seq`,
    [JSON.stringify([...counts].map(([year, n]) => ({ year, n })))],
  );
  return new Map(rows.map((row) => [row.year, row.last_seq - counts.get(row.year)! + 1]));
}

/**
 * Adds rows to the staging table, numbered from `firstOrd` in file order, each with its number in
 * its registration year (`seqs`, from reserveReferences). Heights (a third coordinate, which
 * GeoJSON allows) are dropped here: the column is two-dimensional. The title and description are
 * folded for the search text here, in Node (fold.ts): folding them in the database was the largest
 * per-row cost of a large import.
 */
export async function stageRows(
  trx: Knex.Transaction,
  rows: HotspotInsert[],
  firstOrd: number,
  seqs: number[],
): Promise<void> {
  await trx.raw(
    `INSERT INTO import_staging (ord, title, description, category_id, severity, geom, agency_id, source,
                                 external_ref, registered_on, due_on, confidential, reference, folded)
     SELECT ord, title, description, category_id, severity, ? AS geom, agency_id, source,
            external_ref, registered_on, due_on, confidential,
            hotspot_reference(extract(year FROM registered_on)::integer, seq), folded
     FROM json_to_recordset(?::json) AS r(
       ord integer, title text, description text, category_id integer, severity text, geometry json,
       agency_id integer, source text, external_ref text, registered_on date, due_on date, confidential boolean,
       seq integer, folded text)`,
    [
      geometry2DFromGeoJSON(trx.raw('geometry::text')),
      JSON.stringify(
        rows.map((row, i) => ({
          ord: firstOrd + i,
          ...row,
          seq: seqs[i],
          folded: kkFold(`${row.title} ${row.description}`),
        })),
      ),
    ],
  );
}

/**
 * Moves staged rows with ord in [from, to) into hotspots, in file order, each with its `created`
 * event, in one statement; returns how many were created. The insert trigger files each under its
 * area by the rule every registration follows (smallest_area_containing). An external_ref stored
 * meanwhile by someone else is skipped rather than duplicated. The search text is the staged fold
 * of title and description after the folded reference; the setting tells the search text's trigger
 * (db/src/sql-functions/kk_fold_search_text.ts) that this transaction brings it folded.
 */
export async function insertStaged(trx: Knex.Transaction, from: number, to: number, actor: string): Promise<number> {
  await trx.raw(`SELECT set_config('oshaq.search_text_folded', 'on', true)`);
  const { rows: result } = await trx.raw<{ rows: { created: number }[] }>(
    `WITH inserted AS (
       INSERT INTO hotspots (reference, title, description, category_id, severity, geom, agency_id, source,
                             external_ref, registered_on, due_on, confidential, created_by, updated_by, search_text)
       SELECT reference, title, description, category_id, severity, geom, agency_id, source,
              external_ref, registered_on, due_on, confidential, ?, ?, kk_fold(reference) || ' ' || folded
       FROM import_staging WHERE ord >= ? AND ord < ? ORDER BY ord
       ON CONFLICT (external_ref) DO NOTHING
       RETURNING id
     ), events AS (
       INSERT INTO hotspot_events (hotspot_id, kind, actor)
       SELECT id, 'created', ? FROM inserted
       RETURNING 1
     )
     SELECT count(*)::integer AS created FROM events`,
    [actor, actor, from, to, actor],
  );
  return result[0]?.created ?? 0;
}
