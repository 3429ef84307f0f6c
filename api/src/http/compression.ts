import { promisify } from 'node:util';
import {
  brotliCompress,
  constants,
  createBrotliCompress,
  createGzip,
  gzip,
  type Gzip,
  type BrotliCompress,
} from 'node:zlib';
import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/**
 * Compression of answers: the map's GeoJSON is ~1 MB of text for a street view and a seventh to a
 * twelfth of that compressed, which over an office line is the difference between a map that
 * appears and one that loads.
 *
 * Two places compress, never the same answer twice:
 * - the read cache (cache/read-cache.ts) compresses a cached answer once per encoding and serves
 *   those bytes to every later request; it sets Content-Encoding itself;
 * - `compressAnswers` (the `compression` package, app-wide) compresses everything else as it is
 *   sent — uncached JSON, errors, the web app's files — cheaply, and leaves alone what already
 *   carries a Content-Encoding;
 * - the text exports (CSV, GeoJSON) compress themselves as they stream (`encodingStream`, the
 *   middleware's settings), waiting on their own compressor's 'drain' (exports/stream.ts).
 */

/** Below this an answer fits in a packet or two: compressing it costs more than it saves. */
export const COMPRESS_FROM_BYTES = 1024;

export type Coding = 'br' | 'gzip';

/**
 * Brotli quality for what the read cache keeps: made once per data version and sent to every
 * later reader. Measured on a 1.2 MB street view: quality 4 → 112 kB in ~22 ms, 5 → 102 kB in
 * ~31 ms, 9 → 97 kB in 118 ms, 11 → 86 kB in 6 s; gzip level 6 → 171 kB in ~39 ms.
 */
const BROTLI_QUALITY_KEPT = 5;
/**
 * Per request (the middleware), where CPU is paid on every answer: brotli quality 1 (154 kB for the
 * same street view in ~8 ms, against quality 4's 112 kB in ~22 ms) and gzip level 1 (225 kB in
 * ~17 ms, against level 6's 171 kB in ~39 ms). With quality 4, the map's uncached slim view fell
 * from 39–76 to 36–39 req/s at c32; with quality 1 it measured 54–68.
 */
const BROTLI_QUALITY_STREAMED = 1;
const GZIP_LEVEL_STREAMED = 1;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Compresses a whole answer in zlib's thread pool, off the event loop. */
export function encode(coding: Coding, body: Buffer): Promise<Buffer> {
  if (coding === 'gzip') return gzipped(body);
  return brotli(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY_KEPT,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/**
 * A compressor for an answer written in pieces, at the per-request settings: what the middleware
 * would do, for a route that streams with its own backpressure (the exports).
 */
export function encodingStream(coding: Coding): Gzip | BrotliCompress {
  if (coding === 'gzip') return createGzip({ level: GZIP_LEVEL_STREAMED });
  return createBrotliCompress({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY_STREAMED,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
    },
  });
}

/** The q-value an Accept-Encoding gives a coding (its own entry, else `*`, else 0); absent header: 0. */
function qualityOf(header: string, coding: string): number {
  let own: number | undefined;
  let any: number | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';');
    const token = name.trim().toLowerCase();
    if (token !== coding && token !== '*') continue;
    const q = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p)).find(Boolean);
    const value = q ? Number(q[1]) : 1;
    if (token === coding) own = Math.max(own ?? 0, value);
    else any = Math.max(any ?? 0, value);
  }
  return own ?? any ?? 0;
}

/**
 * Which compression the client takes, by its Accept-Encoding (RFC 9110 §12.5.3): brotli when it
 * takes brotli at least as gladly as gzip (smaller, as fast to decode), else gzip, else none.
 */
export function preferredCoding(header: string | undefined): Coding | undefined {
  if (!header) return undefined;
  const br = qualityOf(header, 'br');
  const gzip = qualityOf(header, 'gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return undefined;
}

/** An ETag without W/: it promises these exact bytes, which compression would change. */
function hasStrongEtag(res: Response): boolean {
  const etag = res.getHeader('ETag');
  return typeof etag === 'string' && !etag.startsWith('W/');
}

/**
 * What the middleware leaves as it is, besides what `compression` itself skips (already encoded,
 * `Cache-Control: no-transform`, under 1 kB, not compressible by type, HEAD):
 * - answers with a strong ETag (a versioned record, `"v3"`, which If-Match names): a strong tag
 *   vouches for the bytes, so the same tag on a gzip and a plain body would be a lie; these are
 *   single records, small;
 * - downloads (Content-Disposition: attachment, the exports): they stream in batches and wait for
 *   'drain' with once/off, which `compression` reroutes to its own stream in a way that leaves a
 *   listener behind per wait; the text ones compress themselves (`encodingStream`), and the XLSX
 *   is a zip already;
 * - server-sent events, should a route ever send them: compression would hold events back.
 */
export function shouldCompress(req: Request, res: Response): boolean {
  if (hasStrongEtag(res)) return false;
  if (/^\s*attachment/i.test(String(res.getHeader('Content-Disposition') ?? ''))) return false;
  if (String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream')) return false;
  return compression.filter(req, res);
}

/** Compresses, as it is sent, every answer worth it that the read cache has not already encoded. */
export function compressAnswers(): RequestHandler {
  return compression({
    threshold: COMPRESS_FROM_BYTES,
    filter: shouldCompress,
    level: GZIP_LEVEL_STREAMED,
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY_STREAMED } },
  }) as RequestHandler;
}
