import type { Database } from '@oshaq/db';
import { hotspotFilters } from '../contract/hotspots.js';
import { statsResponse, type Stats } from '../contract/stats.js';
import { hidesConfidential } from '../auth/visibility.js';
import type { RouteTable } from '../http/route-table.js';
import { resolveFilters } from '../hotspots/service.js';
import { isHeadlinePeriod } from './confidential.js';
import { statistics } from './repo.js';

type CountName = 'entered' | 'resolved' | 'registered' | 'in_progress' | 'dismissed' | 'overdue' | 'confidential';

/** The counts, with `confidential` only when the rule lets it be shown. */
function withoutConfidential(totals: Required<Pick<Stats, CountName>>, shown: boolean): Pick<Stats, CountName> {
  if (shown) return totals;
  const { confidential: _hidden, ...rest } = totals;
  return rest;
}

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
      const hidden = hidesConfidential(req);
      // For roles that may not see confidential hotspots, those are counted only under a headline
      // period (see stats/confidential.ts); otherwise they are left out of every figure.
      const shown = !hidden || isHeadlinePeriod(query, now);
      const filters = await resolveFilters(db.knex, query, hidden && !shown);
      const result = await statistics(db.knex, filters, periodEnd, now, hidden);
      const body: Stats = {
        period: { from: query.registered_from ?? null, to: periodEnd },
        ...withoutConfidential(result.totals as Required<Pick<Stats, CountName>>, shown),
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
