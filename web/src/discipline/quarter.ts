import { disciplineQuery } from '@oshaq/api/contract/meeting-reports';
import { readParam } from '../filters/url-params';

/** The calendar quarter a day (YYYY-MM-DD) falls in, as its first and last days. */
export function quarterOf(day: string): { from: string; to: string } {
  const year = Number(day.slice(0, 4));
  const first = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1;
  const last = first + 2;
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(year, last, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay)}` };
}

/**
 * The period the URL asks for, each end read with the API's disciplineQuery, or the current
 * quarter's for what it leaves out or gets wrong (not a calendar day, say).
 */
export function periodFrom(search: URLSearchParams, today: string): { from: string; to: string } {
  const quarter = quarterOf(today);
  return {
    from: readParam(disciplineQuery.shape.from, search.get('from')) ?? quarter.from,
    to: readParam(disciplineQuery.shape.to, search.get('to')) ?? quarter.to,
  };
}
