import express, { type Request, type Response } from 'express';
import { HttpProblem } from '../http/problem.js';

/** What was uploaded: CSV text, GeoJSON text, or GeoJSON the app's JSON parser has already read. */
export type ImportBody = { format: 'csv' | 'geojson'; text: string } | { format: 'geojson'; parsed: unknown };

const ACCEPTED = 'application/geo+json (or application/json) for a GeoJSON FeatureCollection, text/csv for CSV';

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * Reads the uploaded file from the request. The app's JSON parser (2 MB, for ordinary requests)
 * runs before the route table, so an `application/json` upload may arrive already parsed; GeoJSON
 * (`application/geo+json`) and CSV are read here, raw, with the import's own size limit.
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
  const format: ImportBody['format'] = type === 'text/csv' ? 'csv' : 'geojson';
  // Another parser may have read the body already: the app's JSON parser, or a text parser.
  if (typeof req.body === 'string') return { format, text: req.body.replace(/^\uFEFF/, '') };
  if (req.body !== undefined && !Buffer.isBuffer(req.body)) {
    if (format === 'csv') throw new HttpProblem(400, 'Malformed CSV', 'The CSV body could not be read as text.');
    return { format, parsed: req.body };
  }

  await new Promise<void>((resolve, reject) => {
    express.raw({ type: () => true, limit: maxBytes })(req, res, (error?: unknown) =>
      error ? reject(error as Error) : resolve(),
    );
  }).catch((error: { type?: string }) => {
    if (error.type === 'entity.too.large') {
      throw new HttpProblem(
        413,
        'File too large',
        `The file is larger than the ${megabytes(maxBytes)} an import accepts; split it into parts (rows already imported are recognised by external_ref and not duplicated).`,
      );
    }
    throw error;
  });
  const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  let text: string;
  try {
    // fatal: bytes that are not UTF-8 (a file saved as Windows-1251, say) are refused, not garbled.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpProblem(
      400,
      'Not UTF-8',
      'The file is not UTF-8 text: save it as UTF-8 (in Excel: "CSV UTF-8"), then send it again.',
    );
  }
  if (text.trim() === '') throw new HttpProblem(400, 'Empty file', 'The file is empty: there is nothing to import.');
  return { format, text };
}
