/**
 * Names sort in the Kazakh alphabet in the browser, as the API sorts them (kk_sort_key), in every
 * interface language: Chromium without Kazakh ICU data would otherwise put І after И.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { KAZAKH_LOWER as DB_LOWER } from '../../../db/src/sql-functions/kk_fold';
import { compareText, i18n } from '../../src/i18n/i18n';
import { compareKazakh, KAZAKH_LOWER, KAZAKH_UPPER } from '../../src/i18n/kazakh-order';

const ALPHABET = 'А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я'.split(' ');

const shuffled = <T>(items: readonly T[]): T[] => [...items].reverse();

describe('Kazakh alphabetical order', () => {
  afterAll(async () => {
    await i18n.changeLanguage('kk');
  });

  it('uses the same 42 letters in the same order as the database key', () => {
    expect(KAZAKH_LOWER).toBe(DB_LOWER);
    expect(KAZAKH_UPPER.toLowerCase()).toBe(KAZAKH_LOWER);
    expect([...KAZAKH_UPPER]).toEqual(ALPHABET);
  });

  it('puts every letter of the alphabet in its place', () => {
    expect(shuffled(ALPHABET).sort(compareKazakh)).toEqual(ALPHABET);
    expect(shuffled(ALPHABET.map((letter) => `${letter.toLowerCase()}а`)).sort(compareKazakh)).toEqual(
      ALPHABET.map((letter) => `${letter.toLowerCase()}а`),
    );
  });

  it('orders agency-like names by their Kazakh letters, case ignored', () => {
    const names = [
      'Ішкі саясат',
      'Қала',
      'Ауыл',
      'Үй',
      'Әкімдік',
      'Кеңес',
      'Ұлттық',
      'Ғылым',
      'Өнер',
      'Һ-бөлім',
      'Ыстық',
      'уақыт',
      'Нұр',
      'Ңа',
      'Гүл',
      'ОҚУ',
      'Хат',
      'Бала',
    ];
    expect([...names].sort(compareKazakh)).toEqual([
      'Ауыл',
      'Әкімдік',
      'Бала',
      'Гүл',
      'Ғылым',
      'Кеңес',
      'Қала',
      'Нұр',
      'Ңа',
      'ОҚУ',
      'Өнер',
      'уақыт',
      'Ұлттық',
      'Үй',
      'Хат',
      'Һ-бөлім',
      'Ыстық',
      'Ішкі саясат',
    ]);
  });

  it('keeps a shorter name before the longer one it begins, and Latin before Cyrillic as the API does', () => {
    expect(['Білім бөлімі', 'Білім', 'Agency', 'agenda'].sort(compareKazakh)).toEqual([
      'Agency',
      'agenda',
      'Білім',
      'Білім бөлімі',
    ]);
  });

  it.each(['kk', 'ru', 'en'])('sorts lists in the Kazakh alphabet when the interface is in %s', async (language) => {
    await i18n.changeLanguage(language);
    const names = ['Ьх', 'Іс', 'Ы', 'Ию', 'Әкімдік', 'Ауыл', 'Яр'];
    expect([...names].sort((a, b) => compareText(a, b))).toEqual(['Ауыл', 'Әкімдік', 'Ию', 'Ы', 'Іс', 'Ьх', 'Яр']);
  });
});
