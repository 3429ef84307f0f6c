import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import type { AgendaItem, HotspotMeetings, MeetingDetail, MeetingSummary } from '../contract/meetings.js';
import type { MeetingListQuery } from '../contract/meeting-reports.js';
import { listAssignments } from '../instructions/assignments-repo.js';
import { instructionsOf } from '../instructions/repo.js';
import { inSnapshot } from '../sql/snapshot.js';
import { utc } from '../sql/time.js';
import { hotspotAboutSql, joinHotspotAbout, visibleHotspots } from '../sql/visible-hotspots.js';
import { HOTSPOT_REF } from './sql.js';

/** Reads of meetings and their agendas: what is about a hotspot the viewer may not see is left out. */

const AGENCIES = `(SELECT coalesce(json_agg(ag.code ORDER BY ag.code), '[]'::json)
  FROM meeting_agencies ma JOIN agencies ag ON ag.id = ma.agency_id WHERE ma.meeting_id = m.id)`;

function visibleItems(viewer: Viewer): string {
  const about = hotspotAboutSql(viewer, 'it.hotspot_id');
  return `(SELECT count(*)::int FROM agenda_items it ${about.join} WHERE it.meeting_id = m.id AND ${about.shown})`;
}
function visibleInstructions(viewer: Viewer): string {
  const about = hotspotAboutSql(viewer, 'i.hotspot_id');
  return `(SELECT count(*)::int FROM instructions i ${about.join}
  WHERE i.meeting_id = m.id AND i.deleted_at IS NULL AND ${about.shown})`;
}

const DISCUSSED = `(EXISTS (SELECT 1 FROM agenda_items it WHERE it.meeting_id = m.id AND it.hotspot_id = ?)
  OR EXISTS (SELECT 1 FROM instructions i WHERE i.meeting_id = m.id AND i.hotspot_id = ? AND i.deleted_at IS NULL))`;

function summaryColumns(knex: Knex, viewer: Viewer) {
  return [
    'm.id',
    'm.held_on',
    'm.kind',
    'm.title',
    'm.chair',
    knex.raw(`${AGENCIES} AS agencies`),
    knex.raw(`${visibleItems(viewer)} AS agenda_count`),
    knex.raw(`${visibleInstructions(viewer)} AS instruction_count`),
    'm.version',
  ];
}

export async function listMeetings(
  knex: Knex,
  viewer: Viewer,
  query: MeetingListQuery,
): Promise<{ total: number; meetings: MeetingSummary[] }> {
  const base = knex('meetings as m').whereNull('m.deleted_at');
  if (query.from) base.where('m.held_on', '>=', query.from);
  if (query.to) base.where('m.held_on', '<=', query.to);
  if (query.kind) base.whereIn('m.kind', query.kind);
  if (query.hotspot) base.whereRaw(DISCUSSED, [query.hotspot, query.hotspot]);
  const [counted] = await base.clone().count({ n: '*' });
  const meetings = await base
    .select(summaryColumns(knex, viewer))
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
  viewer: Viewer,
  id: number,
  today: string,
): Promise<MeetingDetail | undefined> {
  return inSnapshot(knex, (trx) => readMeetingDetail(trx, viewer, id, today));
}

async function readMeetingDetail(
  knex: Knex,
  viewer: Viewer,
  id: number,
  today: string,
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
    agendaOf(knex, viewer, id),
    instructionsOf(knex, viewer, { meetingId: id }, today),
  ]);
  return { ...(meeting as Omit<MeetingDetail, 'agenda' | 'instructions'>), agenda, instructions };
}

/** The agenda in order; positions count only the items the caller may see, so no gap gives a hidden one away. */
export async function agendaOf(knex: Knex, viewer: Viewer, meetingId: number, itemId?: number): Promise<AgendaItem[]> {
  const query = joinHotspotAbout(knex('agenda_items as it'), viewer, 'it.hotspot_id')
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
  const items = (await query) as AgendaItem[];
  return itemId === undefined ? items : items.filter((item) => item.id === itemId);
}

/** Meetings that put a hotspot on the agenda or gave an instruction about it, newest first. */
async function meetingsAbout(knex: Knex, hotspotId: string) {
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

/** Whether a hotspot id names a hotspot the viewer may see (deleted ones count: meetings keep them). */
export async function hotspotKnown(knex: Knex, viewer: Viewer, id: string): Promise<boolean> {
  return (await visibleHotspots(knex, viewer, { withDeleted: true }).where('h.id', id).first('h.id')) !== undefined;
}

/** Whether a hotspot is on the map for the viewer: not deleted, and not hidden from them. */
async function hotspotOnMap(knex: Knex, viewer: Viewer, id: string): Promise<boolean> {
  return (await visibleHotspots(knex, viewer).where('h.id', id).first('h.id')) !== undefined;
}

/**
 * Meetings that discussed a hotspot, and its instructions not yet done; undefined when the hotspot
 * is not on the map for the caller (deleted, absent and hidden read alike).
 */
export async function hotspotMeetings(
  knex: Knex,
  viewer: Viewer,
  hotspotId: string,
  today: string,
): Promise<HotspotMeetings | undefined> {
  if (!(await hotspotOnMap(knex, viewer, hotspotId))) return undefined;
  const [meetings, open] = await Promise.all([
    meetingsAbout(knex, hotspotId),
    listAssignments(knex, { hotspot: hotspotId, status: ['assigned', 'reported'], viewer }, today),
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
