import { expect, it } from 'vitest';
import { seedDemo } from '../src/index.js';
import { describeOnEachDatabase } from '../src/testing/index.js';

/**
 * The demo meeting history is dated from the day it is loaded. Loaded early in January, the
 * meetings fall before this year's demo hotspots were registered: those are then discussed as
 * free topics, so no agenda item or instruction points at a hotspot that did not exist yet.
 */
describeOnEachDatabase('the demo meetings loaded early in the year', (db) => {
  const today = '2027-01-10';

  it('keeps every date in order: registered before discussed, deadlines and reports after the meeting', async () => {
    const result = await seedDemo(db().knex, today, { meetings: true });
    expect(result.meetingsAdded).toBe(3);
    const knex = db().knex;
    const early: unknown[] = await knex('agenda_items as it')
      .join('meetings as m', 'm.id', 'it.meeting_id')
      .join('hotspots as h', 'h.id', 'it.hotspot_id')
      .whereRaw('h.registered_on > m.held_on')
      .select('it.id');
    expect(early).toEqual([]);
    const topics = await knex('agenda_items').whereNotNull('topic').count({ n: '*' });
    // The three topics written as topics, and the hotspots not yet registered turned into topics.
    expect(Number(topics[0]?.n)).toBeGreaterThan(3);
    const badInstructions: unknown[] = await knex('instructions as i')
      .join('meetings as m', 'm.id', 'i.meeting_id')
      .leftJoin('hotspots as h', 'h.id', 'i.hotspot_id')
      .whereRaw('i.due_on < m.held_on OR h.registered_on > m.held_on')
      .select('i.id');
    expect(badInstructions).toEqual([]);
    const badParts: unknown[] = await knex('instruction_assignments as a')
      .join('instructions as i', 'i.id', 'a.instruction_id')
      .join('meetings as m', 'm.id', 'i.meeting_id')
      .whereRaw('a.reported_on < m.held_on OR a.reported_on > ?::date OR a.returned_on > ?::date', [today, today])
      .select('a.instruction_id');
    expect(badParts).toEqual([]);
  });

  it('gives each report, acceptance and return its event, as the API records them', async () => {
    const rows: { status: string; returned: boolean; kinds: string[] | null }[] = await db()
      .knex('instruction_assignments as a')
      .leftJoin('assignment_events as e', function () {
        this.on('e.instruction_id', 'a.instruction_id').andOn('e.agency_id', 'a.agency_id');
      })
      .groupBy('a.instruction_id', 'a.agency_id', 'a.status', 'a.returned_on')
      .select(
        'a.status',
        db().knex.raw('a.returned_on IS NOT NULL AS returned'),
        db().knex.raw('array_agg(e.kind ORDER BY e.at, e.id) FILTER (WHERE e.kind IS NOT NULL) AS kinds'),
      );
    const expected = (row: (typeof rows)[number]) =>
      row.status === 'accepted'
        ? ['reported', 'accepted']
        : row.status === 'reported'
          ? ['reported']
          : row.returned
            ? ['reported', 'returned']
            : null;
    for (const row of rows) expect(row.kinds).toEqual(expected(row));
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['assigned', 'reported', 'accepted']));
  });

  it('adds no meetings to a database that has some', async () => {
    expect((await seedDemo(db().knex, today, { meetings: true })).meetingsAdded).toBe(0);
  });
});
