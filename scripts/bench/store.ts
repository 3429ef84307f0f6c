import type { Knex } from 'knex';
import type { Point, Polygon } from 'geojson';
import { BENCH_REF_PREFIX, BENCH_SOURCE, type BenchHotspot } from './generate.js';
import { toWkt } from './places.js';

/**
 * SQL for the bench loader. A batch of hotspots and their histories is one statement with the
 * rows as JSON parameters: one round trip per batch on a server, and one statement per query as
 * PGlite requires. Each batch is atomic, so an interrupted load leaves whole hotspots only.
 */
const IS_BENCH = `(source = '${BENCH_SOURCE}' OR external_ref LIKE '${BENCH_REF_PREFIX}%')`;

/** Hotspots that are not bench data (deleted ones included): real records the loader must not mix with. */
export async function countOtherHotspots(knex: Knex): Promise<number> {
  const { rows } = await knex.raw<{ rows: { n: number }[] }>(
    `SELECT count(*)::integer AS n FROM hotspots WHERE NOT coalesce(${IS_BENCH}, false)`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Removes earlier bench hotspots and their histories, so a load leaves exactly the requested
 * data set. (TRUNCATE would be faster, but other tables — meeting agendas, instructions — refer
 * to hotspots, and PostgreSQL truncates a referenced table only together with them.) When the
 * table is left empty, the year counters start again, so reloading a seed gives the same numbers.
 */
export async function removeBenchHotspots(knex: Knex): Promise<number> {
  return knex.transaction(async (trx) => {
    await trx.raw(`DELETE FROM hotspot_events WHERE hotspot_id IN (SELECT id FROM hotspots WHERE ${IS_BENCH})`);
    const { rowCount } = await trx
      .raw<{ rowCount: number }>(`DELETE FROM hotspots WHERE ${IS_BENCH}`)
      .catch((error: Error & { code?: string }) => {
        if (error.code !== '23503') throw error;
        throw new Error(`earlier bench hotspots cannot be removed: ${error.message}; load into a fresh database`);
      });
    await trx.raw('DELETE FROM hotspot_reference_counters WHERE NOT EXISTS (SELECT 1 FROM hotspots)');
    return rowCount ?? 0;
  });
}

export interface ReferenceIds {
  categories: Map<string, number>;
  agencies: Map<string, number>;
}

export async function referenceIds(knex: Knex): Promise<ReferenceIds> {
  const byCode = async (table: string) => {
    const rows = (await knex(table).select('id', 'code')) as { id: number; code: string }[];
    return new Map(rows.map((row) => [row.code, row.id]));
  };
  return { categories: await byCode('categories'), agencies: await byCode('agencies') };
}

/**
 * Reserves reference numbers for a batch: one block per registration year, taken from the same
 * counter the insert trigger uses, so numbers never collide with the API's. The trigger would take
 * them row by row (one counter row updated 100 000 times, each update walking a longer version
 * chain: minutes). The import does the same per batch (api/src/imports/repo.ts), inside its insert;
 * here it is a statement of its own, committed at once, so batches stored in parallel do not wait
 * on the counter's row lock. The price: a batch that fails leaves a gap in the numbers.
 * Returns each row's reference, in the trigger's format ("2025-018"), in row order.
 */
export async function reserveReferences(knex: Knex, rows: BenchHotspot[]): Promise<string[]> {
  const perYear = new Map<number, number>();
  for (const row of rows) {
    const year = Number(row.registeredOn.slice(0, 4));
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
  }
  const { rows: reserved } = await knex.raw<{ rows: { year: number; last_seq: number }[] }>(
    `INSERT INTO hotspot_reference_counters AS c (year, last_seq)
     SELECT (pair->>0)::integer, (pair->>1)::integer FROM json_array_elements(?::json) AS pair
     ON CONFLICT (year) DO UPDATE SET last_seq = c.last_seq + excluded.last_seq
     RETURNING year, last_seq`,
    [JSON.stringify([...perYear])],
  );
  const next = new Map(reserved.map(({ year, last_seq }) => [year, last_seq - (perYear.get(year) as number) + 1]));
  return rows.map((row) => {
    const year = Number(row.registeredOn.slice(0, 4));
    const seq = next.get(year) as number;
    next.set(year, seq + 1);
    return `${year}-${String(seq).padStart(3, '0')}`;
  });
}

/** The two JSON parameters of one batch. */
export interface BatchPayload {
  hotspots: string;
  events: string;
  count: number;
  eventCount: number;
}

export function batchPayload(rows: BenchHotspot[], references: string[], ids: ReferenceIds): BatchPayload {
  const idOf = (map: Map<string, number>, code: string, what: string) => {
    const id = map.get(code);
    if (id === undefined) throw new Error(`the database has no ${what} "${code}": run the reference seed first`);
    return id;
  };
  const events: object[] = [];
  const hotspots = rows.map((row, index) => {
    for (const event of row.events) {
      events.push({
        hotspot_id: row.id,
        kind: event.kind,
        actor: event.actor,
        at: event.at,
        from_status: event.fromStatus,
        to_status: event.toStatus,
        note: event.note,
      });
    }
    return {
      id: row.id,
      reference: references[index],
      title: row.title,
      description: row.description,
      category_id: idOf(ids.categories, row.categoryCode, 'category'),
      agency_id: idOf(ids.agencies, row.agencyCode, 'agency'),
      severity: row.severity,
      status: row.status,
      wkt: toWkt(row.geometry as Point | Polygon),
      external_ref: row.externalRef,
      registered_on: row.registeredOn,
      due_on: row.dueOn,
      resolved_on: row.resolvedOn,
      resolution_note: row.resolutionNote,
      confidential: row.confidential,
      version: row.version,
      created_by: row.createdBy,
      created_at: row.createdAt,
      updated_by: row.updatedBy,
      updated_at: row.updatedAt,
    };
  });
  return {
    hotspots: JSON.stringify(hotspots),
    events: JSON.stringify(events),
    count: rows.length,
    eventCount: events.length,
  };
}

/**
 * Inserts one batch of hotspots and their events. The insert trigger sees a reference and skips
 * its own numbering; the area is left to it, so it is the smallest containing area by the same
 * rule as every other write. Events go in history order, so their ids follow time as well.
 */
export async function insertBatch(knex: Knex, payload: BatchPayload): Promise<{ hotspots: number; events: number }> {
  const { rows } = await knex.raw<{ rows: { hotspots: number; events: number }[] }>(
    `WITH inserted AS (
       INSERT INTO hotspots (id, reference, title, description, category_id, agency_id, severity, status, geom,
                             source, external_ref, registered_on, due_on, resolved_on, resolution_note,
                             confidential, version, created_by, created_at, updated_by, updated_at)
       SELECT id, reference, title, description, category_id, agency_id, severity, status, ST_GeomFromText(wkt, 4326),
              ?, external_ref, registered_on, due_on, resolved_on, resolution_note,
              confidential, version, created_by, created_at, updated_by, updated_at
       FROM json_to_recordset(?::json) AS r(
         id uuid, reference text, title text, description text, category_id integer, agency_id integer,
         severity text, status text, wkt text, external_ref text, registered_on date, due_on date,
         resolved_on date, resolution_note text, confidential boolean, version integer,
         created_by text, created_at timestamptz, updated_by text, updated_at timestamptz)
       RETURNING 1
     ), events AS (
       INSERT INTO hotspot_events (hotspot_id, kind, actor, at, from_status, to_status, note)
       SELECT hotspot_id, kind, actor, at, from_status, to_status, note
       FROM json_to_recordset(?::json) AS e(
         hotspot_id uuid, kind text, actor text, at timestamptz, from_status text, to_status text, note text)
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM inserted)::integer AS hotspots, (SELECT count(*) FROM events)::integer AS events`,
    [BENCH_SOURCE, payload.hotspots, payload.events],
  );
  return rows[0] ?? { hotspots: 0, events: 0 };
}
