import type { Knex } from 'knex';
import { auditAs } from '../accounts/repo.js';
import type { Actor } from '../auth/middleware.js';
import type { AcceptRequest, ReportRequest, ReturnRequest } from '../contract/meetings.js';
import { forbidden, notFound } from '../errors.js';
import { lockAssignment } from './assignments-repo.js';
import { checkVersion, lockMeetingOfInstruction, touchMeeting } from '../meetings/checks.js';
import { actionDate, nextStatus, type AssignmentAction } from './rules.js';

/**
 * One agency's part of an instruction moves assigned → reported (the agency's report) → accepted
 * (done) by the meeting's secretary, or back to assigned when the report is returned with a note.
 * Akimat staff report for their own agency only; the prosecutor's office may report on an
 * agency's behalf (a report given orally at a meeting, say). Who may accept or return is the
 * route's rule (prosecutor, admin).
 */

export type AssignmentChange =
  | ({ action: 'report' } & ReportRequest)
  | ({ action: 'accept' } & AcceptRequest)
  | ({ action: 'return' } & ReturnRequest);

const ACTION_EVENT: Record<AssignmentAction, 'reported' | 'accepted' | 'returned'> = {
  report: 'reported',
  accept: 'accepted',
  return: 'returned',
};

/** Applies a change; returns the agency id of the part changed. */
export async function changeAssignment(
  knex: Knex,
  actor: Actor,
  target: { instructionId: number; agency: string },
  expected: number | '*' | undefined,
  change: AssignmentChange,
  today: string,
): Promise<number> {
  return knex.transaction(async (trx) => {
    const meetingId = await lockMeetingOfInstruction(trx, target.instructionId);
    // About a hotspot the caller may not see: as if it did not exist — unless it is their own
    // agency's part (akimat staff), which they are shown and must report on.
    const ownAgency = actor.role === 'akimat' ? actor.agencyId : null;
    const row = await lockAssignment(trx, actor.viewer, ownAgency, target.instructionId, target.agency);
    if (!row) throw notFound(`Instruction ${target.instructionId} to agency ${target.agency}`);
    if (actor.role === 'akimat' && actor.agencyId !== row.agency_id) {
      throw forbidden(
        'This part of the instruction is another agency’s: akimat staff report only for their own agency.',
      );
    }
    checkVersion('part of the instruction', row.version, expected);
    const status = nextStatus(row.status, change.action);
    const on = actionDate(change.on, {
      today,
      heldOn: row.held_on,
      reportedOn: row.reported_on,
      action: change.action,
    });
    const columns: Record<string, unknown> = { status, version: row.version + 1, updated_at: trx.fn.now() };
    let note: string | null;
    if (change.action === 'report') {
      Object.assign(columns, { report: change.report, reported_on: on, reported_by: actor.name });
      note = change.report;
    } else if (change.action === 'accept') {
      note = change.note?.trim() || null;
      Object.assign(columns, { accepted_on: on, accepted_by: actor.name, acceptance_note: note });
    } else {
      note = change.note;
      Object.assign(columns, {
        report: null,
        reported_on: null,
        reported_by: null,
        returned_on: on,
        return_note: note,
      });
    }
    await trx('instruction_assignments')
      .where({ instruction_id: row.instruction_id, agency_id: row.agency_id })
      .update(columns);
    await trx('assignment_events').insert({
      instruction_id: row.instruction_id,
      agency_id: row.agency_id,
      kind: ACTION_EVENT[change.action],
      happened_on: on,
      note,
      actor: actor.name,
    });
    await auditAs(trx, actor, {
      action: `instruction.${change.action}`,
      entity: 'instruction',
      entity_id: String(row.instruction_id),
      before: { agency: target.agency, status: row.status, version: row.version },
      after: { agency: target.agency, status, on, note },
    });
    // The instruction's and the meeting's answers show this part: their versions (ETags) move too.
    await trx('instructions').where({ id: row.instruction_id }).increment('version', 1);
    if (meetingId !== undefined) await touchMeeting(trx, meetingId);
    return row.agency_id;
  });
}
