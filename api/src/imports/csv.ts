import { MAX_VERTICES_DEFAULT } from '../contract/geometry.js';
import { finished } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { IMPORT_TEXT_COLUMNS } from '../contract/import-columns.js';
import { HttpProblem } from '../http/problem.js';
import type { SourceRow } from './rows.js';
import { IMPORT_MAX_ROWS, tooManyRows } from './schema.js';
import { geometryFromWkt } from './wkt.js';

const TEXT_COLUMNS = IMPORT_TEXT_COLUMNS;
const KNOWN_COLUMNS = [...TEXT_COLUMNS, 'confidential', 'lon', 'lat', 'wkt'];
const REQUIRED_COLUMNS = ['external_ref', 'title', 'category', 'severity'];

const TRUE = new Set(['true', '1', 'yes', 'иә', 'да']);
const FALSE = new Set(['false', '0', 'no', 'жоқ', 'нет']);

/** `,` or `;`, whichever the header line uses more outside quotes (Excel in Kazakhstan writes `;`). */
function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** A coordinate as people write it: 68.26, or 68,26 in a `;`-separated file from a comma locale. */
function coordinate(text: string, delimiter: string): number | undefined {
  const written = delimiter === ';' && /^[-+]?\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(written)) return undefined;
  return Number(written);
}

function readHeader(record: string[]): string[] {
  const header = record.map((name) => name.trim().toLowerCase());
  const unknown = header.filter((name) => !KNOWN_COLUMNS.includes(name));
  const repeated = header.filter((name, i) => header.indexOf(name) !== i);
  const missing = REQUIRED_COLUMNS.filter((name) => !header.includes(name));
  const hasLonLat = header.includes('lon') && header.includes('lat');
  const problems = [
    unknown.length ? `unknown column(s) ${unknown.map((n) => `"${n}"`).join(', ')}` : '',
    repeated.length ? `repeated column(s) ${[...new Set(repeated)].join(', ')}` : '',
    missing.length ? `missing column(s) ${missing.join(', ')}` : '',
    hasLonLat || header.includes('wkt') ? '' : 'no place: add lon and lat columns, or a wkt column',
    header.includes('lon') !== header.includes('lat') ? 'lon and lat must come together' : '',
  ].filter(Boolean);
  if (problems.length) {
    throw new HttpProblem(
      400,
      'Unusable CSV header',
      `The CSV header has ${problems.join('; ')}. The first line names the columns: ${KNOWN_COLUMNS.join(', ')} (external_ref, title, category, severity and the place are required).`,
    );
  }
  return header;
}

/** Characters of cells read between yields to the event loop (a 5,000-vertex polygon is ~100,000). */
const WKT_CHARS_BETWEEN_YIELDS = 100_000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type CsvRecord = { record: string[]; info: { lines: number; empty_lines: number } };

/** Text handed to the parser between yields: about 10 ms of parsing, so other requests are not kept waiting. */
const PARSE_SLICE = 256 * 1024;

function malformed(error: unknown): HttpProblem {
  if (!(error instanceof CsvError)) throw error;
  const line = (error as CsvError & { lines?: number }).lines;
  return new HttpProblem(
    400,
    'Malformed CSV',
    `The CSV cannot be read${line ? ` at line ${line}` : ''}: ${error.message}. Quote fields that hold the delimiter, quotes or line breaks ("…"), doubling quotes inside them ("").`,
  );
}

/**
 * The records of the file, parsed a slice at a time with a yield in between: parsed at once, a
 * 20 MB file held the process for seconds. Stops after one record more than an import takes.
 */
async function csvRecords(text: string, delimiter: string): Promise<CsvRecord[]> {
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    // The header, the rows an import takes, and one more to tell that there are too many.
    to: IMPORT_MAX_ROWS + 2,
  });
  const records: CsvRecord[] = [];
  let failure: unknown;
  parser.on('readable', () => {
    for (let record = parser.read() as CsvRecord | null; record !== null; record = parser.read() as CsvRecord | null)
      records.push(record);
  });
  const done = finished(parser).catch((error: unknown) => {
    failure ??= error;
  });
  parser.on('error', (error) => {
    failure ??= error;
  });
  let at = 0;
  while (at < text.length && failure === undefined && records.length <= IMPORT_MAX_ROWS + 1) {
    let end = Math.min(text.length, at + PARSE_SLICE);
    // Never between the two halves of a surrogate pair (an emoji): each slice is encoded alone.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    parser.write(text.slice(at, end));
    at = end;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (failure === undefined) parser.end();
  await done;
  if (failure !== undefined) throw malformed(failure);
  return records;
}

