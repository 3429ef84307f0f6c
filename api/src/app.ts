import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type { Database } from '@oshaq/db';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { auditRoutes } from './audit/routes.js';
import { actorOf, authenticate, checkAccess } from './auth/middleware.js';
import { type AuthPolicy, DEFAULT_AUTH_POLICY } from './auth/policy.js';
import { authRoutes } from './auth/routes.js';
import { mfaRoutes } from './auth/mfa-routes.js';
import { noStoreByDefault } from './cache/cache-control.js';
import { ReadCache } from './cache/read-cache.js';
import { clientConfigRoutes } from './client-config/routes.js';
import { clusterRoutes } from './clusters/routes.js';
import { MAX_VERTICES_DEFAULT } from './contract/geometry.js';
import { compressAnswers } from './http/compression.js';
import { securityHeaders } from './http/security.js';
import type { TrustProxy } from './http/trust-proxy.js';
import { userRoutes } from './users/routes.js';
import { userMfaRoutes } from './users/mfa-routes.js';
import { docsRoutes } from './docs/routes.js';
import { exportRoutes } from './exports/routes.js';
import { importRoutes } from './imports/routes.js';
import { ogcRoutes } from './ogc/routes.js';
import { placeRoutes } from './places/routes.js';
import { healthRoutes } from './health/routes.js';
import { hotspotRoutes } from './hotspots/routes.js';
import { meetingRoutes } from './meetings/routes.js';
import { instructionRoutes } from './instructions/routes.js';
import { disciplineRoutes } from './discipline/routes.js';
import { buildOpenApi } from './http/openapi.js';
import { RouteTable } from './http/route-table.js';
import { areaImportRoutes } from './reference/area-import-routes.js';
import { referenceRoutes } from './reference/routes.js';
import { referenceWriteRoutes } from './reference/write-routes.js';
import { statsRoutes } from './stats/routes.js';
import { todayIn } from './time.js';
import { notFound, problemHandler } from './http/problem.js';
import { webRoutes } from './web/static.js';

export interface AppDeps {
  db: Database;
  logger: Logger;
  /** The built web app (web/dist); a placeholder page is served when absent. */
  webDist?: string;
  version?: string;
  /** The city's time zone: decides "today" for overdue and default dates. */
  timeZone?: string;
  maxVertices?: number;
  /** Code(s) of the areas every hotspot must lie in; unset: anywhere. */
  jurisdiction?: string | readonly string[];
  /** The base-map tile URL: the Content-Security-Policy allows images from its origin. */
  tileUrl?: string;
  /** Credit shown under the base map, as the tile server's licence asks. */
  tileAttribution?: string;
  /** Session and sign-in limits; defaults in auth/policy.ts. */
  authPolicy?: Partial<AuthPolicy>;
  /** The read cache of maps, lists and statistics (READ_CACHE); on unless false. */
  readCache?: boolean;
  /** Whether cached reads say X-Cache: hit|miss|off (CACHE_DEBUG_HEADER); off unless true. */
  cacheDebugHeader?: boolean;
  /** Express's 'trust proxy' (TRUST_PROXY): hops or addresses allowed to set X-Forwarded-*; unset: none. */
  trustProxy?: TrustProxy;
  /** The public origin absolute links start with (PUBLIC_URL); unset: the request's own, checked. */
  publicUrl?: string;
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Builds the Express app without listening, so tests can run it in-process on a real database. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Only configured proxies may name the client's address and scheme (TRUST_PROXY); by default nobody.
  app.set('trust proxy', deps.trustProxy ?? false);
  app.locals.publicUrl = deps.publicUrl;
  app.use(
    pinoHttp({
      logger: deps.logger,
      // Reuse a caller's request id (from a proxy) when sane, so one id follows a request end to end.
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );
  // Every answer worth it goes out compressed (br or gzip), except what the read cache already encoded.
  app.use(compressAnswers());
  app.use(securityHeaders(deps.tileUrl));
  app.use(['/api', '/ogc'], noStoreByDefault);
  app.use(healthRoutes(deps.db, deps.version ?? '0.0.0'));
  const policy: AuthPolicy = { ...DEFAULT_AUTH_POLICY, ...deps.authPolicy };

  const timeZone = deps.timeZone ?? 'Asia/Almaty';
  const today = () => todayIn(timeZone);
  // Routes marked `cache: true` answer repeated reads from memory, checked against the data version.
  const readCache = new ReadCache({
    knex: deps.db.knex,
    today,
    enabled: deps.readCache ?? true,
    debugHeader: deps.cacheDebugHeader ?? false,
  });
  app.locals.readCache = readCache;
  const api = new RouteTable('/api', { readCache });
  const jurisdiction = deps.jurisdiction === undefined ? undefined : [deps.jurisdiction].flat();
  // Fixed paths under /hotspots first: /hotspots/:id would take them for ids.
  clusterRoutes(api, deps.db, today);
  exportRoutes(api, { db: deps.db, today });
  hotspotRoutes(api, {
    db: deps.db,
    today,
    maxVertices: deps.maxVertices ?? MAX_VERTICES_DEFAULT,
    jurisdiction,
    actorOf,
  });
  importRoutes(api, {
    db: deps.db,
    today,
    maxVertices: deps.maxVertices ?? MAX_VERTICES_DEFAULT,
    actorOf,
    jurisdiction,
  });
  referenceRoutes(api, deps.db);
  placeRoutes(api, deps.db);
  referenceWriteRoutes(api, deps.db);
  areaImportRoutes(api, { db: deps.db });
  authRoutes(api, deps.db, policy);
  mfaRoutes(api, deps.db, policy);
  userRoutes(api, deps.db);
  userMfaRoutes(api, deps.db);
  auditRoutes(api, deps.db);
  statsRoutes(api, deps.db, today);
  meetingRoutes(api, { db: deps.db, today });
  instructionRoutes(api, { db: deps.db, today });
  disciplineRoutes(api, { db: deps.db, today });
  clientConfigRoutes(api, {
    version: deps.version ?? '0.0.0',
    tileUrl: deps.tileUrl,
    tileAttribution: deps.tileAttribution ?? '© OpenStreetMap contributors',
    jurisdiction,
    timeZone,
    today,
  });
  // The route table is the one list of endpoints: OpenAPI and the tests read it.
  app.locals.routeTable = api;
  // No app-wide body parser: each route reads its body within its own limits (http/body.ts),
  // after its access check; the imports read their own, larger ones.
  app.use(['/api', '/ogc'], authenticate(deps.db.knex, policy));
  app.use('/api', api.router);
  app.use(
    '/api',
    docsRoutes(() => buildOpenApi([api], deps.version ?? '0.0.0')),
  );
  app.use('/api', notFound);
  // GIS clients reach /ogc with a personal API token (Basic or Bearer); the data is not public.
  app.use('/ogc', (req, _res, next) => {
    checkAccess(req, 'signed_in');
    next();
  });
  app.use('/ogc', ogcRoutes(deps.db, today));
  app.use('/ogc', notFound);
  app.use(webRoutes(deps.webDist));
  app.use(notFound);
  app.use(problemHandler((error) => deps.logger.error({ err: error }, 'unhandled error')));
  return app;
}
