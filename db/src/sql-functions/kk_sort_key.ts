import type { SqlFunction } from './index.js';
import { KAZAKH_LOWER } from './kk_fold.js';

/** Consecutive code points, one per letter of KAZAKH_LOWER, in the same order. */
const SORT_CODES = '一丁丂七丄丅丆万丈三上下丌不与丏丐丑丒专且丕世丗丘丙业丛东丝丞丟丠両丢丣两严並丧丨丩';

/**
 * A sort key that follows the Kazakh alphabet on both databases: ORDER BY kk_sort_key(x) COLLATE "C"
 * gives А Ә Б В Г Ғ Д Е Ё Ж З И Й К Қ … Ы І Ь Э Ю Я (in "C", Ә would sort after Я). Each of the 42
 * letters is mapped, in order, to consecutive code points.
 */
export const kkSortKey: SqlFunction = {
  signature: 'kk_sort_key(text)',
  statement: `CREATE OR REPLACE FUNCTION kk_sort_key(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT translate(kk_fold(t), '${KAZAKH_LOWER}', '${SORT_CODES}')
  $$`,
};
