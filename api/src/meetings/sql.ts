import { utc } from '../sql/time.js';

/**
 * SQL fragments shared by the meeting reads. Aliases: m meetings, it agenda_items, i instructions,
 * a instruction_assignments, ag agencies (of the assignment), h the hotspot a record is about, as
 * the reader may see it (LEFT JOINed by joinHotspotAbout, sql/visible-hotspots.ts).
 */

/** The hotspot an item or instruction is about, or NULL: also when the reader may not see it (h is then NULL). */
export const HOTSPOT_REF = `CASE WHEN h.id IS NULL THEN NULL ELSE json_build_object(
  'id', h.id, 'reference', h.reference, 'title', h.title, 'status', h.status,
  'confidential', h.confidential, 'deleted', h.deleted_at IS NOT NULL,
  'anchor', CASE WHEN h.anchor IS NULL THEN NULL
    ELSE json_build_array(round(ST_X(h.anchor)::numeric, 6), round(ST_Y(h.anchor)::numeric, 6)) END) END`;

/**
 * One binding: today. An agency's part `a` of an instruction `i` not carried out (accepted) by its
 * deadline. Written as plain conditions, not as TIMELINESS = 'overdue', so the planner can
 * estimate and index them.
 */
const PART_OVERDUE = `(a.status <> 'accepted' AND i.due_on < ?::date)`;

/** One binding: today. Must say what meeting-enums.ts `timelinessOf` says. */
export const TIMELINESS = `(CASE
  WHEN a.status = 'accepted' THEN (CASE WHEN a.reported_on <= i.due_on THEN 'on_time' ELSE 'late' END)
  WHEN ${PART_OVERDUE} THEN 'overdue' ELSE 'pending' END)`;

/** One binding: today. */
export const ASSIGNMENT_FIELDS = `'agency', ag.code, 'status', a.status, 'timeliness', ${TIMELINESS},
  'report', a.report, 'reported_on', a.reported_on, 'reported_by', a.reported_by,
  'accepted_on', a.accepted_on, 'accepted_by', a.accepted_by, 'acceptance_note', a.acceptance_note,
  'returned_on', a.returned_on, 'return_note', a.return_note, 'version', a.version`;

const MEETING_REF = `json_build_object('id', m.id, 'held_on', m.held_on, 'kind', m.kind, 'title', m.title)`;

/**
 * One binding: today. An AssignmentItem (contract) built by the database. A part kept although its
 * hotspot is hidden from the reader (its own agency's, instructions/assignments-repo.ts) has h
 * NULL, so it names no hotspot.
 */
export const ASSIGNMENT_ITEM = `json_build_object(${ASSIGNMENT_FIELDS},
  'instruction_id', i.id, 'text', i.text, 'due_on', i.due_on, 'meeting', ${MEETING_REF}, 'hotspot', ${HOTSPOT_REF})`;

/**
 * One binding: today. An Instruction (contract) with its agencies' parts, for a query over i, m
 * and h; the parts are read in a subquery of their own.
 */
export const INSTRUCTION = `json_build_object(
  'id', i.id, 'meeting_id', i.meeting_id, 'agenda_item_id', i.agenda_item_id, 'hotspot', ${HOTSPOT_REF},
  'text', i.text, 'given_on', m.held_on, 'due_on', i.due_on, 'version', i.version,
  'created_by', i.created_by, 'created_at', ${utc('i.created_at')},
  'updated_by', i.updated_by, 'updated_at', ${utc('i.updated_at')},
  'assignments', (SELECT coalesce(json_agg(json_build_object(${ASSIGNMENT_FIELDS}) ORDER BY ag.code), '[]'::json)
    FROM instruction_assignments a JOIN agencies ag ON ag.id = a.agency_id WHERE a.instruction_id = i.id))`;

/**
 * One binding: today. True when a hotspot `h` has an instruction some agency's part of which is
 * overdue (PART_OVERDUE, as in TIMELINESS) — what the hotspot list's "with overdue instructions"
 * filter asks (hotspots/filter-sql.ts).
 */
export const HAS_OVERDUE_INSTRUCTIONS = `EXISTS (
  SELECT 1 FROM instructions i
  JOIN meetings om ON om.id = i.meeting_id AND om.deleted_at IS NULL
  JOIN instruction_assignments a ON a.instruction_id = i.id
  WHERE i.hotspot_id = h.id AND i.deleted_at IS NULL AND ${PART_OVERDUE})`;
