import type { Response } from 'express';
import ExcelJS from 'exceljs';
import type { ExportCaption } from './caption.js';
import {
  columnHeaders,
  EXPORT_COLUMNS,
  wordedValue,
  type ColumnKind,
  type ExportColumn,
  type ExportRow,
} from './columns.js';
import type { ExportLang } from './words.js';
import { EXPORT_WORDS } from './words.js';
import { drainOrGone, finished } from './stream.js';

/** Excel refuses a file with a longer cell ("We found a problem with some content"). */
const EXCEL_CELL_MAX = 32767;

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

/** Date columns hold 'YYYY-MM-DD': UTC midnight is that day exactly (exceljs converts in UTC). */
function asDate(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
}

/**
 * A text too long for one cell keeps its start and says so, rather than being cut silently; a
 * WKT cut short would be a wrong geometry, so it is replaced by the note alone.
 */
function fitCell(column: ExportColumn['key'], text: string, lang: ExportLang): string {
  if (text.length <= EXCEL_CELL_MAX) return text;
  const note = `[${EXPORT_WORDS[lang].tooLong.replace('{n}', String(text.length))}]`;
  return column === 'wkt' ? note : `${text.slice(0, EXCEL_CELL_MAX - note.length - 1)} ${note}`;
}

function cellValue(column: ExportColumn, row: ExportRow, lang: ExportLang): ExcelJS.CellValue {
  const value = wordedValue(column, row, lang);
  if (value === null) return null;
  if (column.kind === 'date' || column.kind === 'datetime') return asDate(String(value));
  // Typed cells are never formulas, so no apostrophe guard here: the text stays as entered.
  return typeof value === 'string' ? fitCell(column.key, value, lang) : value;
}

interface WritableState {
  _writableState?: { length: number; highWaterMark: number };
  once(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

/**
 * exceljs writes each sheet's XML into a PassThrough that the zip reads, ignoring the return
 * value of write(): with a slow client the whole sheet would pile up there. The zip and the
 * response pass backpressure on properly, so watching this one buffer is enough to pace the
 * export. Internal to exceljs 4 (pinned by the lock file): should an upgrade move it, the test
 * that cuts a slow download mid-export fails, as the export would then run ahead of the client.
 */
function sheetBuffer(sheet: ExcelJS.Worksheet): WritableState | undefined {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const first = pipes?.[0] as WritableState | undefined;
  return first?._writableState ? first : undefined;
}

export interface XlsxWriter {
  write(rows: readonly ExportRow[]): Promise<void>;
  end(): Promise<void>;
}

/** Rows above the header: title, filters in words, sort, date made. */
const CAPTION_ROWS = 4;

/**
 * Streams a workbook to the response: one sheet named in the language asked, title rows saying
 * which hotspots and when, a bold header row that stays in view with them (frozen), dates as real
 * dates. Shared strings are off, as they would keep every text in memory until the end.
 */
export function xlsxWriter(res: Response, lang: ExportLang, caption: ExportCaption, today: string): XlsxWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  let failure: unknown;
  // An archiver error with no listener would crash the process; end this download instead.
  (workbook as unknown as { zip: NodeJS.EventEmitter }).zip.on('error', (error: unknown) => {
    failure = error;
    res.destroy();
  });
  workbook.creator = 'Oshaq';
  const sheet = workbook.addWorksheet(EXPORT_WORDS[lang].sheet, {
    views: [{ state: 'frozen', ySplit: CAPTION_ROWS + 1 }],
  });
  sheet.columns = EXPORT_COLUMNS.map((column) => {
    const numFmt = NUMBER_FORMATS[column.kind];
    return { key: column.key, width: column.width, ...(numFmt ? { style: { numFmt } } : {}) };
  });
  const title = sheet.addRow([caption.title]);
  title.font = { bold: true, size: 14 };
  title.commit();
  sheet.addRow([caption.filters]).commit();
  sheet.addRow([caption.sort]).commit();
  // The date made is a date cell too; the first column's format is a date's only from the header on.
  const made = sheet.addRow([caption.madeLabel, asDate(today)]);
  made.getCell(2).numFmt = 'yyyy-mm-dd';
  made.getCell(2).alignment = { horizontal: 'left' };
  made.commit();
  const header = sheet.addRow(columnHeaders(lang));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.commit();

  const pace = async () => {
    if (failure) throw failure;
    const pending = sheetBuffer(sheet);
    const state = pending?._writableState;
    if (pending && state && state.length >= state.highWaterMark) await drainOrGone(res, pending);
    if (res.writableNeedDrain) await drainOrGone(res);
  };

  return {
    async write(rows) {
      for (const row of rows) sheet.addRow(EXPORT_COLUMNS.map((column) => cellValue(column, row, lang))).commit();
      await pace();
    },
    async end() {
      sheet.commit();
      // commit() waits for the response's 'finish', which never comes if the client left.
      await Promise.all([workbook.commit(), finished(res)]);
      if (failure) throw failure;
    },
  };
}
