import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import type { Instruction, InstructionDetail } from '../contract/meetings.js';
import { INSTRUCTION } from '../meetings/sql.js';
import { inSnapshot } from '../sql/snapshot.js';
import { joinHotspotAbout } from '../sql/visible-hotspots.js';
import { historyOf } from './assignments-repo.js';

/** Reads of instructions: those about a hotspot the viewer may not see are left out. */

export async function instructionsOf(
  knex: Knex,
  viewer: Viewer,
  where: { meetingId?: number; instructionId?: number },
  today: string,
): Promise<Instruction[]> {
  const query = knex('instructions as i').join('meetings as m', 'm.id', 'i.meeting_id');
  joinHotspotAbout(query, viewer, 'i.hotspot_id')
    .whereNull('i.deleted_at')
    .whereNull('m.deleted_at')
    .select(knex.raw(`${INSTRUCTION} AS instruction`, [today]))
    .orderBy('i.id');
  if (where.meetingId !== undefined) query.where('i.meeting_id', where.meetingId);
  if (where.instructionId !== undefined) query.where('i.id', where.instructionId);
  return ((await query) as { instruction: Instruction }[]).map((row) => row.instruction);
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
): Promise<InstructionDetail | undefined> {
  return inSnapshot(knex, async (trx) => {
    const [found] = await instructionsOf(trx, viewer, { instructionId: id }, today);
    if (!found) return undefined;
    const [meeting, history] = await Promise.all([
      trx('meetings').where({ id: found.meeting_id }).first('id', 'held_on', 'kind', 'title'),
      historyOf(trx, id),
    ]);
    return { ...found, meeting, history };
  });
}
