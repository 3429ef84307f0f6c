import { z } from 'zod';

/** Importing hotspots from a file (POST /api/imports): its limits, query and answer. */

/** The largest file accepted by default: about 100 000 rows of CSV. */
export const IMPORT_MAX_BYTES_DEFAULT = 20 * 1024 * 1024;

/** Rows (CSV data rows or features) one file may hold; a larger file is split into parts. */
export const IMPORT_MAX_ROWS = 100_000;

/**
 * Problems listed in an answer: the first ones by row, with `problems_total` counting all. A bad
 * file of 100,000 rows had made a dry run build over 100 MB of JSON.
 */
export const IMPORT_PROBLEMS_LISTED = 1000;

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
    code: z.string().optional().meta({
      description: 'what is wrong, as a stable code (the message is English prose for API users)',
      example: 'unknown_code',
    }),
    params: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .meta({ description: 'the values the code’s words name', example: { code: 'utility' } }),
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
