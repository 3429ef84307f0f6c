import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';
import { OPENAPI_TYPE } from '../http/media-types.js';

const require = createRequire(import.meta.url);
const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Oshaq API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** /api/docs: a browsable reference of the OpenAPI document, served from the app itself (no CDN). */
export function docsRoutes(openapi: () => unknown): Router {
  const router = express.Router();
  let document: unknown;
  router.get('/openapi.json', (_req, res) => {
    document ??= openapi();
    res.type(OPENAPI_TYPE).send(JSON.stringify(document));
  });
  router.use('/docs/assets', express.static(swaggerDir, { maxAge: '1d' }));
  router.get('/docs/init.js', (_req, res) => {
    res.type('text/javascript').send(init);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}
