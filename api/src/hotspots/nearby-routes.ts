import type { Database } from '@oshaq/db';
import { viewerOf } from '../auth/visibility.js';
import { EDITORS } from '../auth/roles.js';
import { nearbyAnswer, nearbyQuery } from '../contract/hotspot-nearby.js';
import type { RouteTable } from '../http/route-table.js';
import { nearbyHotspots } from './nearby-service.js';

/** Before /hotspots/:id, which would take `nearby` for an id. Those who register ask it. */
export function nearbyRoutes(table: RouteTable, deps: { db: Database; today: () => string }): void {
  table.add(
    {
      method: 'get',
      path: '/hotspots/nearby',
      summary:
        'Open or lately resolved hotspots of a category near a place, within the category’s duplicate radius: ' +
        'asked before registering, so the same issue is not entered twice',
      tags: ['hotspots'],
      access: EDITORS,
      query: nearbyQuery,
      responses: { 200: { description: 'Nearest first; empty when the radius is 0', schema: nearbyAnswer } },
      cache: true,
    },
    async ({ query }, req, res) => {
      res.json(await nearbyHotspots(deps.db.knex, viewerOf(req), query, deps.today()));
    },
  );
}
