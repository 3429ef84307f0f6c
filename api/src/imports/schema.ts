import { z } from 'zod';
import { problem } from '../contract/common.js';
import { HttpProblem } from '../http/problem.js';

/** Media types the import reads; anything else is a 415. */
export const IMPORT_MEDIA_TYPES = ['application/geo+json', 'application/json', 'text/csv'] as const;

/** The largest file accepted by default: about 100 000 rows of CSV. */
export const IMPORT_MAX_BYTES_DEFAULT = 20 * 1024 * 1024;

/** Rows (CSV data rows or features) one file may hold; a larger file is split into parts. */
export const IMPORT_MAX_ROWS = 100_000;

/**
 * Problems listed in an answer: the first ones by row, with `problems_total` counting all. A bad
 * file of 100,000 rows had made a dry run build over 100 MB of JSON.
 */
export const IMPORT_PROBLEMS_LISTED = 1000;

/** The 413 for a file of more rows than an import takes. */
export function tooManyRows(what: 'row(s)' | 'feature(s)'): HttpProblem {
  return new HttpProblem(
    413,
    'Too many rows',
    `The file has more than ${IMPORT_MAX_ROWS.toLocaleString('en')} ${what}, the most one import takes; split it into parts (rows already imported are recognised by external_ref and not duplicated).`,
    { code: 'import_too_many_rows', limit: IMPORT_MAX_ROWS },
  );
}

export const importQuery = z
  .object({
    // booleanParam's words, with the default written as the client sends it, so OpenAPI shows "false".
    dry_run: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((value) => value === 'true')
      .meta({ description: 'true: check every row and report every problem, writing nothing' }),
  })
  .strict();
export type ImportQuery = z.infer<typeof importQuery>;

export const importProblem = z
  .object({
    row: z.number().int().meta({
      description:
        'the row at fault, counted from 1: the feature in `features`, or the CSV data row (the header is not counted)',
    }),
    line: z
      .number()
      .int()
      .optional()
      .meta({ description: 'CSV only: the line of the file the row starts on (the header is line 1)' }),
    field: z.string().meta({ description: 'the field (property or CSV column) at fault', example: 'category' }),
    message: z.string().meta({ example: 'has an unknown code: utility (see /api/categories)' }),
  })
  .meta({ id: 'ImportProblem' });
export type ImportProblem = z.infer<typeof importProblem>;

export const importResult = z
  .object({
    dry_run: z.boolean(),
    rows: z.number().int().meta({ description: 'rows (features) in the file' }),
    created: z.number().int().meta({
      description: 'hotspots created; in a dry run, those a real run would create now (0 while there are problems)',
    }),
    unchanged: z.number().int().meta({
      description: 'rows whose external_ref is already stored: left as they are, never duplicated',
    }),
    problems: z.array(importProblem).meta({
      description: `the problems, by row: all of them, or the first ${IMPORT_PROBLEMS_LISTED} when there are more`,
    }),
    problems_total: z.number().int().meta({ description: 'how many problems there are in all' }),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof importResult>;

export const importRefused = problem
  .extend({
    problems: z
      .array(importProblem)
      .meta({ description: `the first ${IMPORT_PROBLEMS_LISTED} problems at most, by row` }),
    problems_total: z.number().int().meta({ description: 'how many problems there are in all' }),
  })
  .meta({ id: 'ImportRefused', description: 'RFC 9457 problem details listing the rows at fault' });
