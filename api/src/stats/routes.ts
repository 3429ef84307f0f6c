import type { Database } from '@oshaq/db';
import { hotspotFilters } from '../contract/hotspots.js';
import { statsResponse } from '../contract/stats.js';
import { viewerOf } from '../auth/visibility.js';
import type { RouteTable } from '../http/route-table.js';
import { statsFor } from './service.js';

export function statsRoutes(table: RouteTable, db: Database, today: () => string): void {
  table.add(
    {
      method: 'get',
      path: '/stats',
      summary: 'Counts and breakdowns for the same filters as the list (the meeting headline)',
      tags: ['statistics'],
      access: 'signed_in',
      query: hotspotFilters,
      responses: { 200: { description: 'Statistics', schema: statsResponse } },
      cache: true,
    },
    async ({ query }, req, res) => {
      res.json(await statsFor(db.knex, query, viewerOf(req), today()));
    },
  );
}
