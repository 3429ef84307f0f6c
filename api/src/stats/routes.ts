import type { Database } from '@oshaq/db';
import { hotspotFilters } from '../contract/hotspots.js';
import { statsResponse, type Stats } from '../contract/stats.js';
import { hidesConfidential } from '../auth/visibility.js';
import type { RouteTable } from '../http/route-table.js';
import { resolveFilters } from '../hotspots/service.js';
import { statistics } from './repo.js';

const CONTENT_FILTERS = ['q', 'category', 'agency', 'severity', 'area', 'bbox', 'overdue_instructions'] as const;

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
      const now = today();
      const periodEnd = query.registered_to && query.registered_to < now ? query.registered_to : now;
      // Counting confidential hotspots in a period is allowed for everyone; counting them under a
      // filter on their content (text, category, agency, severity, place) would reveal that content.
      const hidden = hidesConfidential(req);
      const describesContent = CONTENT_FILTERS.some((name) => query[name] !== undefined);
      const result = await statistics(
        db.knex,
        await resolveFilters(db.knex, query, hidden && describesContent),
        periodEnd,
        now,
        hidden,
      );
      const body: Stats = {
        period: { from: query.registered_from ?? null, to: periodEnd },
        ...(result.totals as Pick<
          Stats,
          'entered' | 'resolved' | 'registered' | 'in_progress' | 'dismissed' | 'overdue' | 'confidential'
        >),
        breakdowns_include_confidential: !hidesConfidential(req),
        by_category: result.byCategory as Stats['by_category'],
        by_area: result.byArea as Stats['by_area'],
        by_agency: result.byAgency as Stats['by_agency'],
        by_severity: result.bySeverity as Stats['by_severity'],
        by_month: result.byMonth as Stats['by_month'],
      };
      res.json(body);
    },
  );
}
