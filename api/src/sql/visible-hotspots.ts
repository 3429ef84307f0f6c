import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';

/**
 * The one way hotspots are read. Confidential hotspots (religious extremism, interethnic conflict)
 * are shown only to prosecutor's staff and administrators; every query that reads the hotspots
 * table starts from a source made here for a reader, so a new query cannot forget the rule or get
 * it backwards. api/test/hotspot-reads.unit.test.ts fails when anything else in api/src reads the
 * table (writes stay in their write modules, listed there with their reasons).
 *
 * The sources are subqueries, `(SELECT * FROM hotspots WHERE …) AS h`, rather than conditions added
 * to the caller's query: an `orWhere` the caller adds cannot widen them. PostgreSQL pulls such a
 * subquery up into the query around it, so plans are those of the table itself (indexes included).
 */

declare const countsBrand: unique symbol;

/** See `countsIncludingConfidential`. */
export interface ConfidentialCounts {
  readonly [countsBrand]: true;
}

/**
 * Counts that include confidential hotspots for people who may not open them: the meeting's
 * headline (/api/stats under a headline period, see stats/confidential.ts), the discipline
 * report's totals when no agency is asked for, the year in figures. Given where a viewer would
 * go, to a read that answers with aggregates only; the files allowed to use it are listed in
 * api/test/hotspot-reads.unit.test.ts.
 */
export const countsIncludingConfidential = Object.freeze({}) as ConfidentialCounts;

/** Whom a read is for: a person (their viewer), or counts that include confidential hotspots. */
export type HotspotReader = Viewer | ConfidentialCounts;

function seesConfidential(reader: HotspotReader): boolean {
  return reader === countsIncludingConfidential || (reader as Viewer).seesConfidential === true;
}

/** Aliases and columns are the callers' constants; refuse anything else rather than splice it into SQL. */
function identifier(text: string, qualified: boolean): string {
  const pattern = qualified ? /^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/ : /^[a-z_][a-z0-9_]*$/;
  if (!pattern.test(text)) throw new Error(`Not an SQL ${qualified ? 'column' : 'alias'}: ${text}`);
  return text;
}

export interface SourceOptions {
  /** The alias the query names the rows by; `h` unless said. */
  as?: string;
  /** Deleted hotspots too: a record about a hotspot (an agenda item, an instruction) keeps naming it. */
  withDeleted?: boolean;
}

/** The source as SQL text, `(SELECT * FROM hotspots WHERE …) AS h`, for statements written out. */
export function visibleHotspotsSql(reader: HotspotReader, options: SourceOptions = {}): string {
  const conditions = [
    ...(options.withDeleted ? [] : ['deleted_at IS NULL']),
    ...(seesConfidential(reader) ? [] : ['NOT confidential']),
  ];
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  return `(SELECT * FROM hotspots${where}) AS ${identifier(options.as ?? 'h', false)}`;
}

/**
 * The statistics cells (migration 0020: live hotspots counted by area, category, status, month…)
 * a reader may count, as SQL text `(SELECT * FROM hotspot_cells WHERE …) AS c`: the same rule as
 * the hotspots, so a count from cells never takes in confidential hotspots the rows would not.
 */
export function visibleCellsSql(reader: HotspotReader, as = 'c'): string {
  const where = seesConfidential(reader) ? '' : ' WHERE NOT confidential';
  return `(SELECT * FROM hotspot_cells${where}) AS ${identifier(as, false)}`;
}

/**
 * The map's grid cells (migration 0022: hotspot_grid, or hotspot_grid_due for open ones by deadline)
 * a reader may count, as SQL text `(SELECT * FROM hotspot_grid WHERE …) AS g`: the same rule again,
 * so a cluster never counts a confidential hotspot the reader could not open.
 */
export function visibleGridSql(reader: HotspotReader, table: 'hotspot_grid' | 'hotspot_grid_due', as = 'g'): string {
  const where = seesConfidential(reader) ? '' : ' WHERE NOT confidential';
  return `(SELECT * FROM ${table}${where}) AS ${identifier(as, false)}`;
}

/**
 * The hotspots a reader may read — live ones unless `withDeleted` — as a query over `h` to join,
 * filter and select from. Start every read of hotspots here.
 */
export function visibleHotspots(knex: Knex, reader: HotspotReader, options: SourceOptions = {}): Knex.QueryBuilder {
  return knex.from(knex.raw(visibleHotspotsSql(reader, options)));
}

/**
 * For statements written out: the LEFT JOIN of the hotspot a record's column `fk` names, as `h`
 * (deleted ones too), and the condition that keeps a record — about no hotspot, or about one the
 * reader may see.
 */
export function hotspotAboutSql(reader: HotspotReader, fk: string): { join: string; shown: string } {
  const column = identifier(fk, true);
  return {
    join: `LEFT JOIN ${visibleHotspotsSql(reader, { withDeleted: true })} ON h.id = ${column}`,
    shown: `(${column} IS NULL OR h.id IS NOT NULL)`,
  };
}

/**
 * For records about a hotspot (agenda items, instructions, agencies' parts): LEFT JOINs as `h` the
 * hotspot the column `fk` names, as the reader may see it, and leaves out the records about a
 * hotspot the reader may not see — unless `keep` holds for the row, which then stays with `h`
 * NULL: it names no hotspot (an agency's own part of an instruction about a confidential
 * hotspot: the agency must see it has work to do, not what about).
 */
export function joinHotspotAbout(
  query: Knex.QueryBuilder,
  reader: HotspotReader,
  fk: string,
  keep?: { sql: string; bindings: readonly Knex.RawBinding[] },
): Knex.QueryBuilder {
  const about = hotspotAboutSql(reader, fk);
  query.joinRaw(about.join);
  if (keep) query.whereRaw(`(${about.shown} OR ${keep.sql})`, keep.bindings);
  else query.whereRaw(about.shown);
  return query;
}

/** A record `joinHotspotAbout` kept by `keep` although its hotspot is one the reader may not see. */
export const aboutHiddenHotspot = (fk: string) => `(${identifier(fk, true)} IS NOT NULL AND h.id IS NULL)`;
