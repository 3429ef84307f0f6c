import { z } from 'zod';
import type { Database } from '@oshaq/db';
import { checkClusterCells, clusterCollection, clusterQueryShape } from '../contract/clusters.js';
import { hotspotFilterShape, checkPeriods } from '../contract/hotspots.js';
import { viewerOf } from '../auth/visibility.js';
import { GEOJSON } from '../http/media-types.js';
import type { RouteTable } from '../http/route-table.js';
import { resolveFilters } from '../hotspots/service.js';
import { clusterJson } from './repo.js';

const clusterQuery = z
  .object({ ...hotspotFilterShape, ...clusterQueryShape })
  .strict()
  .superRefine(checkPeriods)
  .superRefine(checkClusterCells);

/** Registered before /hotspots/:id, which would otherwise take "clusters" for an id. */
export function clusterRoutes(table: RouteTable, db: Database, today: () => string): void {
  table.add(
    {
      method: 'get',
      path: '/hotspots/clusters',
      summary: 'Hotspots grouped on a grid for zoomed-out views (bbox and zoom required; list filters apply)',
      tags: ['hotspots'],
      access: 'signed_in',
      query: clusterQuery,
      responses: {
        200: {
          description: 'One point per occupied grid cell',
          schema: clusterCollection,
          contentType: GEOJSON,
        },
      },
      cache: true,
    },
    async ({ query }, req, res) => {
      const { bbox, zoom, ...filters } = query;
      const resolved = await resolveFilters(db.knex, filters);
      res.type(GEOJSON).send(await clusterJson(db.knex, viewerOf(req), resolved, bbox, zoom, today()));
    },
  );
}
