import { Router } from 'express';
import type { Database } from '@oshaq/db';
import { checkReadiness } from './repo.js';

/** /healthz: the process is alive. /readyz: it can serve, the database answers and is migrated. */
export function healthRoutes(db: Database, version: string): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version, uptimeSeconds: Math.round(process.uptime()) });
  });
  router.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(db);
    const ready = readiness.database === 'reachable' && readiness.pendingMigrations.length === 0;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      database: { kind: db.kind, ...readiness },
    });
  });
  return router;
}
