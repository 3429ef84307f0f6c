import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { intlKnowsKazakh, kazakhDate, kazakhDateTime } from './kazakh-calendar';
import { compareKazakh } from './kazakh-order';
import { resources, LANGUAGES, type Language } from './resources';

export { LANGUAGES, type Language };

const STORED = 'oshaq.language';

function storedLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORED);
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'kk';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORED, language);
}

/** Kazakh first: it is the default and the fallback, so an untranslated string shows in Kazakh. */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: storedLanguage(),
  fallbackLng: 'kk',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});
i18n.on('languageChanged', (language) => {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
});

/** BCP 47 locale for dates and numbers in each language. */
const LOCALES: Record<Language, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

export function currentLocale(): string {
  return LOCALES[(i18n.language as Language) ?? 'kk'] ?? 'kk-KZ';
}

const kazakhInIntl = intlKnowsKazakh();
/** Without Kazakh data, numbers follow Russian conventions, which Kazakh shares (12 345,5). */
const numberLocale = (locale: string) => (locale.startsWith('kk') && !kazakhInIntl ? 'ru-RU' : locale);

export function formatDate(date: string | null | undefined, locale = currentLocale()): string {
  if (!date) return '—';
  const moment = new Date(date.length === 10 ? `${date}T12:00:00Z` : date);
  if (locale.startsWith('kk') && !kazakhInIntl) return kazakhDate(moment);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    moment,
  );
}

export function formatDateTime(date: string, timeZone: string, locale = currentLocale()): string {
  if (locale.startsWith('kk') && !kazakhInIntl) return kazakhDateTime(new Date(date), timeZone);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(date));
}

export function formatNumber(value: number, locale = currentLocale()): string {
  return new Intl.NumberFormat(numberLocale(locale)).format(value);
}

/**
 * Alphabetical comparison for lists sorted in the browser (agencies, categories, people): the Kazakh
 * alphabet, as the API sorts (kazakh-order.ts), in every interface language and whatever ICU data the
 * browser has. `_locale` is kept for callers that name one; the order does not depend on it.
 */
export function compareText(a: string, b: string, _locale?: string): number {
  return compareKazakh(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
