import type { Request } from 'express';
import { decodeCursor, encodeCursor, originOf, selfUrlWith } from '../http/links.js';
import { GEOJSON } from '../http/media-types.js';

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian';

export interface Link {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

/**
 * Links are absolute because GIS clients resolve them against whatever URL they last fetched; the
 * origin is PUBLIC_URL or the request's own, checked (http/links.ts).
 */
export { originOf };

/** The URL of a path below wherever the OGC router is mounted (`/ogc` in the app). */
export function ogcUrl(req: Request, path = ''): string {
  return `${originOf(req)}${req.baseUrl}${path}`;
}

export function link(href: string, rel: string, type: string, title?: string): Link {
  return title === undefined ? { href, rel, type } : { href, rel, type, title };
}

/** This request's own URL: self links keep every parameter the client sent. */
export const selfLink = (req: Request, type: string) => link(selfUrlWith(req, {}), 'self', type);

/**
 * A page boundary: the items after (next) or before (prev) a feature id in the collection's
 * id order. Keyset paging, not offsets, so a feature added or deleted while a client pages
 * through does not shift the pages and make it miss or repeat another one.
 */
export interface PageCursor {
  direction: 'after' | 'before';
  id: string;
}

export function pageLink(req: Request, rel: 'next' | 'prev', cursor: PageCursor): Link {
  const token = encodeCursor([cursor.direction, cursor.id]);
  return link(selfUrlWith(req, { cursor: token }), rel, GEOJSON);
}

/** Reads a cursor back; undefined when it is not one this API gave out. */
export function readCursor(token: string): PageCursor | undefined {
  const value = decodeCursor(token);
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [direction, id] = value as unknown[];
  if ((direction !== 'after' && direction !== 'before') || typeof id !== 'string') return undefined;
  return { direction, id };
}
