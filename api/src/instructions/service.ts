import type { Knex } from 'knex';
import { auditAs } from '../accounts/repo.js';
import type { Actor } from '../auth/middleware.js';
import type { Viewer } from '../auth/visibility.js';
import type { InstructionCreate, InstructionPatch } from '../contract/meetings.js';
import { invalid, notFound } from '../errors.js';
import {
  agencyIds,
  checkHotspot,
  checkVersion,
  lockMeeting,
  lockMeetingOfInstruction,
  touchMeeting,
} from '../meetings/checks.js';
import { checkDeadline } from './rules.js';

/**
 * Instructions given at a meeting: text, deadline, optional hotspot, one part per agency. The
 * agencies' reports and the secretary's decisions on them are in assignments.ts.
 */

/** The hotspot an instruction is about: the agenda item's when given under one, else the one named. */
async function hotspotFor(
  trx: Knex.Transaction,
  viewer: Viewer,
  meetingId: number,
  input: Pick<InstructionCreate, 'hotspot_id' | 'agenda_item_id'>,
): Promise<string | null> {
  if (input.agenda_item_id) {
    const item = await trx('agenda_items')
      .where({ id: input.agenda_item_id, meeting_id: meetingId })
      .first('hotspot_id');
    if (!item) throw invalid('agenda_item_id', 'not_on_agenda', 'is not an item of this meeting’s agenda');
    const itemHotspot = (item as { hotspot_id: string | null }).hotspot_id;
    if (itemHotspot) {
      if (input.hotspot_id && input.hotspot_id !== itemHotspot) {
        throw invalid(
          'hotspot_id',
          'hotspot_not_of_item',
          'must be the hotspot of the agenda item it is given under (or left out)',
        );
      }
      return itemHotspot;
    }
  }
  if (input.hotspot_id) await checkHotspot(trx, viewer, input.hotspot_id, 'hotspot_id');
  return input.hotspot_id ?? null;
}

export async function createInstruction(
  knex: Knex,
  actor: Actor,
  meetingId: number,
  input: InstructionCreate,
): Promise<number> {
  return knex.transaction(async (trx) => {
    const meeting = await lockMeeting(trx, meetingId);
    checkDeadline(input.due_on, meeting.held_on);
    const hotspotId = await hotspotFor(trx, actor.viewer, meetingId, input);
    const agencies = await agencyIds(trx, input.agencies, 'agencies');
    const [row] = await trx('instructions')
      .insert({
        meeting_id: meetingId,
        agenda_item_id: input.agenda_item_id ?? null,
        hotspot_id: hotspotId,
        text: input.text,
        due_on: input.due_on,
        created_by: actor.name,
        updated_by: actor.name,
      })
      .returning('id');
    const id = (row as { id: number }).id;
    await trx('instruction_assignments').insert(agencies.map((agency_id) => ({ instruction_id: id, agency_id })));
    await touchMeeting(trx, meetingId);
    await auditAs(trx, actor, {
      action: 'instruction.create',
      entity: 'instruction',
      entity_id: String(id),
      after: { meeting_id: meetingId, ...input, hotspot_id: hotspotId },
    });
    return id;
  });
}

interface InstructionRow {
  id: number;
  meeting_id: number;
  held_on: string;
  text: string;
  due_on: string;
  hotspot_id: string | null;
  agenda_item_id: number | null;
  version: number;
}

async function lockInstruction(trx: Knex.Transaction, id: number): Promise<InstructionRow> {
  await lockMeetingOfInstruction(trx, id);
  const meeting = await trx('instructions as i')
    .join('meetings as m', 'm.id', 'i.meeting_id')
    .where('i.id', id)
    .whereNull('i.deleted_at')
    .whereNull('m.deleted_at')
    .first('m.held_on');
  if (!meeting) throw notFound(`Instruction ${id}`);
  const row = await trx('instructions')
    .where({ id })
    .forUpdate()
    .first('id', 'meeting_id', 'text', 'due_on', 'hotspot_id', 'agenda_item_id', 'version');
  return { ...(row as Omit<InstructionRow, 'held_on'>), held_on: (meeting as { held_on: string }).held_on };
}

/** A new hotspot must exist, and agree with the agenda item the instruction was given under. */
async function checkItemHotspot(
  trx: Knex.Transaction,
  viewer: Viewer,
  agendaItemId: number | null,
  hotspotId: string | null,
) {
  if (hotspotId) await checkHotspot(trx, viewer, hotspotId, 'hotspot_id');
  const item = agendaItemId ? await trx('agenda_items').where({ id: agendaItemId }).first('hotspot_id') : undefined;
  const itemHotspot = (item as { hotspot_id: string | null } | undefined)?.hotspot_id;
  if (itemHotspot && itemHotspot !== hotspotId) {
    throw invalid(
      'hotspot_id',
      'hotspot_not_of_item',
      `must stay the hotspot of agenda item ${agendaItemId}, under which it was given`,
    );
  }
}

/** Edits the text, deadline or hotspot; a new deadline changes how every part is judged, as it should. */
export async function updateInstruction(
  knex: Knex,
  actor: Actor,
  id: number,
  expected: number | '*',
  patch: InstructionPatch,
): Promise<void> {
  await knex.transaction(async (trx) => {
    const current = await lockInstruction(trx, id);
    checkVersion('instruction', current.version, expected);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(patch) as [keyof InstructionPatch, unknown][]) {
      if (current[field] === value) continue;
      before[field] = current[field];
      after[field] = value;
    }
    if (Object.keys(after).length === 0) return;
    if (patch.due_on !== undefined) checkDeadline(patch.due_on, current.held_on);
    if ('hotspot_id' in after) {
      await checkItemHotspot(trx, actor.viewer, current.agenda_item_id, after.hotspot_id as string | null);
    }
    await trx('instructions')
      .where({ id })
      .update({ ...after, version: current.version + 1, updated_by: actor.name, updated_at: trx.fn.now() });
    await touchMeeting(trx, current.meeting_id);
    await auditAs(trx, actor, {
      action: 'instruction.update',
      entity: 'instruction',
      entity_id: String(id),
      before,
      after: { meeting_id: current.meeting_id, ...after },
    });
  });
}

/** Soft delete: the instruction and its reports stay in the database; lists and counts drop it. */
export async function deleteInstruction(
  knex: Knex,
  actor: Actor,
  id: number,
  expected: number | '*' | undefined,
): Promise<void> {
  await knex.transaction(async (trx) => {
    const current = await lockInstruction(trx, id);
    checkVersion('instruction', current.version, expected);
    await trx('instructions')
      .where({ id })
      .update({ deleted_at: trx.fn.now(), deleted_by: actor.name, version: current.version + 1 });
    await touchMeeting(trx, current.meeting_id);
    await auditAs(trx, actor, {
      action: 'instruction.delete',
      entity: 'instruction',
      entity_id: String(id),
      before: { meeting_id: current.meeting_id, text: current.text, due_on: current.due_on, version: current.version },
    });
  });
}
