/** One hotspot as a row of a table export (CSV, XLSX), as the repo reads it. */
export interface ExportRow {
  id: string;
  reference: string;
  title: string;
  description: string;
  category: string;
  category_kk: string;
  severity: string;
  status: string;
  agency: string | null;
  agency_kk: string | null;
  area_kk: string | null;
  registered_on: string;
  due_on: string | null;
  resolved_on: string | null;
  resolution_note: string | null;
  overdue: boolean;
  lon: number;
  lat: number;
  wkt: string;
  confidential: boolean;
  created_by: string;
  /** ISO 8601 in UTC. */
  updated_at: string;
}

export type ColumnKind = 'text' | 'date' | 'datetime' | 'number' | 'boolean';

export interface ExportColumn {
  key: Exclude<keyof ExportRow, 'id'>;
  kind: ColumnKind;
  /** Width in characters in the XLSX sheet, so the file opens readable. */
  width: number;
}

/**
 * The columns of the CSV and XLSX exports, in order. Headers are the field names of the API, so a
 * spreadsheet and the GeoJSON say the same thing; the `_kk` columns carry the Kazakh names people
 * read in the meeting, next to the codes that scripts match on.
 */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'reference', kind: 'text', width: 10 },
  { key: 'title', kind: 'text', width: 40 },
  { key: 'description', kind: 'text', width: 60 },
  { key: 'category', kind: 'text', width: 14 },
  { key: 'category_kk', kind: 'text', width: 28 },
  { key: 'severity', kind: 'text', width: 9 },
  { key: 'status', kind: 'text', width: 12 },
  { key: 'agency', kind: 'text', width: 18 },
  { key: 'agency_kk', kind: 'text', width: 36 },
  { key: 'area_kk', kind: 'text', width: 24 },
  { key: 'registered_on', kind: 'date', width: 12 },
  { key: 'due_on', kind: 'date', width: 12 },
  { key: 'resolved_on', kind: 'date', width: 12 },
  { key: 'resolution_note', kind: 'text', width: 40 },
  { key: 'overdue', kind: 'boolean', width: 8 },
  { key: 'lon', kind: 'number', width: 11 },
  { key: 'lat', kind: 'number', width: 11 },
  { key: 'wkt', kind: 'text', width: 40 },
  { key: 'confidential', kind: 'boolean', width: 8 },
  { key: 'created_by', kind: 'text', width: 24 },
  { key: 'updated_at', kind: 'datetime', width: 20 },
];
