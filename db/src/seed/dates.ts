/** Calendar-date arithmetic on 'YYYY-MM-DD' strings, in UTC so no time zone shifts a day. */
const DAY_MS = 86_400_000;

function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parseIsoDate(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

export function addDays(value: string, days: number): string {
  return toIsoDate(new Date(parseIsoDate(value).getTime() + days * DAY_MS));
}

function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to).getTime() - parseIsoDate(from).getTime()) / DAY_MS);
}

/** The date a fraction (0..1) of the way from `from` to `to`, rounded down to a whole day. */
export function dateAtFraction(from: string, to: string, fraction: number): string {
  return addDays(from, Math.floor(daysBetween(from, to) * fraction));
}

/** Today's calendar date where the process runs. */
export function localToday(now: Date = new Date()): string {
  const offsetMs = now.getTimezoneOffset() * 60_000;
  return toIsoDate(new Date(now.getTime() - offsetMs));
}
