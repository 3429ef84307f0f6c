import type { Request } from 'express';
import { DomainError, invalid } from '../errors.js';
import { versionFromIfMatch } from './etag.js';

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
