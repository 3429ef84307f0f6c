import type { ExportLang } from './words.js';
import { EXPORT_WORDS } from './words.js';

/** One hotspot as a row of a table export (CSV, XLSX), as the repo reads it: names in the language asked. */
export interface ExportRow {
  id: string;
  /** The row's value of the sort, as text: where the next batch starts (with id). */
  sort_value: string;
  reference: string;
  title: string;
  description: string;
  category: string;
  severity: string;
  status: string;
  agency: string | null;
  area: string | null;
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

/** `severity` and `status` are codes worded from EXPORT_WORDS; booleans become yes/no. */
export type ColumnKind = 'text' | 'date' | 'datetime' | 'number' | 'boolean' | 'severity' | 'status';

export interface ExportColumn {
  key: Exclude<keyof ExportRow, 'id' | 'sort_value'>;
  kind: ColumnKind;
  /** Width in characters in the XLSX sheet, so the file opens readable. */
  width: number;
}

/**
 * The columns of the CSV and XLSX exports, in order, for people: headers and values in the
 * language asked, categories, agencies and areas by name. Programs read the GeoJSON, which keeps codes.
 */
export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'reference', kind: 'text', width: 12 },
  { key: 'title', kind: 'text', width: 40 },
  { key: 'description', kind: 'text', width: 60 },
  { key: 'category', kind: 'text', width: 28 },
  { key: 'severity', kind: 'severity', width: 14 },
  { key: 'status', kind: 'status', width: 16 },
  { key: 'agency', kind: 'text', width: 36 },
  { key: 'area', kind: 'text', width: 24 },
  { key: 'registered_on', kind: 'date', width: 14 },
  { key: 'due_on', kind: 'date', width: 14 },
  { key: 'resolved_on', kind: 'date', width: 14 },
  { key: 'resolution_note', kind: 'text', width: 40 },
  { key: 'overdue', kind: 'boolean', width: 12 },
  { key: 'confidential', kind: 'boolean', width: 12 },
  { key: 'lon', kind: 'number', width: 11 },
  { key: 'lat', kind: 'number', width: 11 },
  { key: 'wkt', kind: 'text', width: 40 },
  { key: 'created_by', kind: 'text', width: 24 },
  { key: 'updated_at', kind: 'datetime', width: 20 },
];

/** The header of each column in one language. */
export function columnHeaders(lang: ExportLang): string[] {
  return EXPORT_COLUMNS.map((column) => EXPORT_WORDS[lang].columns[column.key] ?? column.key);
}

/** A cell's value for people: codes and booleans as words; dates and numbers left for the format to write. */
export function wordedValue(column: ExportColumn, row: ExportRow, lang: ExportLang): string | number | null {
  const value = row[column.key];
  if (value === null) return null;
  const words = EXPORT_WORDS[lang];
  if (column.kind === 'boolean') return value ? words.yes : words.no;
  if (column.kind === 'severity') return wordOf(words.severity, value);
  if (column.kind === 'status') return wordOf(words.status, value);
  return value as string | number;
}

/** A code's word; a code the words lack (a status added to the database first) shows as itself. */
function wordOf(words: Record<string, string>, code: unknown): string {
  return words[String(code)] ?? String(code);
}
