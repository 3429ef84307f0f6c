import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type { Database } from '@oshaq/db';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { healthRoutes } from './health/routes.js';
import { notFound, problemHandler } from './http/problem.js';
import { webRoutes } from './web/static.js';

export interface AppDeps {
  db: Database;
  logger: Logger;
  /** The built web app (web/dist); a placeholder page is served when absent. */
  webDist?: string;
  version?: string;
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
  app.use('/api', notFound);
  app.use('/ogc', notFound);
  app.use(webRoutes(deps.webDist));
  app.use(notFound);
  app.use(problemHandler((error) => deps.logger.error({ err: error }, 'unhandled error')));
  return app;
}
