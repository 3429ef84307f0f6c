import { createHash } from 'node:crypto';

/**
 * Entity tags (RFC 9110 §8.8.3): how the API names a version of an answer, and how it reads the
 * tags a client sends back in If-Match and If-None-Match.
 */

/** Weak validators would let a stale edit through; the ETag of a versioned resource is its version, strong. */
export function etagFor(version: number): string {
  return `"v${version}"`;
}

/**
 * The ETag of an answer that shows more than its resource's own fields (a meeting's agenda and
 * instructions show their hotspots' titles and statuses, and whether a part is overdue depends on
 * the day): the version, for If-Match, and a hash of the whole body, so the validator covers
 * everything in it and a revalidating browser never gets a 304 for a page that moved on.
 */
export function etagForBody(version: number, body: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  return `"v${version}-${hash}"`;
}

/** The version an If-Match header names; `*` means any; undefined when unparsable. */
export function versionFromIfMatch(header: string): number | '*' | undefined {
  const value = header.trim();
  if (value === '*') return '*';
  const match = /^(?:W\/)?"v(\d{1,9})(?:-[0-9a-f]{16})?"$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** `If-None-Match: *`: "unless the resource exists" — true only once we know the answer is a 200. */
export function isAnyTag(header: string | undefined): boolean {
  return !!header && header.split(',').some((tag) => tag.trim() === '*');
}

/** Whether a list of tags names this one, by weak comparison (RFC 9110 §8.8.3.2: W/ is ignored). */
export function namesTag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/** If-None-Match by weak comparison (RFC 9110 §13.1.2): a list of tags, or `*`. */
export function ifNoneMatchAccepts(header: string | undefined, etag: string): boolean {
  return isAnyTag(header) || namesTag(header, etag);
}
