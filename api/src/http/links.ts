import type { Request } from 'express';

/** A host name, IPv4 address or [IPv6] address, with an optional port: nothing else is a Host. */
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin absolute links start with: PUBLIC_URL when configured (app.locals.publicUrl).
 * Otherwise the request's own — but only an http or https scheme (X-Forwarded-Proto from a trusted
 * proxy could say anything, `javascript` included) and only a Host header that is a host[:port].
 */
export function originOf(req: Request): string {
  const configured = req.app.locals.publicUrl as string | undefined;
  if (configured) return configured;
  const scheme = req.protocol === 'https' ? 'https' : 'http';
  const host = req.get('host') ?? '';
  return `${scheme}://${host.length <= 261 && HOST.test(host) ? host : 'localhost'}`;
}

/** The URL of this request with some query parameters replaced (undefined removes one). */
export function selfUrlWith(req: Request, changes: Record<string, string | undefined>): string {
  // Parsed after a fixed base, then put after the origin: a path such as //evil.example stays a path.
  const parsed = new URL(`http://origin.invalid${req.originalUrl}`);
  const url = new URL(`${originOf(req)}${parsed.pathname}${parsed.search}`);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  return url.toString();
}

/** Opaque page cursors: base64url of JSON, checked again when they come back. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
