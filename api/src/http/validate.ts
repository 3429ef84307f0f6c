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
/**
 * Paths of strings holding U+0000, which PostgreSQL cannot store in text. Iterative, because a
 * hostile body may nest thousands of levels deep.
 */
function nulPaths(root: unknown): string[] {
  const found: string[] = [];
  const stack: [unknown, string[]][] = [[root, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, string[]];
    if (typeof value === 'string') {
      if (value.includes('\u0000')) found.push(path.join('.'));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push([item, [...path, key]]);
    }
  }
  return found;
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: InputPart): z.infer<S> {
  const withNul = nulPaths(value);
  if (withNul.length > 0) {
    const errors = withNul.map((field) => ({
      field: field || part,
      message: 'must not contain the NUL character (U+0000)',
    }));
    throw new HttpProblem(
      400,
      'Invalid request',
      `Please correct the ${part}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`,
      { errors },
    );
  }
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
