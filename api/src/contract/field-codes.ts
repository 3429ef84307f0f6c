/**
 * A zod issue as the code of a field at fault, with the values the code names: the kind of rule
 * the value broke, never zod's English (which stays in `message` for API users). The contract's own
 * refinements give their code in `params.code` (api/src/contract); a refinement without one is
 * `invalid`. Codes and their params are listed in api/src/contract/problems.ts.
 */
import type { z } from 'zod';
import { FIELD_CODES, type FieldCode, type ProblemParams } from './problems.js';

export interface IssueCode {
  code: FieldCode;
  params?: ProblemParams;
}

const isFieldCode = (code: unknown): code is FieldCode => typeof code === 'string' && code in FIELD_CODES;

/** Plain values of a refinement's params (its code aside), as the params of the code. */
function plainParams(params: Record<string, unknown> | undefined): ProblemParams | undefined {
  const out: ProblemParams = {};
  for (const [name, value] of Object.entries(params ?? {}))
    if (name !== 'code' && ['string', 'number', 'boolean'].includes(typeof value))
      out[name] = value as string | number | boolean;
  return Object.keys(out).length ? out : undefined;
}

const withParams = (code: FieldCode, params: ProblemParams): IssueCode => ({ code, params });

/** `missing`: the value is absent from the input (zod does not say so itself). */
export function issueCode(issue: z.core.$ZodIssue, missing = false): IssueCode {
  switch (issue.code) {
    case 'invalid_type':
      return missing ? { code: 'required' } : withParams('wrong_type', { expected: issue.expected });
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { code: 'required' } : withParams('too_short', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return withParams('too_few', { min });
      return withParams('too_small', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return withParams('too_long', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return withParams('too_many', { max });
      return withParams('too_big', { max });
    }
    case 'invalid_format':
      return withParams('invalid_format', { format: issue.format });
    case 'not_multiple_of':
      return withParams('not_multiple_of', { divisor: Number(issue.divisor) });
    case 'invalid_value':
      return withParams('not_one_of', { values: issue.values.map(String).join(', ') });
    case 'unrecognized_keys':
      return { code: 'unknown_field' };
    case 'custom': {
      const code = issue.params?.code;
      if (!isFieldCode(code)) return { code: 'invalid' };
      const params = plainParams(issue.params);
      return params ? { code, params } : { code };
    }
    default:
      return { code: 'invalid' };
  }
}
