import type { Knex } from 'knex';
import { expect, it } from 'vitest';
import { migrateToLatest } from '../src/index.js';
import { applyAllSqlFunctions, SQL_FUNCTIONS } from '../src/sql-functions/index.js';
import { describeOnEachDatabase } from '../src/testing/index.js';

/** Every function of the schema that is ours (not a member of PostGIS or pg_trgm), with its definition. */
async function schemaFunctions(knex: Knex): Promise<Map<string, string>> {
  const { rows } = await knex.raw<{ rows: { signature: string; definition: string }[] }>(
    `SELECT p.oid::regprocedure::text AS signature, pg_get_functiondef(p.oid) AS definition
     FROM pg_proc p
     WHERE p.pronamespace = current_schema()::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_depend d
                       WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')`,
  );
  return new Map(rows.map((row) => [row.signature, row.definition]));
}

/** The signatures of the shared definitions as the catalog spells them ("integer,integer", no spaces). */
async function sharedSignatures(knex: Knex): Promise<string[]> {
  const signatures = Object.values(SQL_FUNCTIONS).map((fn) => fn.signature);
  const { rows } = await knex.raw<{ rows: { signature: string }[] }>(
    'SELECT s::regprocedure::text AS signature FROM unnest(?::text[]) AS s',
    [signatures],
  );
  return rows.map((row) => row.signature);
}

describeOnEachDatabase('SQL functions in the schema', (db, kind) => {
  it('are exactly the shared definitions: none missing, none extra, none with another body', async () => {
    const knex = db().knex;
    const before = await schemaFunctions(knex);
    expect([...before.keys()].sort()).toEqual((await sharedSignatures(knex)).sort());
    for (const { statement } of Object.values(SQL_FUNCTIONS)) await knex.raw(statement);
    expect(await schemaFunctions(knex)).toEqual(before);
  });

  it('are put back to their shared definition on the next start, as an upgraded database is', async () => {
    const knex = db().knex;
    const current = await schemaFunctions(knex);
    // What migration 0002 used to create, before 0009 replaced it: a database made by that code
    // and one made today must end the same.
    await knex.raw(`CREATE OR REPLACE FUNCTION smallest_area_containing(g geometry) RETURNS integer
      LANGUAGE sql STABLE AS $$
        SELECT a.id FROM areas a
        WHERE a.geom && ST_PointOnSurface(g) AND ST_Covers(a.geom, ST_PointOnSurface(g))
        ORDER BY area_level_rank(a.level) DESC, ST_Area(a.geom) ASC, a.id
        LIMIT 1
      $$`);
    await knex.raw('DROP FUNCTION hotspot_is_overdue(text, date, date)');
    expect(await schemaFunctions(knex)).not.toEqual(current);
    expect(await migrateToLatest(knex)).toEqual([]);
    expect(await schemaFunctions(knex)).toEqual(current);
  });

  // Replacing the same catalog rows from two sessions at once fails with "tuple concurrently
  // updated" unless they take turns; PGlite has one session, so only a server can show it.
  it.runIf(kind === 'server')('are applied by processes starting at the same time, every one of them', async () => {
    const starts = await Promise.allSettled(Array.from({ length: 12 }, () => applyAllSqlFunctions(db().knex)));
    expect(starts.filter((start) => start.status === 'rejected')).toEqual([]);
  });
});
