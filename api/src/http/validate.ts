import type { z } from 'zod';
import type { FieldProblem } from '../contract/problems.js';
import { issueCode } from '../contract/field-codes.js';
import { HttpProblem } from './problem.js';

export type InputPart = 'query' | 'body' | 'path' | 'header';

/** At most this many fields are listed in a 400; `errors_total` tells how many there were. */
export const MAX_LISTED_ERRORS = 100;

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>(
    (current, key) =>
      current && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined,
    value,
  );
}

/** How many fields an issue names, without describing them (a strict object may list 100,000 keys). */
function issueCount(issue: z.core.$ZodIssue): number {
  return issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
}

function describeIssue(issue: z.core.$ZodIssue, part: InputPart, input: unknown, room: number): FieldProblem[] {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.slice(0, room).map((key) => ({
      field: base ? `${base}.${key}` : key,
      ...(part === 'query'
        ? { code: 'unknown_parameter' as const, message: 'is not a parameter of this endpoint' }
        : { code: 'unknown_field' as const, message: 'is not a field this endpoint accepts' }),
    }));
  }
  // zod does not carry the input in its issues: look it up to tell "missing" from "wrong type".
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return [{ field: base || part, code: 'required', message: 'is required' }];
  }
  return [{ field: base || part, ...issueCode(issue), message: issue.message }];
}

interface Found {
  key: string;
  parent: Found | undefined;
}

function pathOf(node: Found): string {
  const keys: string[] = [];
  for (let at: Found | undefined = node; at; at = at.parent) keys.push(at.key);
  return keys.reverse().slice(1).join('.');
}

/**
 * Paths of strings holding U+0000, which PostgreSQL cannot store in text: the first `max` of
 * them, and how many in all. Iterative, and linear in the size of the value: each value on the
 * stack keeps a link to its parent, and a path is spelled out only for a string that has a NUL
 * (copying the path at every level made a deep body quadratic: 24 s for 48 KB).
 */
export function nulPaths(root: unknown, max = MAX_LISTED_ERRORS): { paths: string[]; total: number } {
  const paths: string[] = [];
  let total = 0;
  const stack: [unknown, Found][] = [[root, { key: '', parent: undefined }]];
  while (stack.length > 0) {
    const [value, node] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000') && ++total <= max) paths.push(pathOf(node));
    } else if (value && typeof value === 'object') {
      // Pushed in reverse so that paths come out in the order of the input.
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], { key: entries[i]![0], parent: node }]);
    }
  }
  return { paths, total };
}

type FieldError = FieldProblem;

function invalid(where: string, errors: FieldError[], total: number): HttpProblem {
  const more = total > errors.length ? ` (and ${total - errors.length} more: ${total} in all)` : '';
  return new HttpProblem(
    400,
    'Invalid request',
    `Please correct the ${where}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}${more}.`,
    total > errors.length ? { errors, errors_total: total } : { errors },
  );
}

/**
 * Parses input with a contract schema or throws a 400 whose body lists the fields at fault (the
 * first MAX_LISTED_ERRORS of them), in words a person can act on ("limit: must be a whole number
 * from 1 to 1000").
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: InputPart): z.infer<S> {
  const withNul = nulPaths(value);
  if (withNul.total > 0) {
    const errors = withNul.paths.map((field) => ({
      field: field || part,
      code: 'nul_character' as const,
      message: 'must not contain the NUL character (U+0000)',
    }));
    throw invalid(part, errors, withNul.total);
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors: FieldError[] = [];
  let total = 0;
  for (const issue of result.error.issues) {
    total += issueCount(issue);
    const room = MAX_LISTED_ERRORS - errors.length;
    if (room > 0) errors.push(...describeIssue(issue, part, value, room));
  }
  const where = { query: 'query parameters', body: 'request body', path: 'path', header: 'headers' }[part];
  throw invalid(where, errors, total);
}
