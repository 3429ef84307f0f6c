import { expect, it } from 'vitest';
import { seedDemo } from '../src/index.js';
import { describeOnEachDatabase } from '../src/testing/index.js';

const TODAY = '2026-11-23';

/** Cells that differ from a recount of the live hotspots (empty when the cells are right). */
async function differences(knex: import('knex').Knex) {
  const { rows } = await knex.raw<{ rows: { cell: unknown; stored: number; counted: number }[] }>(
    'SELECT * FROM hotspot_cells_differences()',
  );
  return rows;
}

describeOnEachDatabase('hotspot cells', (db) => {
  it('equal a recount after the demo and after writes made outside the API, one statement at a time', async () => {
    const knex = db().knex;
    await seedDemo(knex, TODAY);
    expect(Number((await knex('hotspot_cells').sum({ n: 'n' }))[0]!.n)).toBeGreaterThan(0);
    expect(await differences(knex)).toEqual([]);
    const statements = [
      // a copy of ten hotspots in one statement, as an import writes them
      `INSERT INTO hotspots (title, description, category_id, severity, status, geom, agency_id, registered_on,
         due_on, resolved_on, resolution_note, confidential, created_by, updated_by)
       SELECT 'copy ' || title, description, category_id, severity, status, geom, agency_id, registered_on,
         due_on, resolved_on, resolution_note, confidential, 'test', 'test'
       FROM hotspots ORDER BY reference LIMIT 10`,
      `UPDATE hotspots SET geom = ST_Translate(geom, 0.05, 0.05) WHERE title LIKE 'copy %'`,
      `UPDATE hotspots SET status = 'resolved', resolved_on = registered_on + 3, resolution_note = 'done'
         WHERE status = 'registered' AND reference IN (SELECT reference FROM hotspots ORDER BY reference LIMIT 30)`,
      `UPDATE hotspots SET confidential = NOT confidential WHERE reference IN
         (SELECT reference FROM hotspots ORDER BY reference DESC LIMIT 7)`,
      `UPDATE hotspots SET deleted_at = now(), deleted_by = 'test' WHERE title LIKE 'copy %' AND severity = 'low'`,
      `UPDATE hotspots SET title = title || '.'`,
      `UPDATE hotspots SET deleted_at = NULL, deleted_by = NULL WHERE title LIKE 'copy %'`,
      `UPDATE hotspots SET duplicate_of = (SELECT id FROM hotspots ORDER BY reference LIMIT 1)
         WHERE reference IN (SELECT reference FROM hotspots ORDER BY reference DESC LIMIT 3)`,
      `DELETE FROM hotspots WHERE title LIKE 'copy %' AND id NOT IN (SELECT hotspot_id FROM hotspot_events)`,
      `UPDATE hotspots SET area_id = NULL WHERE reference IN (SELECT reference FROM hotspots ORDER BY reference LIMIT 5)`,
    ];
    for (const statement of statements) {
      await knex.raw(statement);
      expect(await differences(knex), statement).toEqual([]);
    }
  });

  it('are recounted by the repair, which reports what it found wrong', async () => {
    const knex = db().knex;
    await knex.raw('DELETE FROM hotspot_cells WHERE ctid = (SELECT max(ctid) FROM hotspot_cells)');
    await knex.raw('UPDATE hotspot_cells SET n = n + 2 WHERE ctid = (SELECT min(ctid) FROM hotspot_cells)');
    expect(await differences(knex)).toHaveLength(2);
    const version = async () => Number((await knex('data_version_now').first('version')).version);
    const before = await version();
    const { rows: found } = await knex.raw<{ rows: { stored: number; counted: number }[] }>(
      'SELECT * FROM hotspot_cells_repair()',
    );
    expect(found.map((row) => Math.sign(row.stored - row.counted)).sort()).toEqual([-1, 1]);
    expect(await differences(knex)).toEqual([]);
    expect(await version(), 'cached statistics are not served after a repair').toBeGreaterThan(before);
    const { rows: again } = await knex.raw<{ rows: unknown[] }>('SELECT * FROM hotspot_cells_repair()');
    expect(again).toEqual([]);
  });

  it('are emptied with the hotspots by TRUNCATE, which fires no DELETE trigger', async () => {
    const knex = db().knex;
    const trx = await knex.transaction();
    try {
      await trx.raw('TRUNCATE hotspots CASCADE');
      expect(await differences(trx)).toEqual([]);
      expect(Number((await trx('hotspot_cells').count({ n: '*' }))[0]!.n)).toBe(0);
    } finally {
      await trx.rollback();
    }
  });
});
