import type { Knex } from 'knex';
import type { Viewer } from '../auth/visibility.js';
import type { AssignmentStatus, Timeliness } from '../contract/meeting-enums.js';
import type { AssignmentEvent, AssignmentItem } from '../contract/meetings.js';
import type { DisciplineCounts } from '../contract/meeting-reports.js';
import { utc } from '../sql/time.js';
import { aboutHiddenHotspot, joinHotspotAbout, type HotspotReader } from '../sql/visible-hotspots.js';
import { ASSIGNMENT_FIELDS, ASSIGNMENT_ITEM, TIMELINESS } from '../meetings/sql.js';

/** Filters on agencies' parts of instructions, after codes have been turned into ids. */
export interface AssignmentFilters {
  agencyIds?: number[];
  status?: AssignmentStatus[];
  timeliness?: Timeliness[];
  due_from?: string;
  due_to?: string;
  given_from?: string;
  given_to?: string;
  hotspot?: string;
  meeting?: number;
  /** Whose list it is: parts of instructions about hotspots the viewer may not see are left out, but for… */
  viewer: Viewer;
  /** …the viewer's agency's own parts (OWN_PART). */
  ownAgency?: number | null;
}

/**
 * One rule for which agencies' parts of instructions a viewer who may not see a hotspot is shown,
 * used by "my tasks" (GET /api/instructions) and the discipline report alike: every part not about
 * such a hotspot, and their own agency's parts whatever the hotspot — an agency must see that it
 * has an instruction to carry out, and count it, even when the hotspot's details are hidden from
 * it (the item then names no hotspot). One binding: the agency id (or null).
 */
const OWN_PART = 'a.agency_id = ?';

/**
 * Every live part of every live instruction, filtered, with the hotspot it is about as `reader`
 * may see it: the viewer, unless totals count what the viewer may not open.
 */
function assignments(
  knex: Knex,
  filters: Omit<AssignmentFilters, 'viewer'>,
  today: string,
  reader: HotspotReader,
): Knex.QueryBuilder {
  const query = knex('instruction_assignments as a')
    .join('instructions as i', 'i.id', 'a.instruction_id')
    .join('meetings as m', 'm.id', 'i.meeting_id')
    .join('agencies as ag', 'ag.id', 'a.agency_id');
  joinHotspotAbout(query, reader, 'i.hotspot_id', { sql: OWN_PART, bindings: [filters.ownAgency ?? null] })
    .whereNull('i.deleted_at')
    .whereNull('m.deleted_at');
  if (filters.agencyIds) query.whereIn('a.agency_id', filters.agencyIds);
  if (filters.status) query.whereIn('a.status', filters.status);
  if (filters.timeliness) {
    const marks = filters.timeliness.map(() => '?').join(', ');
    query.whereRaw(`${TIMELINESS} IN (${marks})`, [today, ...filters.timeliness]);
  }
  if (filters.due_from) query.where('i.due_on', '>=', filters.due_from);
  if (filters.due_to) query.where('i.due_on', '<=', filters.due_to);
  if (filters.given_from) query.where('m.held_on', '>=', filters.given_from);
  if (filters.given_to) query.where('m.held_on', '<=', filters.given_to);
  if (filters.hotspot) query.where('i.hotspot_id', filters.hotspot);
  if (filters.meeting !== undefined) query.where('i.meeting_id', filters.meeting);
  return query;
}

/** Earliest deadline first: what needs doing soonest (or is most overdue) leads. */
export async function listAssignments(
  knex: Knex,
  filters: AssignmentFilters,
  today: string,
  page?: { limit: number; offset: number },
): Promise<{ total: number; items: AssignmentItem[] }> {
  const query = assignments(knex, filters, today, filters.viewer)
    .select(knex.raw(`${ASSIGNMENT_ITEM} AS item`, [today]))
    .orderBy(['i.due_on', 'i.id', 'ag.code']);
  if (page) query.limit(page.limit).offset(page.offset);
  const [rows, counted] = await Promise.all([
    query,
    assignments(knex, filters, today, filters.viewer).count({ n: '*' }),
  ]);
  return {
    total: Number(counted[0]?.n ?? 0),
    items: (rows as { item: AssignmentItem }[]).map((row) => row.item),
  };
}

/** The contract's count for each timeliness. */
const COUNTED_AS = { on_time: 'done_on_time', late: 'done_late', overdue: 'overdue', pending: 'pending' } as const;

