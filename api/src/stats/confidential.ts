import type { HotspotFilters } from '../contract/hotspots.js';

/**
 * When people who may not see confidential hotspots get them counted in /api/stats.
 *
 * The headline ("18 entered since January, 12 resolved") counts confidential hotspots too, or the
 * meeting's numbers would be wrong; but a count under a narrow filter singles one out: "one
 * confidential hotspot registered on 3 March, resolved" is already a fact about that hotspot, and
 * `entered` minus the list's length tells the same. So for those roles confidential hotspots are
 * counted — in every figure, and `confidential` says how many — only when both hold:
 *
 * - the filters are a headline period and nothing else: registered_from absent or the first day of
 *   a month, registered_to absent, today or later, or the last day of a month (the dashboard's year
 *   and quarter; a month-by-month table). Any other filter — status, dates within a month, place,
 *   category, text, overdue — narrows to what the figures would tell about single hotspots;
 * - at least CONFIDENTIAL_SHOWN_FROM of them fall in it: below that, the few there are would be
 *   singled out by the period alone.
 *
 * Otherwise they are left out of every figure and `confidential` is absent. (Not rounded: `entered`
 * would give the exact number away by subtraction anyway.)
 */
export const CONFIDENTIAL_SHOWN_FROM = 5;

const PERIOD = new Set(['registered_from', 'registered_to']);

function isLastDayOfMonth(date: string): boolean {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCDate() === 1;
}

/** Whether the filters are a headline period and nothing else. */
export function isHeadlinePeriod(filters: HotspotFilters, today: string): boolean {
  const others = Object.entries(filters).some(([name, value]) => value !== undefined && !PERIOD.has(name));
  if (others) return false;
  const { registered_from: from, registered_to: to } = filters;
  if (from !== undefined && !from.endsWith('-01')) return false;
  return to === undefined || to >= today || isLastDayOfMonth(to);
}

/** Whether confidential hotspots are counted for a role that may not see them (see above). */
export function confidentialCounted(filters: HotspotFilters, today: string, confidential: number): boolean {
  return isHeadlinePeriod(filters, today) && confidential >= CONFIDENTIAL_SHOWN_FROM;
}
