import type { Knex } from 'knex';
import { auditAs } from '../accounts/repo.js';
import type { Actor } from '../auth/middleware.js';
import type { Viewer } from '../auth/visibility.js';
import type { MeetingListQuery } from '../contract/meeting-reports.js';
import type { MeetingCreate, MeetingPatch, MeetingSummary } from '../contract/meetings.js';
import { invalid } from '../errors.js';
import { addAgendaItemIn } from './agenda.js';
import { agencyCodes, agencyIds, checkVersion, lockMeeting, meetingAgencyIds } from './checks.js';
import { hotspotKnown, listMeetings as meetingsPage } from './repo.js';

/**
 * Meetings: create, edit, delete. Every write is one transaction with its audit row. A meeting's
 * date bounds its instructions (no deadline before it, no report before it), so moving the date
 * is checked against them.
 */

/** A page of meetings; a hotspot filter the viewer may not see reads as one that does not exist. */
export async function listMeetings(
  knex: Knex,
  viewer: Viewer,
  query: MeetingListQuery,
): Promise<{ total: number; meetings: MeetingSummary[] }> {
  if (query.hotspot && !(await hotspotKnown(knex, viewer, query.hotspot))) {
    throw invalid('hotspot', 'unknown_hotspot', `names no hotspot: ${query.hotspot} does not exist`, {
      id: query.hotspot,
    });
  }
  return meetingsPage(knex, viewer, query);
}

export async function createMeeting(knex: Knex, actor: Actor, input: MeetingCreate): Promise<number> {
  return knex.transaction(async (trx) => {
    const agencies = await agencyIds(trx, input.agencies, 'agencies');
    const [row] = await trx('meetings')
      .insert({
        held_on: input.held_on,
        kind: input.kind,
        title: input.title,
        chair: input.chair,
        minutes: input.minutes,
        created_by: actor.name,
        updated_by: actor.name,
      })
      .returning('id');
    const id = (row as { id: number }).id;
    if (agencies.length)
      await trx('meeting_agencies').insert(agencies.map((agency_id) => ({ meeting_id: id, agency_id })));
    await auditAs(trx, actor, { action: 'meeting.create', entity: 'meeting', entity_id: String(id), after: input });
    for (const [index, item] of input.agenda.entries()) {
      await addAgendaItemIn(trx, actor, id, item, `agenda.${index}`);
    }
    return id;
  });
}

/** Refuses a meeting date after an instruction's deadline or a report it already has. */
async function checkNewDate(trx: Knex.Transaction, meetingId: number, heldOn: string): Promise<void> {
  const [bounds] = await trx('instructions as i')
    .leftJoin('instruction_assignments as a', 'a.instruction_id', 'i.id')
    .where('i.meeting_id', meetingId)
    .whereNull('i.deleted_at')
    .select(trx.raw('min(i.due_on) AS due'), trx.raw('min(a.reported_on) AS reported'));
  const { due, reported } = (bounds ?? {}) as { due: string | null; reported: string | null };
  if (due && heldOn > due) {
    throw invalid(
      'held_on',
      'after_instruction_due',
      `must not be after the deadline of an instruction given at it (${due})`,
      {
        date: due,
      },
    );
  }
  if (reported && heldOn > reported) {
    throw invalid('held_on', 'after_report', `must not be after a report on an instruction given at it (${reported})`, {
      date: reported,
    });
  }
}

export async function updateMeeting(
  knex: Knex,
  actor: Actor,
  id: number,
  expected: number | '*',
  patch: MeetingPatch,
): Promise<void> {
  await knex.transaction(async (trx) => {
    const current = await lockMeeting(trx, id);
    checkVersion('meeting', current.version, expected);
    const linked = await meetingAgencyIds(trx, id);
    const before: Record<string, unknown> = { ...current, agencies: await agencyCodes(trx, linked) };
    const changes: Record<string, unknown> = {};
    const was: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(patch)) {
      const old = before[field];
      const same =
        field === 'agencies'
          ? JSON.stringify([...(value as string[])].sort()) === JSON.stringify([...(old as string[])].sort())
          : JSON.stringify(old) === JSON.stringify(value);
      if (same) continue;
      changes[field] = value;
      was[field] = old;
    }
    if (Object.keys(changes).length === 0) return;
    if (patch.held_on !== undefined && changes.held_on !== undefined) await checkNewDate(trx, id, patch.held_on);
    if (changes.agencies) {
      const ids = await agencyIds(trx, changes.agencies as string[], 'agencies', new Set(linked));
      await trx('meeting_agencies').where({ meeting_id: id }).delete();
      if (ids.length) await trx('meeting_agencies').insert(ids.map((agency_id) => ({ meeting_id: id, agency_id })));
    }
    const { agencies: _agencies, ...columns } = changes;
    await trx('meetings')
      .where({ id })
      .update({ ...columns, version: current.version + 1, updated_by: actor.name, updated_at: trx.fn.now() });
    await auditAs(trx, actor, {
      action: 'meeting.update',
      entity: 'meeting',
      entity_id: String(id),
      before: was,
      after: changes,
    });
  });
}

/** Soft delete: the meeting, its agenda and instructions stay in the database for the record. */
export async function deleteMeeting(
  knex: Knex,
  actor: Actor,
  id: number,
  expected: number | '*' | undefined,
): Promise<void> {
  await knex.transaction(async (trx) => {
    const current = await lockMeeting(trx, id);
    checkVersion('meeting', current.version, expected);
    await trx('meetings')
      .where({ id })
      .update({ deleted_at: trx.fn.now(), deleted_by: actor.name, version: current.version + 1 });
    await auditAs(trx, actor, {
      action: 'meeting.delete',
      entity: 'meeting',
      entity_id: String(id),
      before: { version: current.version, held_on: current.held_on, title: current.title },
    });
  });
}
