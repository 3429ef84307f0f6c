import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import type { HotspotFilters } from '../contract/hotspots.js';
import type { Stats } from '../contract/stats.js';
import { resolveFilters } from '../hotspots/service.js';
import { countsIncludingConfidential } from '../sql/visible-hotspots.js';
import { isHeadlinePeriod } from './confidential.js';
import { statistics } from './repo.js';

type CountName = 'entered' | 'resolved' | 'registered' | 'in_progress' | 'dismissed' | 'overdue' | 'confidential';

/** The counts, with `confidential` only when the rule lets it be shown. */
function withoutConfidential(totals: Required<Pick<Stats, CountName>>, shown: boolean): Pick<Stats, CountName> {
  if (shown) return totals;
  const { confidential: _hidden, ...rest } = totals;
  return rest;
}

/**
 * The meeting's counts and breakdowns for a viewer. For viewers who may not see confidential
 * hotspots, those are counted only under a headline period (stats/confidential.ts), through the
 * named path `countsIncludingConfidential`; otherwise they are left out of every figure.
 */
export async function statsFor(knex: Knex, query: HotspotFilters, viewer: Viewer, today: string): Promise<Stats> {
  const periodEnd = query.registered_to && query.registered_to < today ? query.registered_to : today;
  const shown = viewer.seesConfidential || isHeadlinePeriod(query, today);
  const filters = await resolveFilters(knex, query);
  const counted = shown ? countsIncludingConfidential : viewer;
  const result = await statistics(knex, { counted, viewer }, filters, periodEnd, today);
  return {
    period: { from: query.registered_from ?? null, to: periodEnd },
    ...withoutConfidential(result.totals as Required<Pick<Stats, CountName>>, shown),
    breakdowns_include_confidential: viewer.seesConfidential,
    by_category: result.byCategory as Stats['by_category'],
    by_area: result.byArea as Stats['by_area'],
    by_agency: result.byAgency as Stats['by_agency'],
    by_severity: result.bySeverity as Stats['by_severity'],
    by_month: result.byMonth as Stats['by_month'],
  };
}
