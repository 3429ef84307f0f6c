import type { z } from 'zod';
import { issueCode as fieldIssueCode } from '../contract/field-codes.js';
import { hotspotCreate, type HotspotCreate } from '../contract/hotspots.js';
import { countVertices, type HotspotGeometry } from '../contract/geometry.js';
import { DomainError } from '../errors.js';
import { checkDates } from '../hotspots/service.js';
import type { ImportProblem } from './schema.js';

/** One feature or CSV data row, turned into what `POST /api/hotspots` would receive. */
export interface SourceRow {
  /** 1-based: the feature's place in `features`, or the CSV data row (header not counted). */
  row: number;
  /** CSV only: the file line the row starts on. */
  line?: number;
  /** A candidate for `hotspotCreate`. */
  input: Record<string, unknown>;
  /** Problems found while reading the row (a lon that is not a number, WKT that does not parse…). */
  problems: RowProblem[];
  /** Fields of `input` whose problem is already among `problems`: not reported twice. */
  reported?: Set<string>;
  /** The row could not be read at all (wrong number of CSV fields): nothing more is checked. */
  unreadable?: boolean;
  /** Names a geometry problem after where the geometry came from (CSV `wkt`, `lon`, `lat`). */
  geometryField?: (message: string) => string;
}

/** What of a row could be read, for the checks that need the database (codes, geometry). */
export interface RowParts {
  row: number;
  line?: number;
  category?: string;
  agency?: string;
  geometry?: HotspotGeometry;
  /** Vertices, to size the geometry-validity batches. */
  vertices: number;
  /** Where the geometry came from, to name it in a problem: `geometry`, or a CSV column. */
  geometryField: string;
}

/** A row that passed every check that needs no database. */
export interface CheckedRow extends RowParts {
  value: HotspotCreate & { external_ref: string; registered_on: string };
}

const ROW_FIELDS = Object.keys(hotspotCreate.shape);

/**
 * A problem of a row: English for API users, and a stable code with the values it names, which the
 * web words in the person's language (web/src/imports/problem-words.ts).
 */
export interface RowProblem {
  field: string;
  message: string;
  code: string;
  params?: Record<string, string | number>;
}

export function problemAt(
  row: { row: number; line?: number },
  field: string,
  message: string,
  code: string,
  params?: Record<string, string | number>,
): ImportProblem {
  return {
    row: row.row,
    ...(row.line === undefined ? {} : { line: row.line }),
    field,
    message,
    code,
    ...(params ? { params } : {}),
  };
}

/** Values a row problem names: numbers and text (a yes/no is written out). */
function rowParams(params: Record<string, string | number | boolean> | undefined) {
  if (!params) return undefined;
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => [name, typeof value === 'boolean' ? String(value) : value]),
  );
}

/** A zod issue's code as the API's other 400s give it (contract/field-codes.ts), so the web words both alike. */
function issueCode(issue: z.core.$ZodIssue): Pick<RowProblem, 'code' | 'params'> {
  const { code, params } = fieldIssueCode(issue);
  const values = rowParams(params);
  return values ? { code, params: values } : { code };
}

function describeIssue(issue: z.core.$ZodIssue): RowProblem[] {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      field: base ? `${base}.${key}` : key,
      message: `is not a field the import knows (it knows ${ROW_FIELDS.join(', ')})`,
      code: 'unknown_field',
      params: { known: ROW_FIELDS.join(', ') },
    }));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined)
    return [{ field: base, message: 'is required', code: 'required' }];
  return [{ field: base || 'row', message: issue.message, ...issueCode(issue) }];
}

/** Whether nested arrays hold more than `max` positions (arrays starting with a number); stops counting there. */
function positionsOver(coordinates: unknown, max: number): boolean {
  let positions = 0;
  const stack: unknown[] = [coordinates];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!Array.isArray(value)) continue;
    if (typeof value[0] === 'number') {
      if (++positions > max) return true;
    } else for (const item of value) stack.push(item);
  }
  return false;
}

export interface RowCheckOptions {
  today: string;
  maxVertices: number;
}

/** The fields that pass the contract on their own, when the row as a whole does not. */
function validFields(input: Record<string, unknown>): Partial<HotspotCreate> {
  const fields: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(hotspotCreate.shape)) {
    const result = (schema as z.ZodType).safeParse(input[key]);
    if (result.success) fields[key] = result.data;
  }
  return fields as Partial<HotspotCreate>;
}

