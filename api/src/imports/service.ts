import type { Knex } from 'knex';
import { auditAs } from '../accounts/repo.js';
import type { Actor } from '../auth/middleware.js';
import { DomainError } from '../errors.js';
import { repo } from '../hotspots/service.js';
import { byRow, checkRow, problemAt, type CheckedRow, type RowParts, type SourceRow } from './rows.js';
import {
  areaNames,
  createStaging,
  existingExternalRefs,
  geometryVerdicts,
  insertStaged,
  reserveReferences,
  roomToSort,
  stageRows,
  type HotspotInsert,
} from './repo.js';
import type { ImportProblem } from './schema.js';

export interface ImportOptions {
  today: () => string;
  maxVertices: number;
  /** Code of the area every hotspot must lie in, as for the single create; unset: anywhere. */
  jurisdiction?: readonly string[];
}

/** What a real run would do: the rows to create, and every problem that stops it. */
export interface ImportPlan {
  rows: number;
  create: HotspotInsert[];
  unchanged: number;
  problems: ImportProblem[];
}

const GEOMETRY_BATCH_ROWS = 1000;
const GEOMETRY_BATCH_VERTICES = 100_000;
/** Rows checked between yields: each costs a zod parse, 100,000 of them blocked the process for seconds. */
const CHECK_BATCH = 500;

/** Lets other requests and signals in between batches: PGlite answers without real I/O. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function referenceOf(source: SourceRow): string | undefined {
  const ref = source.input.external_ref;
  return typeof ref === 'string' && ref.trim() ? ref.trim() : undefined;
}

/** A later row repeating an earlier row's external_ref is a problem: one of the two is a mistake. */
function repeatedReferences(sources: SourceRow[]): ImportProblem[] {
  const firstRow = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const source of sources) {
    const ref = referenceOf(source);
    if (ref === undefined) continue;
    const first = firstRow.get(ref);
    if (first === undefined) firstRow.set(ref, source.row);
    else
      problems.push(
        problemAt(source, 'external_ref', `repeats the external_ref of row ${first}: ${ref}`, 'external_ref_repeated', {
          row: first,
          ref,
        }),
      );
  }
  return problems;
}

/** Turns category and agency codes into ids, one query each for the whole file. */
async function resolveCodes(knex: Knex, rows: RowParts[], problems: ImportProblem[]) {
  const codes = (field: 'category' | 'agency') => [...new Set(rows.flatMap((r) => (r[field] ? [r[field]] : [])))];
  const lookups = {
    category: await repo.idsByCode(knex, 'categories', codes('category')),
    agency: await repo.idsByCode(knex, 'agencies', codes('agency')),
  };
  for (const row of rows) {
    for (const [field, table] of [
      ['category', 'categories'],
      ['agency', 'agencies'],
    ] as const) {
      const code = row[field];
      if (code && !lookups[field].has(code)) {
        problems.push(
          problemAt(row, field, `has an unknown code: ${code} (see /api/${table})`, 'unknown_code', { code }),
        );
      }
    }
  }
  return lookups;
}

/** Validity (with PostGIS's reason and place) and the jurisdiction, one query per batch of rows. */
async function checkGeometries(knex: Knex, rows: RowParts[], options: ImportOptions, problems: ImportProblem[]) {
  const area = options.jurisdiction ? await areaNames(knex, options.jurisdiction) : undefined;
  if (options.jurisdiction && !area) {
    throw new DomainError(
      'invalid',
      `The jurisdiction areas ${options.jurisdiction.join(', ')} are not all loaded: import the boundaries.`,
    );
  }
  // A point within lon/lat range is always valid; it needs the database only to check the jurisdiction.
  const pending = rows.filter((row) => row.geometry && (area || row.geometry.type !== 'Point'));
  let start = 0;
  while (start < pending.length) {
    let end = start;
    let vertices = 0;
    while (end < pending.length && end - start < GEOMETRY_BATCH_ROWS && vertices < GEOMETRY_BATCH_VERTICES) {
      vertices += pending[end]!.vertices;
      end++;
    }
    const batch = pending.slice(start, end);
    const verdicts = await geometryVerdicts(
      knex,
      batch.map((row) => row.geometry),
      options.jurisdiction,
    );
    batch.forEach((row, i) => {
      const verdict = verdicts[i];
      if (!verdict?.valid) {
        problems.push(
          problemAt(
            row,
            row.geometryField,
            `is not a valid polygon: ${verdict?.reason ?? 'unknown reason'}`,
            'invalid_polygon',
          ),
        );
      } else if (area && verdict.covered === false) {
        problems.push(
          problemAt(
            row,
            row.geometryField,
            `lies outside the jurisdiction (${area.name_kk} / ${area.name_ru}); check the place, or lon/lat order`,
            'outside_jurisdiction',
            { kk: area.name_kk, ru: area.name_ru },
          ),
        );
      }
    });
    start = end;
    await yieldToEventLoop();
  }
}