const COUNTS = (knex: Knex, today: string) => [
  knex.raw('count(*)::int AS given'),
  ...Object.entries(COUNTED_AS).map(([mark, name]) =>
    knex.raw(`count(*) FILTER (WHERE ${TIMELINESS} = ?)::int AS ${name}`, [today, mark]),
  ),
];

/** Counts by timeliness for each agency (only agencies with at least one part in the filters). */
export async function countsByAgency(
  knex: Knex,
  filters: AssignmentFilters,
  today: string,
): Promise<({ agency: string } & DisciplineCounts)[]> {
  return assignments(knex, filters, today, filters.viewer)
    .select('ag.code as agency', ...COUNTS(knex, today))
    .groupBy('ag.code')
    .orderBy('ag.code');
}

/**
 * Counts by timeliness over all filtered parts, and how many are about confidential hotspots:
 * `counted` reads the hotspots (countsIncludingConfidential, or the viewer's own). A part about a
 * hotspot hidden from the reader is there only as the viewer's agency's own (OWN_PART): confidential.
 */
export async function totals(
  knex: Knex,
  filters: Omit<AssignmentFilters, 'viewer'>,
  counted: HotspotReader,
  today: string,
): Promise<DisciplineCounts & { confidential: number; instructions: number }> {
  const [row] = await assignments(knex, filters, today, counted).select(
    ...COUNTS(knex, today),
    knex.raw(`count(*) FILTER (WHERE h.confidential OR ${aboutHiddenHotspot('i.hotspot_id')})::int AS confidential`),
    knex.raw('count(DISTINCT i.id)::int AS instructions'),
  );
  return row as DisciplineCounts & { confidential: number; instructions: number };
}

/** What happened to each agency's part, oldest first. */
export async function historyOf(knex: Knex, instructionId: number): Promise<AssignmentEvent[]> {
  return knex('assignment_events as e')
    .join('agencies as ag', 'ag.id', 'e.agency_id')
    .where('e.instruction_id', instructionId)
    .select('ag.code as agency', 'e.kind', 'e.happened_on as on', 'e.note', 'e.actor', knex.raw(`${utc('e.at')} AS at`))
    .orderBy(['e.at', 'e.id']);
}

export interface AssignmentRow {
  instruction_id: number;
  agency_id: number;
  status: AssignmentStatus;
  reported_on: string | null;
  version: number;
  due_on: string;
  held_on: string;
}

/**
 * One agency's part, locked for a change, with what the rules need; undefined when there is none
 * for this viewer — a part about a hotspot the viewer may not see is as absent, unless it is the
 * part of `ownAgency` (OWN_PART), which the agency is shown and must report on.
 */
export async function lockAssignment(
  trx: Knex.Transaction,
  viewer: Viewer,
  ownAgency: number | null,
  instructionId: number,
  agencyCode: string,
): Promise<AssignmentRow | undefined> {
  const query = trx('instructions as i')
    .join('meetings as m', 'm.id', 'i.meeting_id')
    .join('instruction_assignments as a', 'a.instruction_id', 'i.id')
    .join('agencies as ag', 'ag.id', 'a.agency_id');
  const context = await joinHotspotAbout(query, viewer, 'i.hotspot_id', { sql: OWN_PART, bindings: [ownAgency] })
    .where({ 'i.id': instructionId, 'ag.code': agencyCode })
    .whereNull('i.deleted_at')
    .whereNull('m.deleted_at')
    .first('a.agency_id', 'i.due_on', 'm.held_on');
  if (!context) return undefined;
  const row = await trx('instruction_assignments')
    .where({ instruction_id: instructionId, agency_id: context.agency_id })
    .forUpdate()
    .first('instruction_id', 'agency_id', 'status', 'reported_on', 'version');
  return row && { ...row, due_on: context.due_on, held_on: context.held_on };
}

/** One agency's part as the contract's Assignment, after a change. */
export async function assignmentJson(knex: Knex, instructionId: number, agencyId: number, today: string) {
  const { rows } = await knex.raw<{ rows: { assignment: unknown }[] }>(
    `SELECT json_build_object(${ASSIGNMENT_FIELDS}) AS assignment
     FROM instruction_assignments a JOIN instructions i ON i.id = a.instruction_id
     JOIN agencies ag ON ag.id = a.agency_id WHERE a.instruction_id = ? AND a.agency_id = ?`,
    [today, instructionId, agencyId],
  );
  return rows[0]?.assignment;
}
