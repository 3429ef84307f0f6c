import type { Request, Response } from 'express';
import { z } from 'zod';
import { code } from '../contract/common.js';
import { DomainError, invalid } from '../errors.js';
import { etagFor, versionFromIfMatch } from '../hotspots/rules.js';

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

/** The version If-Match names: required on edits (428 without), optional on deletes and state changes. */
export function ifMatch(req: Request, required: true): number | '*';
export function ifMatch(req: Request, required: false): number | '*' | undefined;
export function ifMatch(req: Request, required: boolean): number | '*' | undefined {
  const header = req.get('If-Match');
  if (!header) {
    if (required) {
      throw new DomainError(
        'precondition_required',
        'Send If-Match with the ETag of the version you edited (from GET), so nobody’s change is overwritten unseen.',
      );
    }
    return undefined;
  }
  const version = versionFromIfMatch(header);
  if (version === undefined) throw invalid('If-Match', 'must be an ETag this API gave out, such as "v3"');
  return version;
}

/** A stale change answers 412 with the current state, so the person sees what changed. */
export async function withCurrentOnStale(change: () => Promise<unknown>, current: () => Promise<unknown>) {
  try {
    await change();
  } catch (error) {
    if (!(error instanceof DomainError) || error.kind !== 'stale') throw error;
    throw new DomainError('stale', error.message, { current: (await current()) ?? null });
  }
}

export function sendVersioned(res: Response, body: { version: number }, status = 200): void {
  res.setHeader('ETag', etagFor(body.version));
  res.status(status).json(body);
}
