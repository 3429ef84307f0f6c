import type { Knex } from 'knex';
import type { AgendaItem, HotspotMeetings, MeetingDetail, MeetingSummary } from '../contract/meetings.js';
import type { MeetingListQuery } from '../contract/meeting-reports.js';
import { listAssignments } from '../instructions/assignments-repo.js';
import { instructionsOf } from '../instructions/repo.js';
import { inSnapshot } from '../sql/snapshot.js';
import { utc } from '../sql/time.js';
import { HOTSPOT_REF, NOT_CONFIDENTIAL } from './sql.js';

/** Reads of meetings and their agendas. `hide`: leave out what is about a confidential hotspot. */

const AGENCIES = `(SELECT coalesce(json_agg(ag.code ORDER BY ag.code), '[]'::json)
  FROM meeting_agencies ma JOIN agencies ag ON ag.id = ma.agency_id WHERE ma.meeting_id = m.id)`;

const visibleItems = (hide: boolean) => `(SELECT count(*)::int FROM agenda_items it
  LEFT JOIN hotspots h ON h.id = it.hotspot_id WHERE it.meeting_id = m.id${hide ? ` AND ${NOT_CONFIDENTIAL}` : ''})`;
const visibleInstructions = (hide: boolean) => `(SELECT count(*)::int FROM instructions i
  LEFT JOIN hotspots h ON h.id = i.hotspot_id
  WHERE i.meeting_id = m.id AND i.deleted_at IS NULL${hide ? ` AND ${NOT_CONFIDENTIAL}` : ''})`;

const DISCUSSED = `(EXISTS (SELECT 1 FROM agenda_items it WHERE it.meeting_id = m.id AND it.hotspot_id = ?)
  OR EXISTS (SELECT 1 FROM instructions i WHERE i.meeting_id = m.id AND i.hotspot_id = ? AND i.deleted_at IS NULL))`;

function summaryColumns(knex: Knex, hide: boolean) {
  return [
    'm.id',
    'm.held_on',
    'm.kind',
    'm.title',
    'm.chair',
    knex.raw(`${AGENCIES} AS agencies`),
    knex.raw(`${visibleItems(hide)} AS agenda_count`),
    knex.raw(`${visibleInstructions(hide)} AS instruction_count`),
    'm.version',
  ];
}

export async function listMeetings(
  knex: Knex,
  query: MeetingListQuery,
  hide: boolean,
): Promise<{ total: number; meetings: MeetingSummary[] }> {
  const base = knex('meetings as m').whereNull('m.deleted_at');
  if (query.from) base.where('m.held_on', '>=', query.from);
  if (query.to) base.where('m.held_on', '<=', query.to);
  if (query.kind) base.whereIn('m.kind', query.kind);
  if (query.hotspot) base.whereRaw(DISCUSSED, [query.hotspot, query.hotspot]);
  const [counted] = await base.clone().count({ n: '*' });
  const meetings = await base
    .select(summaryColumns(knex, hide))
    .orderBy([
      { column: 'm.held_on', order: 'desc' },
      { column: 'm.id', order: 'desc' },
    ])
    .limit(query.limit)
    .offset(query.offset);
  return { total: Number(counted?.n ?? 0), meetings: meetings as MeetingSummary[] };
}

/**
 * The meeting's own fields, its agenda and its instructions, from one snapshot so that its version
 * (the ETag) names this body; undefined when there is none.
 */
export function meetingDetail(
  knex: Knex,
  id: number,
  today: string,
  hide: boolean,
): Promise<MeetingDetail | undefined> {
  return inSnapshot(knex, (trx) => readMeetingDetail(trx, id, today, hide));
}

