import type { Response } from 'express';
import { z } from 'zod';
import { code } from '../contract/common.js';
import { etagFor } from '../http/etag.js';

export { ifMatch, withCurrentOnStale } from '../http/if-match.js';

/** HTTP helpers the meeting routes share: ids in paths, If-Match and ETag, 412 with the current state. */

const id = (what: string) =>
  z.coerce
    .number({ error: `must be ${what} id (a whole number)` })
    .int(`must be ${what} id (a whole number)`)
    .positive(`must be ${what} id (a whole number)`)
    .max(2147483647, `must be ${what} id (a whole number)`);
export const meetingParams = z.object({ id: id('a meeting') }).strict();
export const itemParams = z.object({ id: id('a meeting'), itemId: id('an agenda item') }).strict();
export const instructionParams = z.object({ id: id('an instruction') }).strict();
export const assignmentParams = z.object({ id: id('an instruction'), agency: code }).strict();
export const hotspotParams = z.object({ id: z.uuid({ error: 'must be a hotspot id (a UUID)' }) }).strict();

export const EDITORS = ['prosecutor', 'admin'] as const;
/** Akimat staff report for their own agency (the service checks which); the prosecutor's office for any. */
export const REPORTERS = ['akimat', 'prosecutor', 'admin'] as const;

export const VERSIONED = {
  412: { description: 'Changed by someone else since: the body carries the current state as `current`' },
};
export const IF_MATCH_REQUIRED = { ...VERSIONED, 428: { description: 'If-Match missing' } };

export function sendVersioned(res: Response, body: { version: number }, status = 200): void {
  res.setHeader('ETag', etagFor(body.version));
  res.status(status).json(body);
}
