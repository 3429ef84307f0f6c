import type { TFunction } from 'i18next';
import type { ApiError } from '../api/client';

/** A clock time, hours and minutes, in the browser's zone: digits read the same in kk, ru and en. */
export function clockTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * The words for a refused sign-in (429, code sign_in_throttled): when the person may try again,
 * from the answer's retry_after seconds, rounded up to the next minute so "at 12:46" is never early.
 */
export function lockedMessage(t: TFunction, failure: ApiError, now = Date.now()): string {
  const seconds = Number(failure.body.retry_after);
  if (!Number.isFinite(seconds) || seconds <= 0) return t('auth.locked');
  const at = new Date(Math.ceil((now + seconds * 1000) / 60_000) * 60_000);
  return t('auth.lockedUntil', { time: clockTime(at) });
}