/** Reads the place of a row: `wkt`, or `lon` and `lat`. */
function readPlace(
  cells: Map<string, string>,
  header: string[],
  delimiter: string,
  row: SourceRow,
  maxVertices: number,
): void {
  const wkt = cells.get('wkt');
  const lonText = cells.get('lon');
  const latText = cells.get('lat');
  const problem = (field: string, message: string, code: string, params?: Record<string, string | number>) => {
    row.problems.push({ field, message, code, ...(params ? { params } : {}) });
    row.reported?.add('geometry');
  };
  if (wkt !== undefined) {
    row.geometryField = () => 'wkt';
    if (lonText !== undefined || latText !== undefined)
      return problem('wkt', 'give the place as wkt or as lon/lat, not both', 'place_twice');
    const read = geometryFromWkt(wkt, maxVertices);
    if ('error' in read) return problem('wkt', read.error, read.code, read.params);
    row.input.geometry = read.geometry;
    return;
  }
  row.geometryField = (message) =>
    message.startsWith('latitude') ? 'lat' : message.startsWith('longitude') ? 'lon' : 'lon/lat';
  if (lonText === undefined && latText === undefined) {
    return problem(
      header.includes('lon') ? 'lon' : 'wkt',
      'is required: give the place as lon and lat, or as wkt',
      'place_required',
    );
  }
  const lon = lonText === undefined ? undefined : coordinate(lonText, delimiter);
  const lat = latText === undefined ? undefined : coordinate(latText, delimiter);
  for (const [field, text, value] of [
    ['lon', lonText, lon],
    ['lat', latText, lat],
  ] as const) {
    if (text === undefined)
      problem(field, `is required with ${field === 'lon' ? 'lat' : 'lon'}`, 'coordinate_required', {
        other: field === 'lon' ? 'lat' : 'lon',
      });
    else if (value === undefined)
      problem(field, `must be a number in degrees, such as ${field === 'lon' ? '68.26' : '43.30'}`, 'not_degrees', {
        example: field === 'lon' ? '68.26' : '43.30',
      });
  }
  if (lon !== undefined && lat !== undefined) row.input.geometry = { type: 'Point', coordinates: [lon, lat] };
}

/**
 * CSV (RFC 4180, UTF-8, header line first) to rows. Empty cells are absent values. Rows are
 * counted as data rows; `line` is where each starts in the file, since quoted fields may span lines.
 */
export async function csvRows(text: string, maxVertices = MAX_VERTICES_DEFAULT): Promise<SourceRow[]> {
  const delimiter = detectDelimiter(text.replace(/^\uFEFF/, ''));
  const records = await csvRecords(text, delimiter);
  const [first, ...data] = records;
  if (!first) throw new HttpProblem(400, 'Empty file', 'The CSV has no header line.');
  const header = readHeader(first.record);
  if (data.length > IMPORT_MAX_ROWS) throw tooManyRows('row(s)');
  let previous = first.info;
  let parsedSinceYield = 0;
  const rows: SourceRow[] = [];
  for (const [index, { record, info }] of data.entries()) {
    // Reading WKT costs 10–30 µs a vertex: other requests get their turn every ~5,000 vertices' worth.
    if (parsedSinceYield > WKT_CHARS_BETWEEN_YIELDS) {
      parsedSinceYield = 0;
      await yieldToEventLoop();
    }
    parsedSinceYield += record.reduce((sum, cell) => sum + cell.length, 0);
    rows.push(csvRow(record, info, index));
  }
  return rows;

  function csvRow(record: string[], info: CsvRecord['info'], index: number): SourceRow {
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    const row: SourceRow = { row: index + 1, line, input: {}, problems: [], reported: new Set() };
    if (record.length !== header.length) {
      row.unreadable = true;
      row.problems.push({
        field: 'row',
        message: `has ${record.length} field(s) where the header has ${header.length}: check the delimiter (${delimiter}) and that fields holding it are quoted`,
        code: 'field_count',
        params: { found: record.length, expected: header.length, delimiter },
      });
      return row;
    }
    const cells = new Map<string, string>();
    header.forEach((name, i) => {
      const value = record[i]?.trim() ?? '';
      if (value !== '') cells.set(name, value);
    });
    for (const column of TEXT_COLUMNS) {
      const value = cells.get(column);
      if (value !== undefined) row.input[column] = value;
    }
    const confidential = cells.get('confidential')?.toLowerCase();
    if (confidential !== undefined) {
      if (TRUE.has(confidential)) row.input.confidential = true;
      else if (FALSE.has(confidential)) row.input.confidential = false;
      else
        row.problems.push({
          field: 'confidential',
          message: 'must be true or false (or empty, meaning false)',
          code: 'not_boolean',
        });
    }
    readPlace(cells, header, delimiter, row, maxVertices);
    return row;
  }
}
