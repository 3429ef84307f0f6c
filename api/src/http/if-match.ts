import type { Request, Response } from 'express';
import { DomainError, invalid } from '../errors.js';
import { etagFor, etagForBody, versionFromIfMatch } from './etag.js';

/** Optimistic concurrency over HTTP, shared by every versioned resource (hotspots, meetings, instructions). */

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
  if (version === undefined)
    throw invalid('If-Match', 'not_an_etag', 'must be an ETag this API gave out, such as "v3"');
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

/** OpenAPI answers of a route that takes If-Match. */
export const VERSIONED = {
  412: { description: 'Changed by someone else since: the body carries the current state as `current`' },
};
export const IF_MATCH_REQUIRED = { ...VERSIONED, 428: { description: 'If-Match missing' } };

/** Answers a versioned resource with its version as the ETag, so the next edit can send it back in If-Match. */
export function sendVersioned(res: Response, body: { version: number }, status = 200): void {
  res.setHeader('ETag', etagFor(body.version));
  res.status(status).json(body);
}

/** As sendVersioned, for an answer that also shows what other records hold (see etagForBody). */
export function sendVersionedWhole(res: Response, body: { version: number }, status = 200): void {
  res.setHeader('ETag', etagForBody(body.version, body));
  res.status(status).json(body);
}
