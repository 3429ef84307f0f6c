import { expect, it } from 'vitest';
import { seedDemo } from '../src/index.js';
import { demoMeetings } from '../src/seed/demo-meetings.js';
import { describeOnEachDatabase } from '../src/testing/index.js';

/**
 * The demo meeting history is dated from the day it is loaded, and so are the demo hotspots
 * (fractions of the year): loaded early in the year, the meetings fall before this year's hotspots
 * were registered. Those are then discussed as generically worded free topics, so no agenda item
 * or instruction points at a hotspot that did not exist yet — except a confidential one, which is
 * left out with its instructions: a free topic reaches everyone with meetings access. Checked on
 * days across the year, so what holds does not depend on the day the tests run.
 */
const DAYS = ['2027-01-10', '2027-03-15', '2027-06-30', '2027-11-20'];

/** Spec agenda items about a hotspot, with the notes and instruction texts written for them. */
const aboutHotspots = demoMeetings.flatMap((meeting) =>
  meeting.agenda.flatMap((entry, index) =>
    'hotspot' in entry
      ? [
          {
            key: entry.hotspot,
            note: meeting.agendaNotes[index] ?? '',
            texts: meeting.instructions.filter((instruction) => instruction.item === index).map((i) => i.text),
          },
        ]
      : [],
  ),
);

for (const today of DAYS) {
  describeOnEachDatabase(`the demo meetings loaded on ${today}`, (db) => {
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
      // An instruction on an item is about the item's hotspot, and items are numbered 1, 2, 3…
      const mismatched: unknown[] = await knex('instructions as i')
        .join('agenda_items as it', 'it.id', 'i.agenda_item_id')
        .whereRaw('i.hotspot_id IS DISTINCT FROM it.hotspot_id')
        .select('i.id');
      expect(mismatched).toEqual([]);
      const gaps: unknown[] = await knex('agenda_items')
        .groupBy('meeting_id')
        .havingRaw('max(position) <> count(*)')
        .select('meeting_id');
      expect(gaps).toEqual([]);
    });

    it('writes no hotspot’s title into a topic, and nothing of a confidential one where its readers alone do not see it', async () => {
      const knex = db().knex;
      const hotspots: { id: string; key: string; title: string; description: string; confidential: boolean }[] =
        await knex('hotspots').select('id', 'external_ref as key', 'title', 'description', 'confidential');
      expect(hotspots.some((h) => h.confidential)).toBe(true);
      const topics = (await knex('agenda_items').whereNotNull('topic').pluck('topic')) as string[];
      for (const topic of topics) for (const h of hotspots) expect(topic).not.toContain(h.title);
      // Every text of the meetings, the parts and their history that no hotspot's visibility guards.
      const free = [
        ...((await knex('meetings').select('title', 'minutes')) as { title: string; minutes: string }[]).flatMap(
          (m) => [m.title, m.minutes],
        ),
        ...(
          (await knex('agenda_items').whereNull('hotspot_id').select('topic', 'notes')) as {
            topic: string;
            notes: string;
          }[]
        ).flatMap((item) => [item.topic, item.notes]),
        ...((await knex('instructions').whereNull('hotspot_id').pluck('text')) as string[]),
        ...(
          (await knex('instruction_assignments as a')
            .join('instructions as i', 'i.id', 'a.instruction_id')
            .whereNull('i.hotspot_id')
            .select('a.report', 'a.acceptance_note', 'a.return_note')) as Record<string, string | null>[]
        ).flatMap((part) => Object.values(part)),
        ...((await knex('assignment_events as e')
          .join('instructions as i', 'i.id', 'e.instruction_id')
          .whereNull('i.hotspot_id')
          .pluck('e.note')) as (string | null)[]),
      ].filter((text): text is string => Boolean(text));
      for (const secret of hotspots.filter((h) => h.confidential)) {
        for (const text of free) {
          expect(text).not.toContain(secret.title);
          expect(text).not.toContain(secret.description);
        }
        // What the demo writes about it (its item's note, the instructions on it) stays with it.
        for (const spec of aboutHotspots.filter((about) => about.key === secret.key)) {
          const written = [spec.note, ...spec.texts].filter(Boolean);
          for (const text of written) expect(free).not.toContain(text);
        }
      }
    });

    it('discusses a hotspot not yet registered as a free topic, unless it is confidential', async () => {
      const knex = db().knex;
      const rows: {
        title: string;
        key: string;
        confidential: boolean;
        held_on: string;
        registered_on: string;
        linked: number;
      }[] = await knex('meetings as m')
        .joinRaw('CROSS JOIN hotspots AS h')
        .whereNotNull('h.external_ref')
        .select(
          'h.external_ref as key',
          'h.confidential',
          knex.raw(`to_char(m.held_on, 'YYYY-MM-DD') AS held_on`),
          knex.raw(`to_char(h.registered_on, 'YYYY-MM-DD') AS registered_on`),
          knex.raw(
            '(SELECT count(*)::int FROM agenda_items it WHERE it.meeting_id = m.id AND it.hotspot_id = h.id) AS linked',
          ),
          'm.title',
        );
      for (const meeting of demoMeetings) {
        const meetingRows = rows.filter((row) => row.title === meeting.title);
        for (const entry of meeting.agenda) {
          if (!('hotspot' in entry)) continue;
          const row = meetingRows.find((candidate) => candidate.key === entry.hotspot);
          expect(row).toBeDefined();
          if (!row) continue;
          const discussed = row.registered_on <= row.held_on;
          expect(row.linked, `${entry.hotspot} on ${row.held_on}`).toBe(discussed ? 1 : 0);
          if (!discussed && !row.confidential && entry.topic) {
            expect(await knex('agenda_items').where({ topic: entry.topic }).first('id')).toBeDefined();
          }
        }
      }
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
}
