import type { Knex } from 'knex';
import type { Instruction, InstructionDetail } from '../contract/meetings.js';
import { INSTRUCTION, NOT_CONFIDENTIAL } from '../meetings/sql.js';
import { inSnapshot } from '../sql/snapshot.js';
import { historyOf } from './assignments-repo.js';

/** Reads of instructions. `hide`: leave out what is about a confidential hotspot. */

export async function instructionsOf(
  knex: Knex,
  where: { meetingId?: number; instructionId?: number },
  today: string,
  hide: boolean,
): Promise<Instruction[]> {
  const query = knex('instructions as i')
    .join('meetings as m', 'm.id', 'i.meeting_id')
    .leftJoin('hotspots as h', 'h.id', 'i.hotspot_id')
    .whereNull('i.deleted_at')
    .whereNull('m.deleted_at')
    .select(knex.raw(`${INSTRUCTION} AS instruction`, [today]))
    .orderBy('i.id');
  if (where.meetingId !== undefined) query.where('i.meeting_id', where.meetingId);
  if (where.instructionId !== undefined) query.where('i.id', where.instructionId);
  if (hide) query.whereRaw(NOT_CONFIDENTIAL);
  return ((await query) as { instruction: Instruction }[]).map((row) => row.instruction);
}

/**
 * One instruction with its parts, the meeting that gave it and what happened, from one snapshot so
 * that its version (the ETag) names this body; undefined when hidden or absent.
 */
export function instructionDetail(
  knex: Knex,
  id: number,
  today: string,
  hide: boolean,
): Promise<InstructionDetail | undefined> {
  return inSnapshot(knex, async (trx) => {
    const [found] = await instructionsOf(trx, { instructionId: id }, today, hide);
    if (!found) return undefined;
    const [meeting, history] = await Promise.all([
      trx('meetings').where({ id: found.meeting_id }).first('id', 'held_on', 'kind', 'title'),
      historyOf(trx, id),
    ]);
    return { ...found, meeting, history };
  });
}
