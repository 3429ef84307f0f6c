/**
 * Kazakh month names for browsers whose ICU claims Kazakh but carries no data for it (Debian's
 * Chromium prints "2026 M03 15"). Order and style follow CLDR's Kazakh data, so where the browser
 * does know Kazakh, it and this agree.
 */
const KAZAKH_MONTHS = {
  long: [
    'қаңтар',
    'ақпан',
    'наурыз',
    'сәуір',
    'мамыр',
    'маусым',
    'шілде',
    'тамыз',
    'қыркүйек',
    'қазан',
    'қараша',
    'желтоқсан',
  ],
  short: ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'],
} as const;

/** Whether this browser's Intl has real Kazakh month names (not the "M03" placeholder). */
export function intlKnowsKazakh(): boolean {
  const text = new Intl.DateTimeFormat('kk-KZ', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 15));
  return !/\d/.test(text);
}

interface Parts {
  year: string;
  month: number;
  day: string;
  hour?: string;
  minute?: string;
}

function partsOf(moment: Date, timeZone: string, withTime: boolean): Parts {
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    timeZone,
  }).formatToParts(moment);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: Number(get('month')) - 1,
    day: String(Number(get('day'))),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** "2026 ж. 15 наурыз", as CLDR writes a long Kazakh date. */
export function kazakhDate(moment: Date, timeZone = 'UTC'): string {
  const { year, month, day } = partsOf(moment, timeZone, false);
  return `${year} ж. ${day} ${KAZAKH_MONTHS.long[month]}`;
}

/** "2026 ж. 15 нау., 14:30". */
export function kazakhDateTime(moment: Date, timeZone: string): string {
  const { year, month, day, hour, minute } = partsOf(moment, timeZone, true);
  return `${year} ж. ${day} ${KAZAKH_MONTHS.short[month]}, ${hour}:${minute}`;
}

/** "2026 ж. наурыз" (long) or "нау." (short), for charts by month. */
export function kazakhMonth(year: number, monthIndex: number, style: 'long' | 'short'): string {
  return style === 'long' ? `${year} ж. ${KAZAKH_MONTHS.long[monthIndex]}` : (KAZAKH_MONTHS.short[monthIndex] ?? '');
}
