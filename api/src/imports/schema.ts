import { z } from 'zod';
import { problem } from '../contract/common.js';
import { IMPORT_MAX_ROWS, IMPORT_PROBLEMS_LISTED, importProblem } from '../contract/imports.js';
import { HttpProblem } from '../http/problem.js';

// The request and answer shapes live in the contract, where the web app reads them too.
export {
  IMPORT_MAX_BYTES_DEFAULT,
  IMPORT_MAX_ROWS,
  IMPORT_PROBLEMS_LISTED,
  importQuery,
  importResult,
} from '../contract/imports.js';
export type { ImportProblem, ImportResult } from '../contract/imports.js';

/** The 413 for a file of more rows than an import takes. */
export function tooManyRows(what: 'row(s)' | 'feature(s)'): HttpProblem {
  return new HttpProblem(
    413,
    'Too many rows',
    `The file has more than ${IMPORT_MAX_ROWS.toLocaleString('en')} ${what}, the most one import takes; split it into parts (rows already imported are recognised by external_ref and not duplicated).`,
    { code: 'import_too_many_rows', limit: IMPORT_MAX_ROWS },
  );
}

export const importRefused = problem
  .extend({
    problems: z
      .array(importProblem)
      .meta({ description: `the first ${IMPORT_PROBLEMS_LISTED} problems at most, by row` }),
    problems_total: z.number().int().meta({ description: 'how many problems there are in all' }),
  })
  .meta({ id: 'ImportRefused', description: 'RFC 9457 problem details listing the rows at fault' });
