import type { Knex } from 'knex';
import { expect, it } from 'vitest';
import { seedDemo } from '../src/index.js';
import { describeOnEachDatabase, freshDatabase } from '../src/testing/index.js';
import { resetToSnapshot, schemaFingerprint, takeSnapshot } from '../src/testing/reset.js';

/** Every row of every table in `public` and every sequence's position, as one comparable text. */
async function everything(knex: Knex): Promise<string> {
  const { rows: tables } = await knex.raw<{ rows: { name: string }[] }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
       AND relname <> 'spatial_ref_sys' ORDER BY 1`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await knex.raw<{ rows: { dump: string | null }[] }>(
      `SELECT string_agg(t::text, E'\\n' ORDER BY t::text) AS dump FROM public."${name}" AS t`,
    );
    parts.push(`${name}: ${rows[0]!.dump ?? ''}`);
  }
  const { rows: sequences } = await knex.raw<{ rows: unknown[] }>(
    `SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
  );
  return `${parts.join('\n')}\n${JSON.stringify(sequences)}`;
}

// The suite's files share their worker's database, reset between them (db/src/testing/pool.ts):
// these tests show a reset gives back exactly the database a file would get from the template.
describeOnEachDatabase('a test database handed from file to file', (db, kind) => {
  it('when a file has written everywhere (demo data, audit rows, reference edits), a reset restores every row and sequence', async () => {
    const knex = db().knex;
    const snapshot = await takeSnapshot(knex);
    const before = await everything(knex);

    await seedDemo(knex); // hotspots, areas, events, numbering counters, data versions
    await knex('audit_log').insert({ actor: 'admin', action: 'hotspot.create', entity: 'hotspot', entity_id: 'x' });
    await knex('categories').update({ name_kk: 'өзгертілген' });
    await knex('agencies').delete().whereNotExists(knex('hotspots').whereRaw('hotspots.agency_id = agencies.id'));
    expect(await everything(knex)).not.toBe(before);

    await resetToSnapshot(knex, snapshot);
    expect(await everything(knex)).toBe(before);
    // The append-only audit log is append-only again, and numbering starts over.
    await knex('audit_log').insert({ actor: 'admin', action: 'hotspot.create', entity: 'hotspot', entity_id: 'y' });
    await expect(knex('audit_log').delete()).rejects.toThrow(/append-only/);
    await seedDemo(knex);
    const { rows } = await knex.raw<{ rows: { reference: string }[] }>(
      `SELECT min(reference) AS reference FROM hotspots`,
    );
    expect(rows[0]!.reference).toMatch(/-001$/);
    await resetToSnapshot(knex, snapshot);
  });

  it('when a file changed the schema, its database is not handed on', async () => {
    const other = await freshDatabase(kind); // a second database: this file still holds the first
    const fingerprint = await schemaFingerprint(other.knex);
    await other.knex.raw('CREATE TABLE left_behind (id int)');
    expect(await schemaFingerprint(other.knex)).not.toBe(fingerprint);
    await other.close();
    const next = await freshDatabase(kind);
    try {
      const { rows } = await next.knex.raw<{ rows: unknown[] }>(`SELECT 1 FROM pg_class WHERE relname = 'left_behind'`);
      expect(rows).toEqual([]);
    } finally {
      await next.close();
    }
  });
});
