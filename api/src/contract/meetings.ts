import { z } from 'zod';
import { coded } from './problems.js';
import { code, isoDate, isoDateTime, status as hotspotStatus } from './common.js';
import { ASSIGNMENT_STATUSES, MEETING_KINDS, TIMELINESS } from './meeting-enums.js';

/**
 * Interagency meetings, their agendas and instructions (the discipline report, the year summary
 * and the list queries are in meeting-reports.ts).
 * Confidentiality: an agenda item or instruction about a confidential hotspot does not exist for
 * roles that may not see confidential hotspots (viewer, akimat): it is left out of every answer,
 * list and count they get — except the headline totals of the discipline report and the year
 * summary, which count it (as a number only) the way /api/stats counts confidential hotspots.
 */

export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.join(', ')}` });
export const meetingKind = oneOf(MEETING_KINDS);
export const assignmentStatus = oneOf(ASSIGNMENT_STATUSES).meta({
  description: 'assigned (waiting for the agency) → reported (waiting for the secretary) → accepted (done)',
});
export const timeliness = oneOf(TIMELINESS).meta({
  description:
    'on_time: accepted, reported on or before the deadline; late: accepted, reported after it; overdue: not accepted and the deadline has passed (today > due_on); pending: not accepted, deadline not passed',
});

/**
 * Text stored as typed: no lone half of a UTF-16 surrogate pair (broken Unicode from a bad paste),
 * which the audit trail's jsonb cannot hold and the text columns would silently turn into U+FFFD.
 */
const WELL_FORMED = /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;
const wellFormed = (value: string) => WELL_FORMED.test(value);
const BROKEN_UNICODE = 'must not contain broken Unicode (half of a character pair)';
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(wellFormed, coded('broken_unicode', BROKEN_UNICODE));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(wellFormed, coded('broken_unicode', BROKEN_UNICODE));
export const hotspotId = z.uuid({ error: 'must be a hotspot id (a UUID)' });
const agencyCodes = z
  .array(code)
  .max(50, 'must name at most 50 agencies')
  .refine((codes) => new Set(codes).size === codes.length, coded('repeated_value', 'must not name an agency twice'));

// ── Shapes returned ────────────────────────────────────────────────────────────────────────────

const hotspotRef = z
  .object({
    id: z.uuid(),
    reference: z.string().meta({ example: '2026-018' }),
    title: z.string(),
    status: hotspotStatus,
    confidential: z.boolean(),
    deleted: z.boolean().meta({ description: 'deleted since: kept here for the record, no longer on the map' }),
    anchor: z.tuple([z.number(), z.number()]).nullable().meta({ description: '[lon, lat] of a point in it' }),
  })
  .meta({ id: 'HotspotRef' });

export const agendaItem = z
  .object({
    id: z.number().int(),
    position: z.number().int().meta({ description: '1-based place in the agenda as the caller sees it' }),
    hotspot: hotspotRef.nullable(),
    topic: z.string().nullable().meta({ description: 'the free-text topic when the item is not a hotspot' }),
    notes: z.string(),
    version: z.number().int().meta({ description: 'send as If-Match: "v<version>" to edit the item' }),
  })
  .meta({ id: 'AgendaItem' });

export const assignment = z
  .object({
    agency: code,
    status: assignmentStatus,
    timeliness,
    report: z.string().nullable(),
    reported_on: isoDate.nullable(),
    reported_by: z.string().nullable(),
    accepted_on: isoDate.nullable(),
    accepted_by: z.string().nullable(),
    acceptance_note: z.string().nullable(),
    returned_on: isoDate.nullable().meta({ description: 'when the last report was returned' }),
    return_note: z.string().nullable(),
    version: z.number().int().meta({ description: 'send as If-Match: "v<version>" with report/accept/return' }),
  })
  .meta({ id: 'Assignment' });

const audit = { created_by: z.string(), created_at: isoDateTime, updated_by: z.string(), updated_at: isoDateTime };

export const instruction = z
  .object({
    id: z.number().int(),
    meeting_id: z.number().int(),
    agenda_item_id: z.number().int().nullable(),
    hotspot: hotspotRef.nullable(),
    text: z.string(),
    given_on: isoDate.meta({ description: "the meeting's date" }),
    due_on: isoDate,
    version: z.number().int(),
    ...audit,
    assignments: z.array(assignment),
  })
  .meta({ id: 'Instruction' });

const meetingRef = z
  .object({ id: z.number().int(), held_on: isoDate, kind: meetingKind, title: z.string() })
  .meta({ id: 'MeetingRef' });

const assignmentEvent = z
  .object({
    agency: code,
    kind: z.enum(['reported', 'accepted', 'returned']),
    on: isoDate,
    note: z.string().nullable(),
    actor: z.string(),
    at: isoDateTime,
  })
  .meta({ id: 'AssignmentEvent' });

export const instructionDetail = instruction
  .extend({ meeting: meetingRef, history: z.array(assignmentEvent) })
  .meta({ id: 'InstructionDetail' });

/** One agency's part of one instruction, with what a task list needs to show it. */
export const assignmentItem = assignment
  .extend({
    instruction_id: z.number().int(),
    text: z.string(),
    due_on: isoDate,
    meeting: meetingRef,
    hotspot: hotspotRef.nullable(),
  })
  .meta({ id: 'AssignmentItem' });

const meetingSummary = z
  .object({
    id: z.number().int(),
    held_on: isoDate,
    kind: meetingKind,
    title: z.string(),
    chair: z.string(),
    agencies: z.array(code),
    agenda_count: z.number().int(),
    instruction_count: z.number().int(),
    version: z.number().int(),
  })
  .meta({ id: 'MeetingSummary' });

export const meetingDetail = meetingSummary
  .omit({ agenda_count: true, instruction_count: true })
  .extend({ minutes: z.string(), ...audit, agenda: z.array(agendaItem), instructions: z.array(instruction) })
  .meta({
    id: 'MeetingDetail',
    description:
      'ETag: "v<version>" of the meeting; every change to it, its agenda, its instructions or their parts and reports moves the version',
  });

export const meetingList = z
  .object({ total: z.number().int(), meetings: z.array(meetingSummary) })
  .meta({ id: 'MeetingList' });
export const assignmentList = z
  .object({ total: z.number().int(), items: z.array(assignmentItem) })
  .meta({ id: 'AssignmentList' });

export const hotspotMeetings = z
  .object({
    meetings: z.array(meetingRef.extend({ agenda_item_id: z.number().int().nullable() })),
    open_instructions: z.array(assignmentItem),
  })
  .meta({
    id: 'HotspotMeetings',
    description: 'meetings that discussed the hotspot (agenda or instruction), newest first',
  });

// ── Requests ───────────────────────────────────────────────────────────────────────────────────

export const agendaItemCreate = z
  .object({
    hotspot_id: hotspotId.nullable().optional(),
    topic: text(500).nullable().optional(),
    notes: optionalText(20000).default(''),
    position: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: 'where to insert; default: at the end' }),
  })
  .strict()
  .refine((item) => !item.hotspot_id !== !item.topic, {
    ...coded('hotspot_or_topic', 'give either hotspot_id or topic (exactly one of them)'),
    path: ['topic'],
  })
  .meta({ id: 'AgendaItemCreate' });

export const agendaItemPatch = z
  .object({
    hotspot_id: hotspotId.nullable(),
    topic: text(500).nullable(),
    notes: optionalText(20000),
    position: z.number().int().min(1).max(1000),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, coded('nothing_to_change', 'name at least one field to change'))
  .meta({ id: 'AgendaItemPatch', description: 'an item stays either a hotspot or a topic: to switch, send both' });

const meetingFields = {
  held_on: isoDate,
  kind: meetingKind,
  title: text(300),
  chair: optionalText(200),
  agencies: agencyCodes.meta({ description: 'codes of the participating agencies' }),
  minutes: z
    .string()
    .max(100000, 'must be at most 100000 characters')
    .refine(wellFormed, coded('broken_unicode', BROKEN_UNICODE)),
};

export const meetingCreate = z
  .object({
    ...meetingFields,
    chair: meetingFields.chair.default(''),
    agencies: meetingFields.agencies.default([]),
    minutes: meetingFields.minutes.default(''),
    agenda: z.array(agendaItemCreate).max(100, 'must have at most 100 items').default([]),
  })
  .strict()
  .meta({ id: 'MeetingCreate' });

export const meetingPatch = z
  .object(meetingFields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, coded('nothing_to_change', 'name at least one field to change'))
  .meta({ id: 'MeetingPatch' });

export const instructionCreate = z
  .object({
    text: text(5000),
    due_on: isoDate.meta({ description: 'deadline; not before the meeting' }),
    agencies: agencyCodes.min(1, 'must name at least one agency'),
    hotspot_id: hotspotId.nullable().optional(),
    agenda_item_id: z.number().int().positive().max(2147483647).nullable().optional().meta({
      description: "the agenda item it was given under; its hotspot becomes the instruction's",
    }),
  })
  .strict()
  .meta({ id: 'InstructionCreate' });

export const instructionPatch = z
  .object({
    text: text(5000),
    due_on: isoDate,
    hotspot_id: hotspotId.nullable(),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, coded('nothing_to_change', 'name at least one field to change'))
  .meta({ id: 'InstructionPatch' });

const on = isoDate.optional().meta({ description: 'the date it happened; defaults to today' });
export const reportRequest = z
  .object({ report: text(10000), on })
  .strict()
  .meta({ id: 'ReportRequest' });
export const acceptRequest = z
  .object({ note: optionalText(5000).optional(), on })
  .strict()
  .meta({ id: 'AcceptRequest' });
export const returnRequest = z
  .object({ note: text(5000), on })
  .strict()
  .meta({ id: 'ReturnRequest' });

export type AgendaItem = z.infer<typeof agendaItem>;
export type Assignment = z.infer<typeof assignment>;
export type Instruction = z.infer<typeof instruction>;
export type InstructionDetail = z.infer<typeof instructionDetail>;
export type AssignmentItem = z.infer<typeof assignmentItem>;
export type AssignmentEvent = z.infer<typeof assignmentEvent>;
export type MeetingSummary = z.infer<typeof meetingSummary>;
export type MeetingDetail = z.infer<typeof meetingDetail>;
export type MeetingList = z.infer<typeof meetingList>;
export type AssignmentList = z.infer<typeof assignmentList>;
export type HotspotMeetings = z.infer<typeof hotspotMeetings>;
// Requests as parsed (defaults filled in), and as a client may send them (…Input).
export type MeetingCreate = z.infer<typeof meetingCreate>;
export type MeetingCreateInput = z.input<typeof meetingCreate>;
export type MeetingPatch = z.infer<typeof meetingPatch>;
export type AgendaItemCreate = z.infer<typeof agendaItemCreate>;
export type AgendaItemCreateInput = z.input<typeof agendaItemCreate>;
export type AgendaItemPatch = z.infer<typeof agendaItemPatch>;
export type InstructionCreate = z.infer<typeof instructionCreate>;
export type InstructionPatch = z.infer<typeof instructionPatch>;
export type ReportRequest = z.infer<typeof reportRequest>;
export type AcceptRequest = z.infer<typeof acceptRequest>;
export type ReturnRequest = z.infer<typeof returnRequest>;
