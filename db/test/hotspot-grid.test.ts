import type { Knex } from 'knex';
import { expect, it } from 'vitest';
import { seedDemo } from '../src/index.js';
import { describeOnEachDatabase } from '../src/testing/index.js';

const TODAY = '2026-11-23';

/** Grid cells that differ from a recount of the live hotspots (empty when the grid is right). */
async function differences(knex: Knex) {
  const { rows } = await knex.raw<{ rows: { cell: Record<string, unknown>; stored: number; counted: number }[] }>(
    'SELECT * FROM hotspot_grid_differences()',
  );
  return rows;
}

const cellCount = async (knex: Knex, table: string) => Number((await knex(table).count({ n: '*' }))[0]!.n);

describeOnEachDatabase('hotspot grid (the clustered map)', (db) => {
  it('equals a recount after the demo and after writes made outside the API, one statement at a time', async () => {
    const knex = db().knex;
    await seedDemo(knex, TODAY);
    expect(await cellCount(knex, 'hotspot_grid')).toBeGreaterThan(0);
    expect(await cellCount(knex, 'hotspot_grid_due')).toBeGreaterThan(0);
    expect(await differences(knex)).toEqual([]);
    const statements = [
      `INSERT INTO hotspots (title, description, category_id, severity, status, geom, agency_id, registered_on,
         due_on, resolved_on, resolution_note, confidential, created_by, updated_by)
       SELECT 'copy ' || title, description, category_id, severity, status, geom, agency_id, registered_on,
         due_on, resolved_on, resolution_note, confidential, 'test', 'test'
       FROM hotspots ORDER BY reference LIMIT 10`,
      // far (other cells) and near (the same cells at coarse zooms: sums change, counts do not)
      `UPDATE hotspots SET geom = ST_Translate(geom, 0.5, 0.5) WHERE title LIKE 'copy %'`,
      `UPDATE hotspots SET geom = ST_Translate(geom, 0.0001, -0.0001) WHERE title LIKE 'copy %'`,
      `UPDATE hotspots SET status = 'resolved', resolved_on = registered_on + 3, resolution_note = 'done'
         WHERE status = 'registered' AND reference IN (SELECT reference FROM hotspots ORDER BY reference LIMIT 30)`,
      `UPDATE hotspots SET due_on = due_on + 45 WHERE status IN ('registered', 'in_progress')`,
      `UPDATE hotspots SET registered_on = registered_on - 200, due_on = due_on - 200
         WHERE reference IN (SELECT reference FROM hotspots ORDER BY reference LIMIT 9)`,
      `UPDATE hotspots SET due_on = NULL WHERE reference IN (SELECT reference FROM hotspots ORDER BY reference LIMIT 4)`,
      `UPDATE hotspots SET confidential = NOT confidential WHERE reference IN
         (SELECT reference FROM hotspots ORDER BY reference DESC LIMIT 7)`,
      `UPDATE hotspots SET deleted_at = now(), deleted_by = 'test' WHERE title LIKE 'copy %' AND severity = 'low'`,
      `UPDATE hotspots SET title = title || '.'`,
      `UPDATE hotspots SET deleted_at = NULL, deleted_by = NULL WHERE title LIKE 'copy %'`,
      `DELETE FROM hotspots WHERE title LIKE 'copy %' AND id NOT IN (SELECT hotspot_id FROM hotspot_events)`,
      `UPDATE hotspots SET area_id = NULL WHERE reference IN (SELECT reference FROM hotspots ORDER BY reference LIMIT 5)`,
    ];
    for (const statement of statements) {
      await knex.raw(statement);
      expect(await differences(knex), statement).toEqual([]);
    }
  });

  it('names the hotspot of a one-hotspot cell, and keeps its sums as it moves', async () => {
    const knex = db().knex;
    const { id } = await knex('hotspots').whereNull('deleted_at').orderBy('reference').first('id');
    // A lone place: nothing else within a zoom-12 cell of it.
    await knex.raw(`UPDATE hotspots SET geom = ST_SetSRID(ST_MakePoint(85.123456, 41.5), 4326) WHERE id = ?`, [id]);
    const lone = await knex.raw<{ rows: { n: number; id: string; lon: number }[] }>(
      `SELECT n, (lpad(to_hex(id_hi), 16, '0') || lpad(to_hex(id_lo), 16, '0'))::uuid::text AS id,
              (sx / 1e7)::float8 AS lon FROM hotspot_grid WHERE zoom = 12 AND gx = floor(85.123456 * 4096 / 90)::integer
              AND gy = floor(41.5 * 4096 / 90)::integer`,
    );
    expect(lone.rows).toEqual([{ n: 1, id, lon: 85.123456 }]);
    // Moved a little, within its cell at every band: the sums follow it.
    await knex.raw(`UPDATE hotspots SET geom = ST_SetSRID(ST_MakePoint(85.12, 41.5), 4326) WHERE id = ?`, [id]);
    expect(await differences(knex)).toEqual([]);
  });

  it('is rebuilt by the repair, which reports what it found wrong', async () => {
    const knex = db().knex;
    await knex.raw('DELETE FROM hotspot_grid WHERE ctid = (SELECT max(ctid) FROM hotspot_grid)');
    await knex.raw('UPDATE hotspot_grid SET sx = sx + 1 WHERE ctid = (SELECT min(ctid) FROM hotspot_grid)');
    await knex.raw('UPDATE hotspot_grid_due SET n = n + 2 WHERE ctid = (SELECT min(ctid) FROM hotspot_grid_due)');
    expect(await differences(knex)).toHaveLength(3);
    const version = async () => Number((await knex('data_version_now').first('version')).version);
    const before = await version();
    const { rows: found } = await knex.raw<{ rows: unknown[] }>('SELECT * FROM hotspot_grid_repair()');
    expect(found).toHaveLength(3);
    expect(await differences(knex)).toEqual([]);
    expect(await version(), 'cached clusters are not served after a repair').toBeGreaterThan(before);
    const { rows: again } = await knex.raw<{ rows: unknown[] }>('SELECT * FROM hotspot_grid_repair()');
    expect(again).toEqual([]);
  });

  it('is emptied with the hotspots by TRUNCATE, which fires no DELETE trigger', async () => {
    const knex = db().knex;
    const trx = await knex.transaction();
    try {
      await trx.raw('TRUNCATE hotspots CASCADE');
      expect(await differences(trx)).toEqual([]);
      expect(await cellCount(trx, 'hotspot_grid')).toBe(0);
      expect(await cellCount(trx, 'hotspot_grid_due')).toBe(0);
    } finally {
      await trx.rollback();
    }
  });
});
