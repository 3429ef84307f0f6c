import { columnHeaders, EXPORT_COLUMNS, wordedValue, type ExportRow } from './columns.js';
import type { ExportLang } from './words.js';

/**
 * Excel reads a CSV without a byte-order mark in the machine's ANSI code page, which turns
 * ә ғ қ ң ө ұ ү һ і into garbage; with the BOM it reads UTF-8. Other tools skip it.
 */
const CSV_BOM = '\uFEFF';

/** RFC 4180 ends records with CRLF, whatever the server's platform. */
const EOL = '\r\n';

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR, which some strip before
 * parsing) as a formula: a title like `=HYPERLINK(...)` would run on the reader's machine.
 * The full-width ＝ ＋ － ＠ are guarded too: East Asian input settings can turn them into the ASCII
 * signs, and an apostrophe in front costs nothing.
 * A leading apostrophe makes it text, the mitigation OWASP recommends.
 */
export const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field, RFC 4180: quoted when it holds a quote, comma, CR or LF; quotes doubled. */
function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRecord(values: readonly (string | number | boolean | null)[]): string {
  return values.map(csvField).join(',') + EOL;
}

/**
 * The header record, with the BOM in front: it is the first thing in the file. The headers are the
 * XLSX's, in the language asked; no caption above them, so the file stays one table a program can read.
 */
export function csvHeader(lang: ExportLang): string {
  return CSV_BOM + csvRecord(columnHeaders(lang));
}

/** A batch of rows as CSV records, one string so it is one write to the response; codes and yes/no as words. */
export function csvRows(rows: readonly ExportRow[], lang: ExportLang): string {
  return rows.map((row) => csvRecord(EXPORT_COLUMNS.map((column) => wordedValue(column, row, lang)))).join('');
}
