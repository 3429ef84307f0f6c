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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The period the URL asks for, or the current quarter for what it leaves out or gets wrong. */
export function periodFrom(search: URLSearchParams, today: string): { from: string; to: string } {
  const quarter = quarterOf(today);
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  return { from: ISO_DATE.test(from) ? from : quarter.from, to: ISO_DATE.test(to) ? to : quarter.to };
}
