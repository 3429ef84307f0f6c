import type { SqlFunction } from './index.js';

/**
 * The overdue rule: a hotspot still open (registered or in progress) whose deadline is before
 * `today` (the city's date, which the API passes). The list filter, the features' `overdue`, the
 * statistics, the clusters and the exports all ask this function.
 *
 * One SQL expression, IMMUTABLE and not STRICT, so the planner inlines it where it is called: a
 * WHERE hotspot_is_overdue(h.status, h.due_on, ?) is planned as the expression written out and can
 * still use the partial index of open hotspots by deadline (hotspots_due_on_open_covering). `due_on IS NOT NULL` keeps the answer
 * false, not null, for an open hotspot without a deadline.
 */
export const hotspotIsOverdue: SqlFunction = {
  signature: 'hotspot_is_overdue(text, date, date)',
  statement: `CREATE OR REPLACE FUNCTION hotspot_is_overdue(status text, due_on date, today date) RETURNS boolean
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT status IN ('registered', 'in_progress') AND due_on IS NOT NULL AND due_on < today
  $$`,
};