async function readMeetingDetail(
  knex: Knex,
  id: number,
  today: string,
  hide: boolean,
): Promise<MeetingDetail | undefined> {
  const meeting = await knex('meetings as m')
    .where('m.id', id)
    .whereNull('m.deleted_at')
    .first(
      'm.id',
      'm.held_on',
      'm.kind',
      'm.title',
      'm.chair',
      knex.raw(`${AGENCIES} AS agencies`),
      'm.version',
      'm.minutes',
      'm.created_by',
      knex.raw(`${utc('m.created_at')} AS created_at`),
      'm.updated_by',
      knex.raw(`${utc('m.updated_at')} AS updated_at`),
    );
  if (!meeting) return undefined;
  const [agenda, instructions] = await Promise.all([
    agendaOf(knex, id, hide),
    instructionsOf(knex, { meetingId: id }, today, hide),
  ]);
  return { ...(meeting as Omit<MeetingDetail, 'agenda' | 'instructions'>), agenda, instructions };
}

/** The agenda in order; positions count only the items the caller may see, so no gap gives a hidden one away. */
export async function agendaOf(knex: Knex, meetingId: number, hide: boolean, itemId?: number): Promise<AgendaItem[]> {
  const query = knex('agenda_items as it')
    .leftJoin('hotspots as h', 'h.id', 'it.hotspot_id')
    .where('it.meeting_id', meetingId)
    .select(
      'it.id',
      knex.raw('(row_number() OVER (ORDER BY it.position, it.id))::int AS position'),
      knex.raw(`${HOTSPOT_REF} AS hotspot`),
      'it.topic',
      'it.notes',
      'it.version',
    )
    .orderBy(['it.position', 'it.id']);
  if (hide) query.whereRaw(NOT_CONFIDENTIAL);
  const items = (await query) as AgendaItem[];
  return itemId === undefined ? items : items.filter((item) => item.id === itemId);
}

/** Meetings that put a hotspot on the agenda or gave an instruction about it, newest first. */
export async function meetingsAbout(knex: Knex, hotspotId: string) {
  return knex('meetings as m')
    .whereNull('m.deleted_at')
    .whereRaw(DISCUSSED, [hotspotId, hotspotId])
    .select(
      'm.id',
      'm.held_on',
      'm.kind',
      'm.title',
      knex.raw(
        '(SELECT it.id FROM agenda_items it WHERE it.meeting_id = m.id AND it.hotspot_id = ?) AS agenda_item_id',
        [hotspotId],
      ),
    )
    .orderBy([
      { column: 'm.held_on', order: 'desc' },
      { column: 'm.id', order: 'desc' },
    ]);
}

/** Whether a hotspot id names a hotspot the caller may see (deleted ones count: meetings keep them). */
export async function hotspotKnown(knex: Knex, id: string, hide: boolean): Promise<boolean> {
  const row = await knex('hotspots').where({ id }).first('confidential');
  return row !== undefined && !(hide && (row as { confidential: boolean }).confidential);
}

/** Whether a hotspot is on the map for the caller: not deleted, and not hidden from them. */
export async function hotspotOnMap(knex: Knex, id: string, hide: boolean): Promise<boolean> {
  const row = await knex('hotspots').where({ id }).whereNull('deleted_at').first('confidential');
  return row !== undefined && !(hide && (row as { confidential: boolean }).confidential);
}

/**
 * Meetings that discussed a hotspot, and its instructions not yet done; undefined when the hotspot
 * is not on the map for the caller (deleted, absent and hidden read alike).
 */
export async function hotspotMeetings(
  knex: Knex,
  hotspotId: string,
  today: string,
  hide: boolean,
): Promise<HotspotMeetings | undefined> {
  if (!(await hotspotOnMap(knex, hotspotId, hide))) return undefined;
  const [meetings, open] = await Promise.all([
    meetingsAbout(knex, hotspotId),
    listAssignments(knex, { hotspot: hotspotId, status: ['assigned', 'reported'], hide }, today),
  ]);
  return { meetings: meetings as HotspotMeetings['meetings'], open_instructions: open.items };
}

/** Ids for agency codes, with whether each is still active. */
export async function agenciesByCode(knex: Knex, codes: readonly string[]) {
  const rows: { id: number; code: string; active: boolean }[] = await knex('agencies')
    .whereIn('code', codes)
    .select('id', 'code', 'active');
  return new Map(rows.map((row) => [row.code, row]));
}
