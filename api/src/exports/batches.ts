import type { Knex } from 'knex';
import type { ExportRow } from './columns.js';
import { featureBatch, rowBatch, type BatchScope, type ExportKeyset, type FeatureBatchRow } from './repo.js';
import type { ExportLang } from './words.js';

/**
 * What an export reads: the filtered hotspots the viewer may see as of today, in the list's
 * order for the same sort, on a database the route hands over; `lang` names what the rows name.
 */
export interface ExportQuery extends BatchScope {
  knex: Knex;
  lang: ExportLang;
}

/** The next batch after a keyset (undefined: the first); fewer rows than asked for means the last. */
export type BatchReader<T> = (after: ExportKeyset | undefined) => Promise<T[]>;

/** Batches of GeoJSON Features, built in SQL. */
export function featureBatches(query: ExportQuery, size: number): BatchReader<FeatureBatchRow> {
  return (after) => featureBatch(query.knex, query, after, size);
}

/** Batches of rows for CSV and XLSX. */
export function rowBatches(query: ExportQuery, size: number): BatchReader<ExportRow> {
  return (after) => rowBatch(query.knex, query, query.lang, after, size);
}
