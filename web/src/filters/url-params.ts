/**
 * URL parameters read with the API's own zod schemas (api/src/contract), one parameter at a time:
 * a value the API would refuse is left out (a hand-edited or old address still shows a view, never
 * a 400), and `refused` names what was left out, so a screen can say so.
 */
import type { z } from 'zod';

/** The parameter's value as the API reads it, or undefined when it is absent or refused. */
export function readParam<S extends z.ZodType>(
  schema: S,
  value: string | null | undefined,
  refused?: string[],
  name?: string,
): z.output<S> | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  if (refused && name) refused.push(name);
  return undefined;
}

/**
 * A list parameter (`a,b` or repeated): each item the API's list schema takes on its own, once, in
 * the order given; an item it refuses is left out alone. A list it refuses as a whole (too long) is
 * left out entirely.
 */
export function readList<S extends z.ZodType>(
  schema: S,
  search: URLSearchParams,
  name: string,
  refused?: string[],
): string[] {
  const items = search
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  const taken = [...new Set(items)].filter((item) => schema.safeParse(item).success);
  if (taken.length < new Set(items).size) refused?.push(name);
  if (taken.length && !schema.safeParse(taken.join(',')).success) {
    refused?.push(name);
    return [];
  }
  return taken;
}
