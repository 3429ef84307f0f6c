import type { RequestHandler } from 'express';

/**
 * Every API answer is `no-store` unless its route says otherwise. Hotspot details, meetings,
 * instructions, the audit trail, users, sessions, "my tasks": personal or confidential, and a
 * browser's disk cache or a proxy could keep them after the person signs out. Routes that may be
 * kept set their own header after this one: the read cache (cache/read-cache.ts: `private,
 * no-cache` for what holds no confidential hotspot), the public client configuration, the web app.
 * Errors (401, 404, …) are `no-store` too: a 404 must not be kept where a later 200 belongs.
 */
export const noStoreByDefault: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
