import { z } from 'zod';
import { coded } from './problems.js';
import { booleanParam, code, isoDate, limitParam, listParam } from './common.js';
import { DISCIPLINE_BASES } from './meeting-enums.js';
import { assignmentItem, assignmentStatus, hotspotId, meetingKind, oneOf, timeliness } from './meetings.js';

/**
 * The list queries of meetings and instructions, the executive discipline report and the year
 * summary. Lists leave out what is about a confidential hotspot for roles that may not see one.
 * Counts follow /api/stats: headline totals count such instructions for everyone (as numbers
 * only), while anything that would tell their agency or content — per-agency rows, lists, a
 * filter on agency — leaves them out for those roles.
 */

const period = (start: string, end: string) => (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
  const [from, to] = [value[start], value[end]] as [string | undefined, string | undefined];
  if (from && to && from > to)
    ctx.addIssue({
      code: 'custom',
      path: [end],
      ...coded('end_before_start', `must not be before ${start}`, { start }),
    });
};
const paging = { limit: limitParam(1000, 200), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) };

export const meetingListQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    kind: listParam(meetingKind).optional(),
    hotspot: hotspotId.optional(),
    ...paging,
  })
  .strict()
  .superRefine(period('from', 'to'));

export const assignmentListQuery = z
  .object({
    agency: listParam(code).optional(),
    status: listParam(assignmentStatus).optional(),
    timeliness: listParam(timeliness).optional(),
    due_from: isoDate.optional(),
    due_to: isoDate.optional(),
    given_from: isoDate.optional().meta({ description: 'given at meetings held on or after this date' }),
    given_to: isoDate.optional(),
    hotspot: hotspotId.optional(),
    meeting: z.coerce
      .number({ error: 'must be a meeting id' })
      .int('must be a meeting id')
      .positive('must be a meeting id')
      .max(2147483647, 'must be a meeting id')
      .optional(),
    mine: booleanParam.optional().meta({ description: "true: only the signed-in person's agency" }),
    ...paging,
  })
  .strict()
  .superRefine(period('due_from', 'due_to'))
  .superRefine(period('given_from', 'given_to'));

const disciplineShape = {
  from: isoDate,
  to: isoDate,
  agency: listParam(code).optional(),
  basis: oneOf(DISCIPLINE_BASES).default('due').meta({
    description: 'due: instructions whose deadline falls in the period (default); given: given at meetings in it',
  }),
};
export const disciplineQuery = z.object(disciplineShape).strict().superRefine(period('from', 'to'));
export const disciplineXlsxQuery = z
  .object({ ...disciplineShape, lang: oneOf(['kk', 'ru', 'en'] as const).default('kk') })
  .strict()
  .superRefine(period('from', 'to'));

const counts = {
  given: z.number().int(),
  done_on_time: z.number().int(),
  done_late: z.number().int(),
  overdue: z.number().int(),
  pending: z.number().int(),
};
const disciplineCounts = z.object(counts).meta({ id: 'DisciplineCounts' });

export const disciplineReport = z
  .object({
    period: z.object({ from: isoDate, to: isoDate }),
    basis: oneOf(DISCIPLINE_BASES),
    as_of: isoDate.meta({ description: 'today: overdue and pending are as of this date' }),
    agencies: z.array(z.object({ agency: code, ...counts })).meta({
      description: 'per agency; each count equals the number of /api/instructions items for the same filters',
    }),
    totals: disciplineCounts.meta({
      description:
        'all assignments in the period; for roles that may not see confidential hotspots these include those about them (as numbers only) over a headline period — from the first of a month, to the last of a month or today or later — for every agency (no agency filter), so may exceed the sum of agencies',
    }),
    confidential: z.number().int().meta({ description: 'of totals.given, how many are about confidential hotspots' }),
    breakdowns_include_confidential: z.boolean(),
    overdue: z.array(assignmentItem).meta({ description: 'the overdue assignments counted in agencies' }),
  })
  .meta({ id: 'DisciplineReport' });

export const yearSummaryQuery = z
  .object({
    year: z.coerce
      .number({ error: 'must be a year' })
      .int('must be a whole year')
      .min(1900, 'must be a year from 1900 to 2199')
      .max(2199, 'must be a year from 1900 to 2199')
      .optional(),
  })
  .strict();

export const yearSummary = z
  .object({
    year: z.number().int(),
    as_of: isoDate,
    meetings: z.object({
      held: z.number().int().meta({ description: 'on or before today' }),
      scheduled: z.number().int().meta({ description: 'later this year' }),
      by_kind: z.array(z.object({ kind: meetingKind, held: z.number().int(), scheduled: z.number().int() })),
    }),
    hotspots: z.object({
      entered: z.number().int().meta({ description: 'registered this year' }),
      resolved: z.number().int().meta({ description: 'resolved this year, whenever registered' }),
    }),
    instructions: z.object({
      given: z.number().int().meta({ description: 'instructions given at meetings this year' }),
      assignments: disciplineCounts.meta({ description: 'their per-agency parts, by timeliness as of today' }),
    }),
  })
  .meta({ id: 'YearSummary', description: 'counts include confidential hotspots and instructions (numbers only)' });

export type MeetingListQuery = z.infer<typeof meetingListQuery>;
export type AssignmentListQuery = z.infer<typeof assignmentListQuery>;
export type DisciplineQuery = z.infer<typeof disciplineQuery>;
export type DisciplineCounts = z.infer<typeof disciplineCounts>;
export type DisciplineReport = z.infer<typeof disciplineReport>;
export type YearSummary = z.infer<typeof yearSummary>;
