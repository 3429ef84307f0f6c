/**
 * Alphabetical order for names in the browser, the same as the API's (`ORDER BY kk_sort_key(name)
 * COLLATE "C"`, db/src/sql-functions/kk_sort_key.ts): the Kazakh alphabet
 * А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ Л М Н Ң О Ө П Р С Т У Ұ Ү Ф Х Һ Ц Ч Ш Щ Ъ Ы І Ь Э Ю Я, case ignored.
 * Made here rather than by `Intl.Collator('kk')`: Debian's Chromium has no Kazakh ICU data and falls
 * back to the root order, which puts І after И and would not match the lists the API sends. Russian
 * is a subset of this alphabet in the same order; Latin letters come before Cyrillic, as in the API.
 */

/** The 42 letters, in order; the same strings as db/src/sql-functions/kk_fold.ts (a unit test checks). */
export const KAZAKH_UPPER = 'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ';
export const KAZAKH_LOWER = 'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя';

/** Each letter (either case) to its place in the alphabet, above every other character as in the API's key. */
const RANK = new Map<string, number>();
const FIRST_RANK = 0x4e00; // the code point kk_sort_key maps А to
[...KAZAKH_LOWER].forEach((letter, index) => {
  RANK.set(letter, FIRST_RANK + index);
  RANK.set(KAZAKH_UPPER[index] ?? letter, FIRST_RANK + index);
});

/** The code points of `text`'s sort key: kk_fold's case folding (Kazakh and Latin), then the alphabet ranks. */
export function kazakhSortKey(text: string): number[] {
  return Array.from(text, (char) => {
    const rank = RANK.get(char);
    if (rank !== undefined) return rank;
    const code = char.codePointAt(0) ?? 0;
    // kk_fold lowers A–Z only (not other Latin letters), so does this.
    return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
  });
}

/** Compares two names in Kazakh alphabetical order (negative: `a` first); equal keys compare as 0. */
export function compareKazakh(a: string, b: string): number {
  const left = kazakhSortKey(a);
  const right = kazakhSortKey(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
