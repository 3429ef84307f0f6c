import { z } from 'zod';
import { coded } from './problems.js';

/**
 * Shapes shared by several endpoints. These schemas are the contract: the API validates with
 * them, OpenAPI is generated from them and the web client imports their types. They import
 * nothing but zod, so the browser bundle can use them.
 */

export const isoDate = z.iso
  .date({ error: 'must be a date written YYYY-MM-DD' })
  .refine(
    (date) => date >= '1900-01-01' && date <= '2199-12-31',
    coded('date_out_of_range', 'must be a date between 1900 and 2199', { min: '1900-01-01', max: '2199-12-31' }),
  )
  .meta({ example: '2026-03-15' });
export const isoDateTime = z.string().meta({ format: 'date-time', example: '2026-03-15T09:30:00.000Z' });

import { SEVERITIES, STATUSES } from './enums.js';

export { SEVERITIES, STATUSES };
export const severity = z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` });
export const status = z.enum(STATUSES, { error: `must be one of ${STATUSES.join(', ')}` });
export type { Status } from './enums.js';

/** Problems: their types and codes are listed in ./problems.ts. */
export { problem } from './problems.js';

export const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a code of lowercase letters, digits and _');

/** A query parameter holding a comma-separated list (or the parameter repeated). */
export function listParam<T extends z.ZodType>(item: T, max = 50) {
  return z.preprocess(
    (value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((part) => String(part).split(','))
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    z.array(item).min(1, 'must name at least one value').max(max, `must name at most ${max} values`),
  );
}

export const booleanParam = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .transform((v) => v === 'true');

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

export const bboxParam = z
  .string()
  .transform((value, ctx) => {
    // Number() would read '' as 0 and '0x44' as 68: only plain decimals are coordinates.
    const texts = value.split(',').map((part) => part.trim());
    const parts = texts.map(Number);
    if (
      parts.length !== 4 ||
      texts.some((text) => !DECIMAL.test(text)) ||
      parts.some((part) => !Number.isFinite(part))
    ) {
      ctx.addIssue({ code: 'custom', ...coded('not_a_bbox', 'must be four numbers: minLon,minLat,maxLon,maxLat') });
      return z.NEVER;
    }
    const [minLon, minLat, maxLon, maxLat] = parts as [number, number, number, number];
    let refused = false;
    const refuse = (code: 'bbox_out_of_range' | 'bbox_empty', message: string) => {
      refused = true;
      ctx.addIssue({ code: 'custom', ...coded(code, message) });
    };
    if (minLon < -180 || maxLon > 180) refuse('bbox_out_of_range', 'longitudes must lie within -180..180');
    if (minLat < -90 || maxLat > 90) refuse('bbox_out_of_range', 'latitudes must lie within -90..90');
    if (minLon >= maxLon) refuse('bbox_empty', 'minLon must be less than maxLon');
    if (minLat >= maxLat) refuse('bbox_empty', 'minLat must be less than maxLat');
    return refused ? z.NEVER : { minLon, minLat, maxLon, maxLat };
  })
  .meta({ description: 'minLon,minLat,maxLon,maxLat in EPSG:4326', example: '68.2,43.25,68.35,43.35' });
export type Bbox = { minLon: number; minLat: number; maxLon: number; maxLat: number };

/**
 * A whole number from a query or a path, `min` to `max`. Digits only: z.coerce.number alone reads
 * '' and ' ' as 0 and '0x10' as 16, and a number past PostgreSQL's integer reached the database and
 * came back as an error that named no parameter.
 */
export function wholeNumberParam(message: string, min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? (/^\d{1,16}$/.test(value) ? Number(value) : Number.NaN) : value),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );
}

/** The largest id PostgreSQL's integer (serial) column holds. */
export const MAX_INTEGER_ID = 2_147_483_647;

/** A record's numeric id in a query or a path. */
export const idParam = (message: string) => wholeNumberParam(message, 1, MAX_INTEGER_ID);

/** A page size from 1 to `max`: out of range is refused, never clamped. */
export function limitParam(max: number, fallback: number) {
  return wholeNumberParam(`must be a whole number from 1 to ${max}`, 1, max).default(fallback);
}
