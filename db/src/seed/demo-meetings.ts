import type { Knex } from 'knex';
import { addDays } from './dates.js';
import { demoMeetings, type DemoMeeting, type PartStep } from './demo-meeting-specs.js';

/**
 * The demo's meeting history: two interagency meetings held and one planned, their agendas
 * (hotspots and free topics) and the instructions given to agencies, with the agencies' reports —
 * accepted on time, accepted late, waiting for acceptance, returned, due and overdue — so the
 * meetings, tasks and discipline screens have something to show on a fresh install. Dates are
 * days from the seed's "today", as the demo hotspots' are fractions of the year: the overdue ones
 * are overdue on whatever day the demo is loaded. A hotspot registered after the meeting that
 * would discuss it (the demo loaded early in the year) is discussed as a free topic instead, worded
 * generically (never its title: the topic has none of the hotspot's own protection). A confidential
 * hotspot is never turned into a topic: a free topic, its notes and its instructions reach everyone
 * with meetings access, so its item and the instructions on it are left out instead.
 * History is written as the API writes it (assignment_events), as the demo hotspots get theirs.
 */

const SECRETARY = 'Прокуратура: Г. Жұмабаева';
const CHAIR = 'Б. Сейітов, қала прокурорының орынбасары';

/** Who reports for each agency (fictional, as in demo-hotspots.ts). */
const REPORTERS: Record<string, string> = {
  construction: 'Құрылыс бөлімі: С. Есенов',
  keles_akimat: 'Келес ауданы әкімдігі: Ж. Пірімқұлов',
  land_relations: 'Жер қатынастары бөлімі: Н. Әбдірахманов',
  police: 'Полиция басқармасы: Қ. Ермеков',
  housing_utilities: 'ТҮКШ бөлімі: А. Омарова',
  employment: 'Жұмыспен қамту бөлімі: Д. Құдайбергенова',
  ecology: 'Экология департаменті: Л. Нұрғалиева',
  akimat: 'Қала әкімдігі: Қ. Әлімбеков',
};

export { demoMeetings };

const at = (day: string, time: string) => `${day}T${time}:00+05:00`;

interface DemoHotspotRow {
  id: string;
  key: string;
  registered_on: string;
  agency: string;
  confidential: boolean;
}

interface PlannedItem {
  hotspot: DemoHotspotRow | null;
  topic: string | null;
  agencies: string[];
}

/**
 * One agenda entry as held on `heldOn`: the hotspot when it existed by then; else its generic topic,
 * unless it is confidential (a topic would show what only the hotspot's readers may see) or has
 * none: then null, the item is left out.
 */
function agendaItemOn(
  entry: DemoMeeting['agenda'][number],
  hotspots: Map<string, DemoHotspotRow>,
  heldOn: string,
): PlannedItem | null {
  if (!('hotspot' in entry)) return { hotspot: null, topic: entry.topic, agencies: entry.agencies };
  const hotspot = hotspots.get(entry.hotspot);
  if (!hotspot) throw new Error(`Demo meetings: unknown hotspot ${entry.hotspot}`);
  if (hotspot.registered_on <= heldOn) return { hotspot, topic: null, agencies: [hotspot.agency] };
  if (hotspot.confidential || !entry.topic) return null;
  return { hotspot: null, topic: entry.topic, agencies: [hotspot.agency] };
}

/**
 * Adds the demo meetings when there are none at all (a fresh install): a database whose people
 * already keep meetings never gets invented ones. Needs the demo hotspots; returns how many
 * meetings it added.
 */
