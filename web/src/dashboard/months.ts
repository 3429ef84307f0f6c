import { kazakhMonth } from '../i18n/kazakh-calendar';
/** Month and day arithmetic for the trend and the overdue list; plain functions so they are easy to test. */

export interface MonthCount {
  month: string; // YYYY-MM
  entered: number;
  resolved: number;
}

function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

function monthOf(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Every month of the period, zeros included: the API leaves out months in which nothing was entered
 * or resolved, and a chart that skipped them would make a quiet month look like no time at all.
 * With an open start (all time) the trend starts at the first month that has data.
 */
export function fillMonths(rows: MonthCount[], from: string | null | undefined, to: string | undefined): MonthCount[] {
  const known = new Map(rows.map((row) => [row.month, row]));
  const indexes = rows.map((row) => monthIndex(row.month));
  if (from) indexes.push(monthIndex(from.slice(0, 7)));
  if (to && (indexes.length || from)) indexes.push(monthIndex(to.slice(0, 7)));
  if (!indexes.length) return [];
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  const months: MonthCount[] = [];
  for (let index = first; index <= last; index += 1) {
    const month = monthOf(index);
    months.push(known.get(month) ?? { month, entered: 0, resolved: 0 });
  }
  return months;
}

/** A month (YYYY-MM) in words, e.g. "2026 ж. наурыз" / "март 2026 г." / "March 2026", or short ("нау.") for an axis. */
export function formatMonth(month: string, locale: string, style: 'long' | 'short' = 'long'): string {
  const year = Number(month.slice(0, 4));
  const index = Number(month.slice(5, 7)) - 1;
  const moment = new Date(Date.UTC(year, index, 15));
  const options: Intl.DateTimeFormatOptions =
    style === 'long' ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' };
  const format = new Intl.DateTimeFormat(locale, options);
  const name = format.formatToParts(moment).find((part) => part.type === 'month')?.value ?? '';
  if (!/\d/.test(name)) return format.format(moment);
  if (locale.startsWith('kk')) {
    return kazakhMonth(year, index, style);
  }
  return new Intl.DateTimeFormat('en-GB', options).format(moment);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD), counted in calendar days, not hours. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Round axis steps (1, 2, 5 × 10ⁿ) giving at most `count` gridlines above zero. */
export function niceTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? rough;
  const wholeStep = Math.max(1, step);
  const ticks: number[] = [];
  for (let value = 0; value < max + wholeStep; value += wholeStep) ticks.push(value);
  return ticks;
}