/**
 * Checks a row as the single create does, short of the database: the contract schema, a required
 * external_ref, the vertex limit and the dates (registered_on defaults to today, as there). Fields
 * that are fine on their own are checked further even when others are not, so that one dry run
 * lists every problem of the row.
 */
export function checkRow(
  source: SourceRow,
  options: RowCheckOptions,
): { row?: CheckedRow; parts?: RowParts; problems: ImportProblem[] } {
  const problems = source.problems.map((p) => problemAt(source, p.field, p.message, p.code, p.params));
  if (source.unreadable) return { problems };
  const faulty = new Set(source.reported);
  // PostgreSQL cannot store U+0000 in text: such a field is a problem here, not a failed write later.
  const input = { ...source.input };
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'string' && value.includes('\u0000')) {
      problems.push(problemAt(source, key, 'must not contain the NUL character (U+0000)', 'nul_character'));
      faulty.add(key);
      delete input[key];
    }
  }
  // A feature of a million positions would hold the process in zod for seconds: count first.
  const sentGeometry = input.geometry as { coordinates?: unknown } | undefined;
  if (!faulty.has('geometry') && positionsOver(sentGeometry?.coordinates, options.maxVertices)) {
    const field = source.geometryField?.('') ?? 'geometry';
    problems.push(
      problemAt(
        source,
        field,
        `has more than ${options.maxVertices} vertices; at most ${options.maxVertices} are accepted`,
        'too_many_vertices',
        { max: options.maxVertices },
      ),
    );
    faulty.add('geometry');
    delete input.geometry;
  }
  const parsed = hotspotCreate.safeParse(input);
  for (const issue of parsed.error?.issues ?? []) {
    const top = String(issue.path[0] ?? '');
    if (faulty.has(top)) continue;
    faulty.add(top);
    for (const { field, message, code, params } of describeIssue(issue)) {
      const named = top === 'geometry' && source.geometryField ? source.geometryField(message) : field;
      problems.push(problemAt(source, named, message, code, params));
    }
  }
  const fields = parsed.success ? parsed.data : validFields(input);
  if (!fields.external_ref && !faulty.has('external_ref')) {
    problems.push(
      problemAt(
        source,
        'external_ref',
        'is required: it names the row, so importing the file again adds nothing twice',
        'external_ref_required',
      ),
    );
  }
  const geometryField = source.geometryField?.('') ?? 'geometry';
  let geometry = faulty.has('geometry') ? undefined : fields.geometry;
  const vertices = geometry ? countVertices(geometry) : 0;
  if (vertices > options.maxVertices) {
    problems.push(
      problemAt(
        source,
        geometryField,
        `has ${vertices} vertices; at most ${options.maxVertices} are accepted`,
        'too_many_vertices',
        { max: options.maxVertices },
      ),
    );
    geometry = undefined;
  }
  const registeredOn = faulty.has('registered_on') ? undefined : (fields.registered_on ?? options.today);
  // The single create's own rules and wording. It stops at the first problem, so ask twice: once
  // about the future, once (with no "today" to pass) about the order of the two dates.
  for (const [dates, today] of [
    [{ registered_on: registeredOn }, options.today],
    [{ registered_on: registeredOn, due_on: fields.due_on }, '9999-12-31'],
  ] as const) {
    try {
      checkDates(dates, today);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // checkDates names one of two rules, with its code: a registration in the future, or a due date before it.
      for (const e of error.details.errors ?? [])
        problems.push(problemAt(source, e.field, e.message, e.code, rowParams(e.params)));
    }
  }
  const parts: RowParts = {
    row: source.row,
    line: source.line,
    category: fields.category,
    agency: fields.agency ?? undefined,
    geometry,
    vertices,
    geometryField,
  };
  if (!parsed.success || problems.length) return { parts, problems };
  const value = { ...parsed.data, external_ref: parsed.data.external_ref as string, registered_on: registeredOn! };
  return { row: { ...parts, value }, parts, problems };
}

/** Orders problems as a person reads the file: by row, then as found. */
export function byRow(problems: ImportProblem[]): ImportProblem[] {
  return problems
    .map((p, i) => [p, i] as const)
    .sort((a, b) => a[0].row - b[0].row || a[1] - b[1])
    .map(([p]) => p);
}
