import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/client';
import { clockTime, lockedMessage } from '../../src/auth/throttle-message';
import { i18n } from '../../src/i18n/i18n';

const refused = (body: Record<string, unknown>) => new ApiError(429, 'Too Many Requests', 'Too many', [], body);

describe('the words for a refused sign-in', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('says at what time to try again, rounded up to the minute, in each language', async () => {
    const now = new Date(2026, 11, 2, 12, 30, 10).getTime();
    const failure = refused({ code: 'sign_in_throttled', retry_after: 600 });
    expect(lockedMessage(i18n.t, failure, now)).toBe(
      'Too many failed attempts. Try again at 12:41, or ask an administrator.',
    );
    await i18n.changeLanguage('ru');
    expect(lockedMessage(i18n.t, failure, now)).toContain('в 12:41');
    await i18n.changeLanguage('kk');
    expect(lockedMessage(i18n.t, failure, now)).toContain('12:41');
  });

  it('falls back to "later" when the answer does not say when', () => {
    expect(lockedMessage(i18n.t, refused({}))).toBe(i18n.t('auth.locked'));
    expect(lockedMessage(i18n.t, refused({ retry_after: 'soon' }))).toBe(i18n.t('auth.locked'));
  });

  it('writes a clock time with two-digit hours and minutes', () => {
    expect(clockTime(new Date(2026, 0, 1, 7, 5))).toBe('07:05');
  });
});
