import express, { type Request, type RequestHandler, type Response } from 'express';
import { checkJsonShape, MAX_JSON_DEPTH, sizeProblem, type JsonShapeLimits } from './body-shape.js';
import { HttpProblem } from './problem.js';
import { problemType } from './problem-types.js';

/** What one route's JSON body may be: its size in bytes, and its shape (see body-shape.ts). */
export interface BodyLimits extends JsonShapeLimits {
  bytes: number;
}

/** Routes anyone may call (signing in) read small bodies only: a password form is well under 1 KB. */
export const PUBLIC_BODY_LIMITS: BodyLimits = { bytes: 8 * 1024, depth: MAX_JSON_DEPTH, values: 256, keys: 64 };

/**
 * Every other JSON route: 2 MB, enough for a hotspot polygon at a generous vertex limit. 100,000
 * values (a polygon of 25,000 vertices with heights) and 1,000 members per object keep JSON.parse
 * and zod to tens of milliseconds on any body that size allows; 700,000 empty objects took 0.5 s.
 */
export const JSON_BODY_LIMITS: BodyLimits = {
  bytes: 2 * 1024 * 1024,
  depth: MAX_JSON_DEPTH,
  values: 100_000,
  keys: 1000,
};

// One raw reader per size limit: the limit is applied while the body arrives (and from
// Content-Length before it does), so an oversized body is never held whole.
const rawReaders = new Map<number, RequestHandler>();
function rawReader(bytes: number): RequestHandler {
  let reader = rawReaders.get(bytes);
  if (!reader) {
    reader = express.raw({ type: () => true, limit: bytes });
    rawReaders.set(bytes, reader);
  }
  return reader;
}

/** Reads the raw body with a size limit: a Buffer (empty when there was none), or a 413. */
export async function readRawBody(
  req: Request,
  res: Response,
  bytes: number,
  tooLarge: () => HttpProblem = () => sizeProblem(bytes),
): Promise<Buffer> {
  await new Promise<void>((resolve, reject) => {
    rawReader(bytes)(req, res, (error?: unknown) => (error ? reject(error as Error) : resolve()));
  }).catch((error: { type?: string }) => {
    if (error.type === 'entity.too.large') throw tooLarge();
    throw error;
  });
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * A route's JSON body, read within its limits: size while it arrives, then nesting depth and the
 * number of values on the raw bytes, and only then JSON.parse. Like express.json (strict), an
 * empty body is `{}` and the body must be an object or an array.
 */
export async function readJsonBody(req: Request, res: Response, limits: BodyLimits): Promise<unknown> {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('Content-Type') ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpProblem(415, 'Unsupported encoding', 'Send the body as UTF-8.');
  }
  const bytes = await readRawBody(req, res, limits.bytes);
  checkJsonShape(bytes, limits);
  let start = 0;
  while (start < bytes.length && WHITESPACE.has(bytes[start]!)) start++;
  if (start === bytes.length) return {};
  const malformed = () =>
    new HttpProblem(400, 'Malformed JSON', 'The request body is not valid JSON.', {
      type: problemType('malformed-json'),
    });
  if (bytes[start] !== 0x7b && bytes[start] !== 0x5b) throw malformed();
  try {
    return JSON.parse(new TextDecoder('utf-8').decode(bytes)) as unknown;
  } catch {
    throw malformed();
  }
}
