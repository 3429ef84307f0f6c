import type { Knex } from 'knex';
import { runStatements } from './run-statements.js';

/**
 * Case folding and sorting for Kazakh and Russian Cyrillic that behave the same on both
 * databases. lower() and collations depend on the server's locale (PGlite has only "C", where
 * lower('Ә') is 'Ә' and Ә sorts after Я), so folding and the Kazakh alphabet order are spelled out:
 * kk_fold() lowercases Cyrillic (incl. ә ғ қ ң ө ұ ү һ і) and Latin; kk_sort_key() maps the
 * 42 letters of the Kazakh Cyrillic alphabet, in order, to consecutive code points, so that
 * ORDER BY kk_sort_key(x) COLLATE "C" follows А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ … Ы І Ь Э Ю Я.
 */
export const KAZAKH_UPPER = 'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ';
export const KAZAKH_LOWER = 'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя';
const SORT_CODES = '一丁丂七丄丅丆万丈三上下丌不与丏丐丑丒专且丕世丗丘丙业丛东丝丞丟丠両丢丣两严並丧丨丩';

export async function up(knex: Knex): Promise<void> {
  await runStatements(knex, [
    `CREATE FUNCTION kk_fold(t text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT translate(t, '${KAZAKH_UPPER}ABCDEFGHIJKLMNOPQRSTUVWXYZ', '${KAZAKH_LOWER}abcdefghijklmnopqrstuvwxyz')
      $$`,
    `CREATE FUNCTION kk_sort_key(t text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT translate(kk_fold(t), '${KAZAKH_LOWER}', '${SORT_CODES}')
      $$`,
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await runStatements(knex, ['DROP FUNCTION kk_sort_key(text)', 'DROP FUNCTION kk_fold(text)']);
}
