import type { z } from 'zod';
import { HttpProblem } from './problem.js';

export type InputPart = 'query' | 'body' | 'path' | 'header';

function valueAt(value: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  return path.reduce<unknown>(
    (current, key) =>
      current && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined,
    value,
  );
}

function describeIssue(issue: z.core.$ZodIssue, part: InputPart, input: unknown): { field: string; message: string }[] {
  const base = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      field: base ? `${base}.${key}` : key,
      message: part === 'query' ? 'is not a parameter of this endpoint' : 'is not a field this endpoint accepts',
    }));
  }
  // zod does not carry the input in its issues: look it up to tell "missing" from "wrong type".
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return [{ field: base || part, message: 'is required' }];
  }
  return [{ field: base || part, message: issue.message }];
}

/**
 * Parses input with a contract schema or throws a 400 whose body lists every field at fault,
 * in words a person can act on ("limit: must be a whole number from 1 to 1000").
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: InputPart): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap((issue) => describeIssue(issue, part, value));
  const where = { query: 'query parameters', body: 'request body', path: 'path', header: 'headers' }[part];
  throw new HttpProblem(
    400,
    'Invalid request',
    `Please correct the ${where}: ${errors.map((error) => `${error.field} ${error.message}`).join('; ')}.`,
    { errors },
  );
}
