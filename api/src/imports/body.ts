import type { Request, Response } from 'express';
import { checkJsonShape, MAX_JSON_DEPTH, type JsonShapeLimits } from '../http/body-shape.js';
import { readRawBody } from '../http/body.js';
import { HttpProblem } from '../http/problem.js';
import { parseGeoJson } from './geojson.js';

/** What was uploaded: CSV text, or the GeoJSON document parsed (after its shape was checked). */
export type ImportBody = { format: 'csv'; text: string } | { format: 'geojson'; document: unknown };

/**
 * The shape an uploaded GeoJSON file may have before it is parsed: as deep as any request, and
 * at most 4 million values, about what 20 MB of coordinates holds, and no object of more than
 * 10,000 members (a GeoJSON feature has a few dozen properties).
 */
const IMPORT_JSON_LIMITS: JsonShapeLimits = { depth: MAX_JSON_DEPTH, values: 4_000_000, keys: 10_000 };

const ACCEPTED = 'application/geo+json (or application/json) for a GeoJSON FeatureCollection, text/csv for CSV';

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * Reads the uploaded file from the request with the import's own size limit (no app-wide parser
 * reads it first): CSV as text; GeoJSON checked for depth and size on the raw bytes, then parsed.
 */
export async function readImportBody(req: Request, res: Response, maxBytes: number): Promise<ImportBody> {
  const type = req.is(['application/geo+json', 'application/vnd.geo+json', 'application/json', 'text/csv']);
  if (type === null) {
    throw new HttpProblem(400, 'No file', `Send the file as the request body: ${ACCEPTED}.`);
  }
  if (type === false) {
    throw new HttpProblem(
      415,
      'Unsupported content type',
      `This import reads ${ACCEPTED}, not ${req.get('Content-Type') ?? 'a body without a Content-Type'}.`,
    );
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('Content-Type') ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpProblem(
      415,
      'Unsupported encoding',
      `The file must be UTF-8, not ${charset}: save it as UTF-8 (in Excel: "CSV UTF-8").`,
    );
  }
  const format = type === 'text/csv' ? 'csv' : 'geojson';
  const bytes = await readRawBody(
    req,
    res,
    maxBytes,
    () =>
      new HttpProblem(
        413,
        'File too large',
        `The file is larger than the ${megabytes(maxBytes)} an import accepts; split it into parts (rows already imported are recognised by external_ref and not duplicated).`,
        { code: 'body_too_large', limit: maxBytes },
      ),
  );
  if (format === 'geojson') {
    // On the raw bytes, before decoding and parsing: a hostile file is refused in milliseconds.
    checkJsonShape(bytes, IMPORT_JSON_LIMITS, 'The file');
    const first = bytes.find(
      (byte) =>
        byte !== 0x20 &&
        byte !== 0x0a &&
        byte !== 0x0d &&
        byte !== 0x09 &&
        byte !== 0xef &&
        byte !== 0xbb &&
        byte !== 0xbf,
    );
    if (first === 0x5b) {
      // Millions of elements would be parsed only to be refused.
      throw new HttpProblem(
        400,
        'Not a FeatureCollection',
        'The file must be a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]}); it is an array.',
      );
    }
  }
  let text: string;
  try {
    // fatal: bytes that are not UTF-8 (a file saved as Windows-1251, say) are refused, not garbled.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new HttpProblem(
      400,
      'Not UTF-8',
      'The file is not UTF-8 text: save it as UTF-8 (in Excel: "CSV UTF-8"), then send it again.',
    );
  }
  if (text.trim() === '') throw new HttpProblem(400, 'Empty file', 'The file is empty: there is nothing to import.');
  if (format === 'csv') return { format, text };
  return { format, document: parseGeoJson(text) };
}
