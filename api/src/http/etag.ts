/**
 * Entity tags (RFC 9110 §8.8.3): how the API names a version of an answer, and how it reads the
 * tags a client sends back in If-Match and If-None-Match.
 */

/** Weak validators would let a stale edit through; the ETag of a versioned resource is its version, strong. */
export function etagFor(version: number): string {
  return `"v${version}"`;
}

/** The version an If-Match header names; `*` means any; undefined when unparsable. */
export function versionFromIfMatch(header: string): number | '*' | undefined {
  const value = header.trim();
  if (value === '*') return '*';
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(value);
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
