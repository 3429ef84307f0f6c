import type { HotspotFilters } from '../contract/hotspots.js';

/**
 * When people who may not see confidential hotspots get them counted in /api/stats.
 *
 * The headline ("18 entered since January, 12 resolved") counts confidential hotspots too, or the
 * meeting's numbers would be wrong; but a count under a narrow filter singles one out: "one
 * confidential hotspot registered on 3 March, resolved" is already a fact about that hotspot, and
 * `entered` minus the list's length tells the same. So for those roles confidential hotspots are
 * counted — in every figure, and `confidential` says how many — only when the filters are a
 * headline period and nothing else: registered_from absent or the first day of a month,
 * registered_to absent, today or later, or the last day of a month (the dashboard's "all", year
 * and quarter; a month-by-month table). Any other filter — status, days within a month, place,
 * category, text, overdue — would tell, by subtraction from the list, which single hotspots are
 * confidential and what became of them. Otherwise they are left out of every figure and
 * `confidential` is absent (the dashboard then says nothing about them).
 *
 * No minimum count on top: the office counts confidential hotspots in its headline by choice, and
 * month by month is the grain it publishes them at — a month with one such hotspot tells that one
 * was registered that month, nothing about which. (Rounding would not help: `entered` minus the
 * list's length gives the exact number anyway.) The 30-day preset is not a headline period: its
 * window slides by a day, and two days' counts would date a confidential hotspot to the day.
 */
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
