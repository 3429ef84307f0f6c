import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import type { Instruction, InstructionDetail } from '../contract/meetings.js';
import { INSTRUCTION } from '../meetings/sql.js';
import { inSnapshot } from '../sql/snapshot.js';
import { aboutHiddenHotspot, joinHotspotAbout } from '../sql/visible-hotspots.js';
import { historyOf } from './assignments-repo.js';

/** Reads of instructions: those about a hotspot the viewer may not see are left out. */

/** An instruction with whether it is kept only as `ownAgency`'s work about a hotspot hidden from the reader. */
type Read = Instruction & { hidden?: boolean };

export async function instructionsOf(
  knex: Knex,
  viewer: Viewer,
  where: { meetingId?: number; instructionId?: number; ownAgency?: number | null },
  today: string,
): Promise<Read[]> {
  const query = knex('instructions as i').join('meetings as m', 'm.id', 'i.meeting_id');
  // An agency with a part of an instruction about a hotspot it may not see still gets the
  // instruction (it has work to do), with `h` NULL: the hotspot is named nowhere in it.
  const ownPart =
    where.ownAgency == null
      ? undefined
      : {
          sql: 'EXISTS (SELECT 1 FROM instruction_assignments oa WHERE oa.instruction_id = i.id AND oa.agency_id = ?)',
          bindings: [where.ownAgency],
        };
  joinHotspotAbout(query, viewer, 'i.hotspot_id', ownPart)
    .whereNull('i.deleted_at')
    .whereNull('m.deleted_at')
    .select(
      knex.raw(`${INSTRUCTION} AS instruction`, [today]),
      knex.raw(`${aboutHiddenHotspot('i.hotspot_id')} AS hidden`),
    )
    .orderBy('i.id');
  if (where.meetingId !== undefined) query.where('i.meeting_id', where.meetingId);
  if (where.instructionId !== undefined) query.where('i.id', where.instructionId);
  return ((await query) as { instruction: Instruction; hidden: boolean }[]).map((row) =>
    row.hidden ? { ...row.instruction, hidden: true } : row.instruction,
  );
}

/**
 * One instruction with its parts, the meeting that gave it and what happened, from one snapshot so
 * that its version (the ETag) names this body; undefined when hidden or absent.
 */
export function instructionDetail(
  knex: Knex,
  viewer: Viewer,
  id: number,
  today: string,
  ownAgency: number | null = null,
): Promise<InstructionDetail | undefined> {
  return inSnapshot(knex, async (trx) => {
    const [found] = await instructionsOf(trx, viewer, { instructionId: id, ownAgency }, today);
    if (!found) return undefined;
    const [meeting, history, own] = await Promise.all([
      trx('meetings').where({ id: found.meeting_id }).first('id', 'held_on', 'kind', 'title'),
      historyOf(trx, id),
      found.hidden && ownAgency !== null
        ? (trx('agencies').where({ id: ownAgency }).first('code') as Promise<{ code: string } | undefined>)
        : undefined,
    ]);
    const { hidden, ...instruction } = found;
    if (!hidden) return { ...instruction, meeting, history };
    // About a hotspot this reader may not open: only what the instruction itself says and the
    // agency's own part. Other agencies' reports and notes, and the agenda item (the hotspot's
    // item), could describe the hotspot, so they are left out.
    const mine = (agency: string) => agency === own?.code;
    return {
      ...instruction,
      hotspot: null,
      agenda_item_id: null,
      assignments: instruction.assignments.filter((part) => mine(part.agency)),
      meeting,
      history: history.filter((event) => mine(event.agency)),
    };
  });
}
