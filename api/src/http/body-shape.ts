import { HttpProblem } from './problem.js';

/**
 * Limits on the shape of a JSON body, checked on the raw bytes before anything parses them: a body
 * 48 KB long can nest 24,000 levels deep, and a 2 MB body can hold 700,000 empty objects, each of
 * which costs JSON.parse, zod and every later walk far more than its two bytes.
 */
export interface JsonShapeLimits {
  /** Deepest nesting of arrays and objects; the outermost one is level 1. */
  depth: number;
  /** Most values in all (commas plus opened arrays and objects: an upper bound on elements and members). */
  values: number;
  /** Most members of one object: JSON.parse and zod slow down on objects of very many keys. */
  keys: number;
}

/** No contract nests deeper than a handful of levels; GeoJSON MultiPolygons need five. */
export const MAX_JSON_DEPTH = 64;

export type JsonShapeFault = { fault: 'depth' | 'values' | 'keys'; limit: number; offset: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;

/**
 * One pass over UTF-8 JSON bytes, skipping strings (and the escapes in them): the first place the
 * body breaks a limit, or undefined. It stops at that place, so a hostile body is refused after
 * reading no more than the limit's worth of it. Bytes of multi-byte UTF-8 characters are all
 * above 0x7f, so they are never taken for brackets or quotes. Malformed JSON is left to JSON.parse.
 */
export function jsonShapeFault(bytes: Uint8Array, limits: JsonShapeLimits): JsonShapeFault | undefined {
  let depth = 0;
  let values = 1;
  let inString = false;
  // Per open level: whether it is an object, and its members so far (commas seen at that level).
  const isObject = new Uint8Array(limits.depth + 1);
  const members = new Uint32Array(limits.depth + 1);
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > limits.depth) return { fault: 'depth', limit: limits.depth, offset: i };
      if (++values > limits.values) return { fault: 'values', limit: limits.values, offset: i };
      isObject[depth] = byte === OPEN_OBJECT ? 1 : 0;
      members[depth] = 1;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      // A stray closer is malformed JSON, for JSON.parse to report; it must not unbalance the count.
      if (depth > 0) depth--;
    } else if (byte === COMMA) {
      if (++values > limits.values) return { fault: 'values', limit: limits.values, offset: i };
      if (isObject[depth] && ++members[depth]! > limits.keys) return { fault: 'keys', limit: limits.keys, offset: i };
    }
  }
  return undefined;
}

/** Stable codes the web words in the reader's language; each is a kind of problem (http/problem-types.ts). */
const BODY_PROBLEM_CODES = {
  depth: 'body_too_deep',
  values: 'body_too_many_values',
  keys: 'body_too_many_keys',
  size: 'body_too_large',
} as const;

/** The 400 for a body of the wrong shape, naming the limit it broke. */
function shapeProblem(fault: JsonShapeFault, what = 'The request body'): HttpProblem {
  const code = BODY_PROBLEM_CODES[fault.fault];
  const limit = fault.limit.toLocaleString('en');
  const [title, detail]: [string, string] = (
    {
      depth: [
        'Body nested too deeply',
        `${what} nests arrays and objects more than ${limit} levels deep; no request of this API needs more than ${limit}.`,
      ],
      values: [
        'Body has too many values',
        `${what} holds more than ${limit} values (array elements and object members); send less at once.`,
      ],
      keys: ['Object has too many members', `${what} has an object of more than ${limit} members.`],
    } satisfies Record<JsonShapeFault['fault'], [string, string]>
  )[fault.fault];
  return new HttpProblem(400, title, detail, {
    code,
    limit: fault.limit,
  });
}

/** Throws the 400 when the bytes break a limit. */
export function checkJsonShape(bytes: Uint8Array, limits: JsonShapeLimits, what?: string): void {
  const fault = jsonShapeFault(bytes, limits);
  if (fault) throw shapeProblem(fault, what);
}

/** The 413 for a body over its size limit, naming the limit. */
export function sizeProblem(limit: number, what = 'The request body'): HttpProblem {
  const shown =
    limit >= 1024 * 1024 ? `${Math.round((limit / 1024 / 1024) * 10) / 10} MB` : `${Math.round(limit / 1024)} KB`;
  return new HttpProblem(413, 'Request body too large', `${what} is larger than the ${shown} this endpoint accepts.`, {
    code: BODY_PROBLEM_CODES.size,
    limit,
  });
}
