import { expect, it } from 'vitest';
import { localToday, seedDemo } from '../src/index.js';
import { describeOnEachDatabase } from '../src/testing/index.js';

describeOnEachDatabase('demo data set', (db) => {
  const today = localToday();
  const yearStart = `${today.slice(0, 4)}-01-01`;

  it('when loaded, counts 18 hotspots registered this year and 12 of them resolved', async () => {
    const result = await seedDemo(db().knex, today);
    expect(result.hotspotsAdded).toBeGreaterThan(18);
    const [row] = await db()
      .knex('hotspots')
      .where('registered_on', '>=', yearStart)
      .andWhere('registered_on', '<=', today)
      .whereNull('deleted_at')
      .select(
        db().knex.raw('count(*)::int AS entered'),
        db().knex.raw(`count(*) FILTER (WHERE status = 'resolved' AND resolved_on <= ?)::int AS resolved`, [today]),
      );
    expect(row).toEqual({ entered: 18, resolved: 12 });
    const earlier = await db().knex('hotspots').where('registered_on', '<', yearStart).count({ n: '*' });
    expect(Number(earlier[0]?.n)).toBeGreaterThan(0);
  });

  it('when loaded again, adds nothing', async () => {
    expect(await seedDemo(db().knex, today)).toEqual({ areasAdded: 0, hotspotsAdded: 0 });
  });

  it('gives every category a default deadline per severity for the form to propose', async () => {
    const rows: { due_days: Record<string, number> }[] = await db().knex('categories').select('due_days');
    for (const row of rows) expect(Object.keys(row.due_days).sort()).toEqual(['critical', 'high', 'low', 'medium']);
  });

  it('gives every hotspot a history that starts with its creation and ends in its status', async () => {
    const rows: { status: string; kinds: string[]; last_to: string | null; resolved_on: string | null }[] = await db()
      .knex('hotspots as h')
      .select(
        'h.status',
        'h.resolved_on',
        db().knex.raw('array_agg(e.kind ORDER BY e.at, e.id) AS kinds'),
        db().knex.raw(
          "(array_agg(e.to_status ORDER BY e.at DESC, e.id DESC) FILTER (WHERE e.kind = 'status_changed'))[1] AS last_to",
        ),
      )
      .join('hotspot_events as e', 'e.hotspot_id', 'h.id')
      .groupBy('h.id');
    expect(rows.length).toBeGreaterThanOrEqual(24);
    for (const row of rows) {
      expect(row.kinds[0]).toBe('created');
      expect(row.last_to ?? 'registered').toBe(row.status);
    }
  });

  it('places the city hotspots in Turkestan city and the Шұқырсай ones in Keles district', async () => {
    const rows: { code: string | null; n: number }[] = await db()
      .knex('hotspots as h')
      .leftJoin('areas as a', 'a.id', 'h.area_id')
      .groupBy('a.code')
      .select('a.code', db().knex.raw('count(*)::int AS n'));
    const byCode = Object.fromEntries(rows.map((row) => [row.code ?? 'none', row.n]));
    expect(byCode.none).toBeUndefined();
    expect(byCode['611000000']).toBeGreaterThan(15);
    expect(byCode['613900000']).toBe(2);
    const [keles] = await db().knex('areas').where({ code: '613900000' }).select('parent_id');
    const [region] = await db().knex('areas').where({ code: '610000000' }).select('id');
    expect(keles.parent_id).toBe(region.id);
  });
});