export async function seedDemoMeetings(trx: Knex.Transaction, today: string): Promise<number> {
  const [{ n }] = (await trx('meetings').count({ n: '*' })) as [{ n: number | string }];
  if (Number(n) > 0) return 0;
  const hotspotRows: DemoHotspotRow[] = await trx('hotspots as h')
    .join('agencies as a', 'a.id', 'h.agency_id')
    .whereNotNull('h.external_ref')
    .whereNull('h.deleted_at')
    .select('h.id', 'h.external_ref as key', 'h.registered_on', 'a.code as agency', 'h.confidential');
  const hotspots = new Map(hotspotRows.map((row) => [row.key, row]));
  const agencyRows: { id: number; code: string }[] = await trx('agencies').select('id', 'code');
  const agencyId = (code: string) => {
    const id = agencyRows.find((row) => row.code === code)?.id;
    if (id === undefined) throw new Error(`Demo meetings: unknown agency ${code}`);
    return id;
  };

  for (const spec of demoMeetings) {
    const heldOn = addDays(today, spec.heldIn);
    const day = (offset: number) => addDays(today, offset);
    // The agenda as held on that day; `kept[i]` is spec item i's place in it (undefined: left out).
    const planned = spec.agenda.map((entry) => agendaItemOn(entry, hotspots, heldOn));
    const items = planned.flatMap((item, index) => (item ? [{ ...item, notes: spec.agendaNotes[index] ?? '' }] : []));
    const kept = planned.map((item, index) => (item ? planned.slice(0, index).filter(Boolean).length : undefined));
    const instructions = spec.instructions.flatMap((instruction) => {
      if (!spec.agenda[instruction.item]) throw new Error(`Demo meetings: no agenda item ${instruction.item}`);
      const position = kept[instruction.item];
      return position === undefined ? [] : [{ ...instruction, item: position }];
    });
    const events = instructions.flatMap((instruction) => Object.values(instruction.parts).flat());
    const lastDay = [spec.heldIn, ...events.map((step) => step.on)].reduce((a, b) => Math.max(a, b));
    // A planned meeting is put on the calendar a few days ahead; a held one is minuted on its day.
    const createdOn = spec.heldIn > 0 ? day(-3) : heldOn;
    const [meeting] = (await trx('meetings')
      .insert({
        held_on: heldOn,
        kind: spec.kind,
        title: spec.title,
        chair: CHAIR,
        minutes: spec.minutes,
        version: 1 + instructions.length + events.length,
        created_by: SECRETARY,
        created_at: at(createdOn, '10:00'),
        updated_by: SECRETARY,
        updated_at: at(spec.heldIn > 0 ? createdOn : day(Math.min(lastDay, 0)), '17:00'),
      })
      .returning('id')) as [{ id: number }];

    const itemIds = (await trx('agenda_items')
      .insert(
        items.map((item, index) => ({
          meeting_id: meeting.id,
          position: index + 1,
          hotspot_id: item.hotspot?.id ?? null,
          topic: item.topic,
          notes: item.notes,
          created_at: at(createdOn, '10:00'),
          updated_at: at(createdOn, '10:00'),
        })),
      )
      .returning('id')) as { id: number }[];

    const taking = new Set(items.flatMap((item) => item.agencies));
    for (const instruction of instructions) Object.keys(instruction.parts).forEach((code) => taking.add(code));
    if (taking.size > 0) {
      await trx('meeting_agencies').insert(
        [...taking].sort().map((code) => ({ meeting_id: meeting.id, agency_id: agencyId(code) })),
      );
    }

    for (const instruction of instructions) {
      const item = items[instruction.item];
      const itemId = itemIds[instruction.item]?.id;
      if (!item || itemId === undefined) throw new Error(`Demo meetings: no agenda item ${instruction.item}`);
      const steps = Object.values(instruction.parts).flat();
      const [row] = (await trx('instructions')
        .insert({
          meeting_id: meeting.id,
          agenda_item_id: itemId,
          hotspot_id: item.hotspot?.id ?? null,
          text: instruction.text,
          due_on: day(instruction.dueIn),
          version: 1 + steps.length,
          created_by: SECRETARY,
          created_at: at(heldOn, '12:00'),
          updated_by: SECRETARY,
          updated_at: at(day(Math.max(spec.heldIn, ...steps.map((step) => step.on))), '12:00'),
        })
        .returning('id')) as [{ id: number }];
      for (const [code, partSteps] of Object.entries(instruction.parts)) {
        await insertPart(trx, row.id, agencyId(code), REPORTERS[code] ?? SECRETARY, partSteps, day, spec.heldIn);
      }
    }
  }
  return demoMeetings.length;
}

/** One agency's part: its state after `steps`, as the API's changes would leave it, and their history. */
async function insertPart(
  trx: Knex.Transaction,
  instructionId: number,
  agencyId: number,
  reporter: string,
  steps: PartStep[],
  day: (offset: number) => string,
  heldIn: number,
): Promise<void> {
  const part: Record<string, unknown> = {
    status: 'assigned',
    report: null,
    reported_on: null,
    reported_by: null,
    accepted_on: null,
    accepted_by: null,
    acceptance_note: null,
    returned_on: null,
    return_note: null,
  };
  for (const step of steps) {
    const on = day(step.on);
    if (step.kind === 'reported') {
      Object.assign(part, { status: 'reported', report: step.note, reported_on: on, reported_by: reporter });
    } else if (step.kind === 'accepted') {
      Object.assign(part, {
        status: 'accepted',
        accepted_on: on,
        accepted_by: SECRETARY,
        acceptance_note: step.note ?? null,
      });
    } else {
      Object.assign(part, {
        status: 'assigned',
        report: null,
        reported_on: null,
        reported_by: null,
        returned_on: on,
        return_note: step.note,
      });
    }
  }
  await trx('instruction_assignments').insert({
    instruction_id: instructionId,
    agency_id: agencyId,
    ...part,
    version: 1 + steps.length,
    updated_at: at(day(steps.at(-1)?.on ?? heldIn), '12:00'),
  });
  if (steps.length === 0) return;
  await trx('assignment_events').insert(
    steps.map((step, index) => ({
      instruction_id: instructionId,
      agency_id: agencyId,
      kind: step.kind,
      happened_on: day(step.on),
      note: step.note ?? null,
      actor: step.kind === 'reported' ? reporter : SECRETARY,
      // Same-day steps keep their order: one minute apart.
      at: at(day(step.on), `11:${String(index).padStart(2, '0')}`),
    })),
  );
}
