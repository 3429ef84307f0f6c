/**
 * kk_fold (db/src/sql-functions/kk_fold.ts) in Node, for the search text an import stores: the
 * database's translate() over ~200 Cyrillic characters costs ~0.1–0.25 ms a row, the largest
 * per-row cost of a large import (issue 14); this costs about a microsecond. It must fold exactly
 * as kk_fold does — the 42 Kazakh Cyrillic capitals and A–Z, nothing else — or searches miss
 * imported rows: api/test/imports-fold.test.ts compares the two on random text on both databases.
 */
const UPPER = 'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяabcdefghijklmnopqrstuvwxyz';

const LOWER_LETTERS = [...LOWER];
const FOLD = new Map([...UPPER].map((letter, i) => [letter, LOWER_LETTERS[i]!]));
const CAPITALS = new RegExp(`[${UPPER}]`, 'gu');

export function kkFold(text: string): string {
  return text.replace(CAPITALS, (letter) => FOLD.get(letter)!);
}
