import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

const placeholder = `<!doctype html>
<html lang="kk"><head><meta charset="utf-8"><title>Oshaq</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Oshaq</h1><p>Әлеуметтік шиеленіс ошақтарының картасы</p>
<p>The web app has not been built: run <code>npm run build</code>.</p></main></body></html>`;

/**
 * Serves the built web app, with index.html for any other GET outside /api and /ogc so that
 * client-side routes survive a reload. Without a build, a placeholder page says what to run.
 */
export function webRoutes(webDist: string | undefined): Router {
  const router = express.Router();
  const index = webDist ? path.join(webDist, 'index.html') : undefined;
  if (webDist && index && existsSync(index)) {
    router.use(express.static(webDist, { index: false, maxAge: '1h' }));
    router.get(/^\/(?!api\/|ogc\/|api$|ogc$).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  } else {
    router.get('/', (_req, res) => {
      res.type('html').send(placeholder);
    });
  }
  return router;
}
