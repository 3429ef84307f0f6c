import { randomUUID } from 'node:crypto';
import express, { type Express, type Request } from 'express';
import type { Database } from '@oshaq/db';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { clusterRoutes } from './clusters/routes.js';
import { docsRoutes } from './docs/routes.js';
import { exportRoutes } from './exports/routes.js';
import { importRoutes } from './imports/routes.js';
import { ogcRoutes } from './ogc/routes.js';
import { healthRoutes } from './health/routes.js';
import { hotspotRoutes } from './hotspots/routes.js';
import { buildOpenApi } from './http/openapi.js';
import { RouteTable } from './http/route-table.js';
import { referenceRoutes } from './reference/routes.js';
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
  /** Code of the area every hotspot must lie in; unset: anywhere. */
  jurisdiction?: string;
  /** Who is making a request; replaced by the signed-in user once accounts exist. */
  actorOf?: (req: Request) => string;
}

const ACTOR = /^[\p{L}\p{N} .,:'()-]{1,100}$/u;

/** Until accounts exist, a client names its person in X-Oshaq-Actor; anything else is "anonymous". */
function actorFromHeader(req: Request): string {
  const given = req.get('X-Oshaq-Actor');
  if (!given) return 'anonymous';
  try {
    const decoded = decodeURIComponent(given);
    return ACTOR.test(decoded) ? decoded : 'anonymous';
  } catch {
    return 'anonymous';
  }
}

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** Builds the Express app without listening, so tests can run it in-process on a real database. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
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
  app.use(healthRoutes(deps.db, deps.version ?? '0.0.0'));

  const timeZone = deps.timeZone ?? 'Asia/Almaty';
  const today = () => todayIn(timeZone);
  const api = new RouteTable('/api');
  // Fixed paths under /hotspots first: /hotspots/:id would take them for ids.
  clusterRoutes(api, deps.db, today);
  exportRoutes(api, { db: deps.db, today });
  hotspotRoutes(api, {
    db: deps.db,
    today,
    maxVertices: deps.maxVertices ?? 5000,
    jurisdiction: deps.jurisdiction,
    actorOf: deps.actorOf ?? actorFromHeader,
  });
  importRoutes(api, {
    db: deps.db,
    today,
    maxVertices: deps.maxVertices ?? 5000,
    actorOf: deps.actorOf ?? actorFromHeader,
    jurisdiction: deps.jurisdiction,
  });
  referenceRoutes(api, deps.db);
  statsRoutes(api, deps.db, today);
  // The route table is the one list of endpoints: OpenAPI and the tests read it.
  app.locals.routeTable = api;
  // Imports read their own (larger) body; everything else takes JSON up to 2 MB.
  const jsonBody = express.json({ limit: '2mb', strict: true });
  app.use('/api', (req, res, next) => (req.path === '/imports' ? next() : jsonBody(req, res, next)));
  app.use('/api', api.router);
  app.use(
    '/api',
    docsRoutes(() => buildOpenApi([api], deps.version ?? '0.0.0')),
  );
  app.use('/api', notFound);
  app.use('/ogc', ogcRoutes(deps.db, today));
  app.use('/ogc', notFound);
  app.use(webRoutes(deps.webDist));
  app.use(notFound);
  app.use(problemHandler((error) => deps.logger.error({ err: error }, 'unhandled error')));
  return app;
}
