import type { Request, RequestHandler } from 'express';
import { parse as parseCookies } from 'cookie';
import type { Knex } from 'knex';
import type { Role } from '../accounts/repo.js';
import { DomainError } from '../errors.js';
import type { AuthPolicy } from './policy.js';
import { type AuthUser, userForApiToken } from './repo.js';
import { sessionUser } from './service.js';
import { sameSecret, sha256 } from './tokens.js';
import { viewerOf, type Viewer } from './visibility.js';

export const SESSION_COOKIE = 'oshaq_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface Auth {
  user: AuthUser;
  via: 'session' | 'token';
  tokenHash?: string;
  csrfToken?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: Auth;
  }
}

/** Who is acting, as the history and the audit trail record it. */
export interface Actor {
  name: string;
  userId: number | null;
  ip: string | null;
  role: Role | 'system';
  agencyId: number | null;
  /** Which hotspots the actor may see: a write that reads a hotspot first checks it through this. */
  viewer: Viewer;
}

export function actorOf(req: Request): Actor {
  const user = req.auth?.user;
  const viewer = viewerOf(req);
  if (!user) return { name: 'anonymous', userId: null, ip: req.ip ?? null, role: 'system', agencyId: null, viewer };
  return {
    name: `${user.full_name} (${user.login})`,
    userId: user.id,
    ip: req.ip ?? null,
    role: user.role,
    agencyId: user.agency_id,
    viewer,
  };
}

async function fromAuthorization(knex: Knex, header: string): Promise<Auth> {
  const [scheme, value = ''] = header.split(/\s+/, 2);
  let found: Awaited<ReturnType<typeof userForApiToken>>;
  if (scheme?.toLowerCase() === 'bearer') {
    found = await userForApiToken(knex, sha256(value));
  } else if (scheme?.toLowerCase() === 'basic') {
    // GIS clients (QGIS, GDAL) offer a login and password: the password is a personal API token.
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0)
      found = await userForApiToken(knex, sha256(decoded.slice(colon + 1)), decoded.slice(0, colon).toLowerCase());
  }
  if (found?.expired) {
    throw new DomainError(
      'unauthorized',
      `The API token expired at ${found.expiresAt}: renew it (with your password) or create a new one under your profile.`,
      { code: 'token_expired' },
    );
  }
  if (!found) {
    throw new DomainError('unauthorized', 'The API token is unknown or revoked: create a new one under your profile.');
  }
  return { user: found.user, via: 'token' };
}

/**
 * Finds who is calling: an API token (Bearer, or Basic with the token as password) or the session
 * cookie. A session cookie on a write must come with the session's CSRF token, which another
 * site cannot read, so a forged form post fails.
 */
export function authenticate(knex: Knex, policy: AuthPolicy): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('Authorization');
    if (header) {
      req.auth = await fromAuthorization(knex, header);
      return next();
    }
    const token = parseCookies(req.get('Cookie') ?? '')[SESSION_COOKIE];
    if (token) {
      const session = await sessionUser(knex, token, policy);
      if (session)
        req.auth = { user: session.user, via: 'session', tokenHash: session.tokenHash, csrfToken: session.csrfToken };
    }
    if (req.auth?.via === 'session' && !SAFE_METHODS.has(req.method)) {
      const sent = req.get('X-CSRF-Token') ?? '';
      if (!req.auth.csrfToken || !sameSecret(sent, req.auth.csrfToken)) {
        throw new DomainError(
          'forbidden',
          'This change came without the page’s security token (X-CSRF-Token): reload the page and try again.',
        );
      }
    }
    next();
  };
}

export type Access = 'public' | 'signed_in' | readonly Role[];

/** Checks a route's access rule: 401 when nobody is signed in, 403 when the role may not. */
export function checkAccess(req: Request, access: Access): void {
  if (access === 'public') return;
  if (!req.auth) throw new DomainError('unauthorized', 'Sign in first (or send an API token).');
  if (access === 'signed_in') return;
  if (!access.includes(req.auth.user.role)) {
    throw new DomainError(
      'forbidden',
      `Your role (${req.auth.user.role}) may not do this; it needs ${access.join(' or ')}.`,
    );
  }
}
