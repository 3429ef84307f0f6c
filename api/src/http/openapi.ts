import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { problem } from '../contract/common.js';
import { JSON_TYPE, PROBLEM_CONTENT_TYPE } from './media-types.js';
import type { RouteTable } from './route-table.js';

/** `/hotspots/:id` → `/hotspots/{id}` */
function openApiPath(prefix: string, path: string): string {
  return `${prefix}${path}`.replace(/:(\w+)/g, '{$1}');
}

/** Builds the OpenAPI 3.1 document from the route tables' own zod schemas. */
export function buildOpenApi(tables: RouteTable[], version: string) {
  const registry = new OpenAPIRegistry();
  for (const table of tables) {
    for (const route of table.routes) {
      const responses: Record<string, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {};
      for (const [status, response] of Object.entries(route.responses)) {
        responses[status] = {
          description: response.description,
          ...(response.schema ? { content: { [response.contentType ?? JSON_TYPE]: { schema: response.schema } } } : {}),
        };
      }
      responses['400'] ??= {
        description: 'Invalid request',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: problem } },
      };
      responses.default = { description: 'Error', content: { [PROBLEM_CONTENT_TYPE]: { schema: problem } } };
      registry.registerPath({
        method: route.method,
        path: openApiPath(table.prefix, route.path),
        summary: route.summary,
        tags: route.tags,
        request: {
          ...(route.query ? { query: route.query as never } : {}),
          ...(route.params ? { params: route.params as never } : {}),
          ...(route.headers ? { headers: route.headers as never } : {}),
          ...(route.body ? { body: { content: { [JSON_TYPE]: { schema: route.body } }, required: true } } : {}),
        },
        responses,
      });
    }
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Oshaq API',
      version,
      description:
        'Map of social-tension hotspots: hotspots as GeoJSON (RFC 7946, lon/lat, EPSG:4326), their history, statistics and reference data. Errors are application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/' }],
  });
}
