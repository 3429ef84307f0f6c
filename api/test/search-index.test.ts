import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { SYSTEM_VIEWER } from '../src/auth/visibility.js';
import { filteredHotspots } from '../src/hotspots/filter-sql.js';

/*
 * A text search must be answered from the trigram index, not by folding every row's text: at a
 * million hotspots that is the difference between milliseconds and tens of seconds. The index
 * serves only the exact expression it was built on, so this checks the query the API builds.
 */
describeOnEachDatabase('text search and its index', (db) => {
  it('plans a search of three letters or more on the trigram index built on the same folded expression', async () => {
    const knex = db().knex;
    const query = filteredHotspots(knex, SYSTEM_VIEWER, { q: 'Су құбыры' }, '2026-11-23').select('h.id');
    const plan = await knex.transaction(async (trx) => {
      // The test table is small enough that a sequential scan would win; forbid it to see whether
      // the index can serve at all.
      await trx.raw('SET LOCAL enable_seqscan = off');
      const { rows } = await trx.raw<{ rows: { 'QUERY PLAN': string }[] }>(`EXPLAIN ${query.toString()}`);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('hotspots_search_trgm');
  });
});