/**
 * Checks every row as the single create would, and finds every problem rather than the first,
 * so one dry run can list all the file's faults. Writes nothing.
 */
export async function planImport(knex: Knex, sources: SourceRow[], options: ImportOptions): Promise<ImportPlan> {
  const today = options.today();
  const problems: ImportProblem[] = repeatedReferences(sources);
  const repeated = new Set(problems.map((p) => p.row));
  const checked: CheckedRow[] = [];
  const parts: RowParts[] = [];
  for (const [index, source] of sources.entries()) {
    if (index > 0 && index % CHECK_BATCH === 0) await yieldToEventLoop();
    const result = checkRow(source, { today, maxVertices: options.maxVertices });
    // Not push(...): a row with 200,000 unknown properties would overflow the call stack.
    for (const problem of result.problems) problems.push(problem);
    if (result.parts) parts.push(result.parts);
    if (result.row && !repeated.has(result.row.row)) checked.push(result.row);
  }
  const ids = await resolveCodes(knex, parts, problems);
  await checkGeometries(knex, parts, options, problems);
  const existing = await existingExternalRefs(
    knex,
    checked.map((row) => row.value.external_ref),
  );
  const faulty = new Set(problems.map((p) => p.row));
  const create: HotspotInsert[] = [];
  let unchanged = 0;
  for (const { row, value } of checked) {
    if (faulty.has(row)) continue;
    if (existing.has(value.external_ref)) {
      unchanged++;
      continue;
    }
    create.push({
      title: value.title,
      description: value.description,
      category_id: ids.category.get(value.category)!,
      severity: value.severity,
      geometry: value.geometry,
      agency_id: value.agency ? ids.agency.get(value.agency)! : null,
      source: value.source ?? null,
      external_ref: value.external_ref,
      registered_on: value.registered_on,
      due_on: value.due_on ?? null,
      confidential: value.confidential,
    });
  }
  return { rows: sources.length, create, unchanged, problems: byRow(problems) };
}

/** The registration year of a row: isoDate (contract/common.ts) writes it as four digits first. */
const yearOf = (row: HotspotInsert) => Number(row.registered_on.slice(0, 4));

/** Each row's number in its registration year, in file order, from one block reserved per year. */
async function numberInFileOrder(trx: Knex.Transaction, rows: HotspotInsert[]): Promise<number[]> {
  const counts = new Map<number, number>();
  for (const row of rows) counts.set(yearOf(row), (counts.get(yearOf(row)) ?? 0) + 1);
  const next = await reserveReferences(trx, counts);
  return rows.map((row) => {
    const seq = next.get(yearOf(row))!;
    next.set(yearOf(row), seq + 1);
    return seq;
  });
}

/** Rows per statement loading the staging table: a few MB of JSON each. */
const STAGE_BATCH = 5000;
/**
 * Rows per INSERT … SELECT on the embedded database. PGlite runs in this process and answers
 * without real I/O, so one statement of 100,000 rows would hold every other request for a minute;
 * between chunks the process serves them. A server runs the statement on its own: one for all.
 */
const EMBEDDED_INSERT_CHUNK = 1000;

/**
 * Writes a plan without problems: all rows or none, each hotspot with its `created` event. Set-based:
 * the rows are staged in large batches, numbered in one statement and inserted with INSERT … SELECT
 * (imports/repo.ts), so the database does the work in a handful of statements, not one per row.
 */
export async function writeImport(
  knex: Knex,
  plan: ImportPlan,
  actor: Actor,
  database: 'embedded' | 'server' = 'server',
): Promise<number> {
  if (plan.problems.length) throw new Error('an import with problems must not be written');
  return knex.transaction(async (trx) => {
    await roomToSort(trx);
    await createStaging(trx);
    const seqs = await numberInFileOrder(trx, plan.create);
    for (let i = 0; i < plan.create.length; i += STAGE_BATCH) {
      await stageRows(trx, plan.create.slice(i, i + STAGE_BATCH), i, seqs.slice(i, i + STAGE_BATCH));
      await yieldToEventLoop();
    }
    const chunk = database === 'embedded' ? EMBEDDED_INSERT_CHUNK : plan.create.length;
    let created = 0;
    for (let from = 0; from < plan.create.length; from += chunk) {
      created += await insertStaged(trx, from, from + chunk, actor.name);
      await yieldToEventLoop();
    }
    // One audit row for the whole file: who imported how many, and which external references.
    await auditAs(trx, actor, {
      action: 'import.create',
      entity: 'hotspot',
      after: { rows: plan.rows, created, external_refs: plan.create.map((row) => row.external_ref) },
    });
    return created;
  });
}
