/** Today's date (YYYY-MM-DD) in a time zone: "overdue" flips at the city's midnight, not the server's. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/*
 * Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so no time zone moves a day: the
 * statistics cells and the map grid both cut periods at months and days.
 */
const utcDay = (date: string) => new Date(`${date}T00:00:00Z`);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The day `days` after an ISO date (before it, when negative). */
export function dayAfter(date: string, days = 1): string {
  const moved = utcDay(date);
  moved.setUTCDate(moved.getUTCDate() + days);
  return isoDay(moved);
}

/** The day before an ISO date. */
export const dayBefore = (date: string): string => dayAfter(date, -1);

/** The first day of the month after the one an ISO date falls in. */
export function nextMonthStart(date: string): string {
  const next = utcDay(`${date.slice(0, 7)}-01`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return isoDay(next);
}
