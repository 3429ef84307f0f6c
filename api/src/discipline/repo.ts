import type { Knex } from 'knex';

/** Reads the discipline workbook needs beside the report. */

/** Agency names in one language, by code. */
export async function agencyNames(knex: Knex, lang: 'kk' | 'ru' | 'en'): Promise<Map<string, string>> {
  const rows: { code: string; name: string }[] = await knex('agencies').select('code', `name_${lang} as name`);
  return new Map(rows.map((row) => [row.code, row.name]));
}
