import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { visibleHotspots } from '../sql/visible-hotspots.js';
import { agenciesByCode } from './repo.js';

/**
 * Checks the writes share: codes and ids that must name something, and the version a client
 * saw. Writers are prosecutor's staff and administrators, who see confidential hotspots.
 */

/** Agency ids for codes; unknown codes are refused, and so are retired agencies not already linked. */
export async function agencyIds(
  knex: Knex,
  codes: readonly string[],
  field: string,
  alreadyLinked: ReadonlySet<number> = new Set(),
): Promise<number[]> {
  if (codes.length === 0) return [];
  const found = await agenciesByCode(knex, codes);
  const unknown = codes.filter((code) => !found.has(code));
  if (unknown.length)
    throw invalid(field, 'unknown_code', `has unknown agency code(s): ${unknown.join(', ')} (see /api/agencies)`, {
      code: unknown.join(', '),
    });
  const retired = codes.filter((code) => {
    const agency = found.get(code);
    return agency && !agency.active && !alreadyLinked.has(agency.id);
  });
  if (retired.length)
    throw invalid(field, 'retired_code', `names agencies no longer active: ${retired.join(', ')}`, {
      code: retired.join(', '),
    });
  return codes.map((code) => (found.get(code) as { id: number }).id);
}

/** A hotspot an agenda item or instruction may name: it must exist, not be deleted, and be one the writer sees. */
export async function checkHotspot(knex: Knex, viewer: Viewer, id: string, field: string): Promise<void> {
  const row = await visibleHotspots(knex, viewer).where('h.id', id).first('h.id');
  if (!row)
    throw invalid(field, 'unknown_hotspot', `names no hotspot: ${id} does not exist or has been deleted`, { id });
}

/** Throws 412 when the client edited another version than the current one. */
export function checkVersion(what: string, current: number, expected: number | '*' | undefined): void {
  if (expected === undefined || expected === '*' || expected === current) return;
  throw new DomainError(
    'stale',
    `Someone else changed this ${what} (now version ${current}, you edited version ${expected}). Review the current version and apply your change again.`,
  );
}

export interface MeetingRow {
  id: number;
  held_on: string;
  kind: string;
  title: string;
  chair: string;
  minutes: string;
  version: number;
}

/** Locks a live meeting for a change to it, its agenda or its instructions. */
export async function lockMeeting(trx: Knex.Transaction, id: number): Promise<MeetingRow> {
  const row = await trx('meetings')
    .where({ id })
    .whereNull('deleted_at')
    .forUpdate()
    .first('id', 'held_on', 'kind', 'title', 'chair', 'minutes', 'version');
  if (!row) throw notFound(`Meeting ${id}`);
  return row as MeetingRow;
}

/** The agency ids a meeting lists as taking part. */
export async function meetingAgencyIds(knex: Knex, meetingId: number): Promise<number[]> {
  return knex('meeting_agencies').where({ meeting_id: meetingId }).orderBy('agency_id').pluck('agency_id');
}

/** Codes for agency ids, in code order: what the audit trail records. */
export async function agencyCodes(knex: Knex, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  return knex('agencies').whereIn('id', ids).orderBy('code').pluck('code');
}

/**
 * Locks the meeting an instruction was given at. Every write to a meeting, its agenda, its
 * instructions or their parts locks the meeting first, so they all take locks in one order
 * (meeting, then instruction, then part) and cannot deadlock one another.
 */
export async function lockMeetingOfInstruction(
  trx: Knex.Transaction,
  instructionId: number,
): Promise<number | undefined> {
  const { rows } = await trx.raw<{ rows: { id: number }[] }>(
    'SELECT m.id FROM meetings m JOIN instructions i ON i.meeting_id = m.id WHERE i.id = ? FOR UPDATE OF m',
    [instructionId],
  );
  return rows[0]?.id;
}

/**
 * Moves a meeting's version because something its GET answer shows changed: an agenda item, an
 * instruction, an agency's part or report. The meeting's ETag is its version, so this is what makes
 * the ETag name the whole body (meeting, agenda and instructions), not the meeting's own fields only.
 */
export async function touchMeeting(trx: Knex.Transaction, meetingId: number): Promise<void> {
  await trx('meetings').where({ id: meetingId }).increment('version', 1);
}
