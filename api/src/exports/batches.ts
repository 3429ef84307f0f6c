import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import type { ResolvedFilters } from '../hotspots/filter-sql.js';
import type { ExportRow } from './columns.js';
import { featureBatch, rowBatch, type ExportKeyset, type FeatureBatchRow } from './repo.js';

/** What an export reads: the filtered hotspots the viewer may see as of today, on a database the route hands over. */
export interface ExportQuery {
  knex: Knex;
  viewer: Viewer;
  filters: ResolvedFilters;
  today: string;
}

/** The next batch after a keyset (undefined: the first); fewer rows than asked for means the last. */
export type BatchReader<T> = (after: ExportKeyset | undefined) => Promise<T[]>;

/** Batches of GeoJSON Features, built in SQL. */
export function featureBatches(query: ExportQuery, size: number): BatchReader<FeatureBatchRow> {
  return (after) => featureBatch(query.knex, query.viewer, query.filters, query.today, after, size);
}

/** Batches of rows for CSV and XLSX. */
export function rowBatches(query: ExportQuery, size: number): BatchReader<ExportRow> {
  return (after) => rowBatch(query.knex, query.viewer, query.filters, query.today, after, size);
}
