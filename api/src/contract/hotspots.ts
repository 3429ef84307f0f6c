import { z } from 'zod';
import {
  bboxParam,
  booleanParam,
  code,
  isoDate,
  isoDateTime,
  idParam,
  limitParam,
  listParam,
  severity,
  SEVERITIES,
  status,
  STATUSES,
} from './common.js';
import { hotspotGeometry } from './geometry.js';
import { coded } from './problems.js';

export const HOTSPOT_SORTS = [
  'registered_on',
  '-registered_on',
  'due_on',
  '-due_on',
  'severity',
  '-severity',
  'reference',
  '-reference',
  'title',
  '-title',
  'updated_at',
  '-updated_at',
] as const;

const hotspotProperties = z
  .object({
    reference: z.string().meta({ example: '2026-018' }),
    title: z.string(),
    description: z.string(),
    category: code,
    severity,
    status,
    area_id: z.number().int().nullable(),
    agency: code.nullable(),
    source: z.string().nullable(),
    external_ref: z.string().nullable(),
    registered_on: isoDate,
    due_on: isoDate.nullable(),
    resolved_on: isoDate.nullable(),
    resolution_note: z.string().nullable(),
    duplicate_of: z.uuid().nullable().optional().meta({
      description: 'the hotspot this one repeats, when registered as its duplicate (counted once as entered)',
    }),
    overdue: z.boolean().meta({ description: 'open and past its due date' }),
    confidential: z.boolean(),
    version: z.number().int(),
    created_by: z.string(),
    created_at: isoDateTime,
    updated_by: z.string(),
    updated_at: isoDateTime,
  })
  .meta({ id: 'HotspotProperties' });

export const hotspotFeature = z
  .object({
    type: z.literal('Feature'),
    id: z.uuid(),
    geometry: hotspotGeometry,
    properties: hotspotProperties,
  })
  .meta({ id: 'HotspotFeature' });
export type HotspotFeature = z.infer<typeof hotspotFeature>;

/**
 * The forms of the list: `full`, every property; `map`, only what the map draws (shape, category
 * colour, status style), labels (reference · title) and needs to redraw an edited hotspot (its
 * version). A street view of a thousand hotspots then costs the database no description, notes,
 * dates or duplicate lookup per row, and the wire a fraction of the bytes; a hotspot opened on
 * the map is read in full from GET /hotspots/{id}.
 */
export const HOTSPOT_VIEWS = ['full', 'map'] as const;
export type HotspotView = (typeof HOTSPOT_VIEWS)[number];

const hotspotMapProperties = hotspotProperties
  .pick({ reference: true, title: true, category: true, severity: true, status: true, version: true })
  .meta({ id: 'HotspotMapProperties' });

export const hotspotMapFeature = z
  .object({
    type: z.literal('Feature'),
    id: z.uuid(),
    geometry: hotspotGeometry,
    properties: hotspotMapProperties,
  })
  .meta({ id: 'HotspotMapFeature', description: 'A hotspot as the map draws it (view=map)' });
export type HotspotMapFeature = z.infer<typeof hotspotMapFeature>;

/**
 * How far the list counts its matches by default. Counting tens of thousands of matches exactly on
 * every keystroke of a search reads every one of them; counting up to a limit stops at the limit,
 * and a person reads "more than 1,000" as well as "48,213". `count=exact` asks for the real figure.
 */
export const MATCH_COUNT_LIMIT = 1000;

const pageOf = <F extends z.ZodType>(feature: F) => ({
  type: z.literal('FeatureCollection'),
  numberReturned: z.number().int(),
  links: z.array(z.object({ rel: z.string(), href: z.string(), type: z.string().optional() })),
  features: z.array(feature),
});

export const hotspotCollection = z
  .object({
    ...pageOf(hotspotFeature),
    numberMatched: z
      .number()
      .int()
      .optional()
      .meta({
        description: `how many hotspots match in all, when counted exactly: always with count=exact, otherwise up to ${MATCH_COUNT_LIMIT} (omitted beyond it, as OGC API – Features allows)`,
      }),
    numberMatchedMoreThan: z
      .number()
      .int()
      .optional()
      .meta({
        description: `present instead of numberMatched when more than this many (${MATCH_COUNT_LIMIT}) match and count=exact was not asked`,
      }),
  })
  .meta({ id: 'HotspotCollection' });

/**
 * The list as the map asks for it (view=map): the same hotspots, order, paging and links, each in
 * the map's form, and no count — the map reads only whether there is a next page (then it shows
 * clusters), and a count is a second query it would wait for.
 */
export const hotspotMapCollection = z.object(pageOf(hotspotMapFeature)).meta({
  id: 'HotspotMapCollection',
  description:
    'A page of hotspots as the map draws them (view=map): the same hotspots, order, paging and links as the full view; not counted',
});

/** Filters shared by the list, statistics and exports, so all three count the same hotspots. */
export const hotspotFilterShape = {
  bbox: bboxParam.optional(),
  status: listParam(status).optional(),
  category: listParam(code).optional(),
  severity: listParam(severity).optional(),
  area: idParam('must be an area id').optional(),
  agency: listParam(code).optional(),
  registered_from: isoDate.optional(),
  registered_to: isoDate.optional(),
  resolved_from: isoDate.optional(),
  resolved_to: isoDate.optional(),
  overdue: booleanParam.optional(),
  overdue_instructions: booleanParam
    .optional()
    .meta({ description: 'true: only hotspots with an instruction past its deadline and not yet accepted' }),
  q: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
};

export function checkPeriods(
  filters: { registered_from?: string; registered_to?: string; resolved_from?: string; resolved_to?: string },
  ctx: z.RefinementCtx,
) {
  for (const [from, to] of [
    ['registered_from', 'registered_to'],
    ['resolved_from', 'resolved_to'],
  ] as const) {
    const start = filters[from];
    const end = filters[to];
    if (start && end && start > end)
      ctx.addIssue({
        code: 'custom',
        path: [to],
        ...coded('end_before_start', `must not be before ${from}`, { start: from }),
      });
  }
}

export const hotspotFilters = z.object(hotspotFilterShape).strict().superRefine(checkPeriods);
export type HotspotFilters = z.infer<typeof hotspotFilters>;

/** The list's order; the exports take the same, so a file lists the hotspots as the screen does. */
const hotspotSort = z
  .enum(HOTSPOT_SORTS, { error: `must be one of ${HOTSPOT_SORTS.join(', ')}` })
  .default('-registered_on');

export const hotspotListQuery = z
  .object({
    ...hotspotFilterShape,
    sort: hotspotSort,
    limit: limitParam(1000, 100),
    cursor: z.string().max(500, 'is not a cursor this API gave out').optional(),
    count: z
      .enum(['exact', 'limited'], { error: 'must be exact or limited' })
      .default('limited')
      .meta({
        description: `limited (default): numberMatched up to ${MATCH_COUNT_LIMIT}, numberMatchedMoreThan beyond; exact: always numberMatched (slower when many match)`,
      }),
    view: z
      .enum(HOTSPOT_VIEWS, { error: `must be one of ${HOTSPOT_VIEWS.join(', ')}` })
      .default('full')
      .meta({
        description:
          'full (default): every property of each hotspot, and the count (HotspotCollection). map: only what the ' +
          'map draws and labels — reference, title, category, severity, status, version — with the same ' +
          'hotspots, order, paging and links, not counted (HotspotMapCollection); read one hotspot in full ' +
          'from /hotspots/{id}',
      }),
  })
  .strict()
  .superRefine(checkPeriods)
  .superRefine((query, ctx) => {
    // The map's form counts nothing: asking it for an exact count would be answered without one.
    if (query.view === 'map' && query.count === 'exact')
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        ...coded('invalid', 'cannot be exact with view=map, which is not counted: ask view=full for the count'),
      });
  });
export type HotspotListQuery = z.infer<typeof hotspotListQuery>;

/** The GeoJSON export: the list's filters and sort; codes, not words, as it is for programs. */
export const hotspotGeoJsonExportQuery = z
  .object({ ...hotspotFilterShape, sort: hotspotSort })
  .strict()
  .superRefine(checkPeriods);

/** The CSV and XLSX exports: the list's filters and sort, and the language of their words. */
export const hotspotTableExportQuery = z
  .object({
    ...hotspotFilterShape,
    sort: hotspotSort,
    lang: z.enum(['kk', 'ru', 'en'], { error: 'must be kk, ru or en' }).optional().meta({
      description: "language of the headers, values and title rows; default: the signed-in person's interface language",
    }),
  })
  .strict()
  .superRefine(checkPeriods);

const title = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters');
const description = z.string().max(20000, 'must be at most 20000 characters');
const source = z.string().trim().max(500, 'must be at most 500 characters');

export const hotspotCreate = z
  .object({
    title,
    description: description.default(''),
    category: code,
    severity,
    geometry: hotspotGeometry,
    agency: code.nullable().optional(),
    source: source.nullable().optional(),
    registered_on: isoDate.optional().meta({ description: 'defaults to today' }),
    due_on: isoDate.nullable().optional(),
    confidential: z.boolean().default(false),
    external_ref: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .strict()
  .meta({ id: 'HotspotCreate' });
export type HotspotCreate = z.infer<typeof hotspotCreate>;

/**
 * Registering a hotspot: someone must own it and it must have a deadline, or it never becomes
 * overdue. Existing rows without them stay valid (edits do not demand them), and imports of old
 * records keep them optional (`hotspotCreate`, the import row's shape).
 */
export const hotspotRegistration = hotspotCreate
  .extend({
    agency: code.meta({ description: 'the responsible agency (required when registering)' }),
    due_on: isoDate.meta({ description: 'the deadline (required when registering)' }),
    duplicate_of: z.uuid({ error: 'must be a hotspot id (a UUID)' }).optional().meta({
      description:
        'the hotspot this one repeats (see /api/hotspots/nearby): kept for the record, and counts of hotspots entered count the issue once',
    }),
  })
  .meta({ id: 'HotspotRegistration' });
export type HotspotRegistration = z.infer<typeof hotspotRegistration>;

export const hotspotPatch = z
  .object({
    title: title.optional(),
    description: description.optional(),
    category: code.optional(),
    severity: severity.optional(),
    geometry: hotspotGeometry.optional(),
    agency: code.nullable().optional(),
    source: source.nullable().optional(),
    registered_on: isoDate.optional(),
    due_on: isoDate.nullable().optional(),
    confidential: z.boolean().optional(),
    // Only cleared here: a duplicate moved far or given another category is another issue, and its
    // edit is refused (the registration's codes) unless it also stops naming the original.
    duplicate_of: z
      .null({ error: 'can only be cleared (null): a hotspot is named a duplicate when it is registered' })
      .optional()
      .meta({ description: 'null: no longer a duplicate (needed to move one far or change its category)' }),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, coded('nothing_to_change', 'name at least one field to change'))
  .meta({ id: 'HotspotPatch' });
export type HotspotPatch = z.infer<typeof hotspotPatch>;

export const transitionRequest = z
  .object({
    to: z.enum(['in_progress', 'resolved', 'dismissed'], { error: 'must be in_progress, resolved or dismissed' }),
    note: z.string().trim().max(5000, 'must be at most 5000 characters').optional(),
    on: isoDate.optional().meta({ description: 'date the change took effect; defaults to today' }),
  })
  .strict()
  .meta({ id: 'TransitionRequest' });
export type TransitionRequest = z.infer<typeof transitionRequest>;

export const commentRequest = z
  .object({ note: z.string().trim().min(1, 'must not be empty').max(5000, 'must be at most 5000 characters') })
  .strict()
  .meta({ id: 'CommentRequest' });

export const hotspotEvent = z
  .object({
    id: z.number().int(),
    kind: z.enum(['created', 'edited', 'status_changed', 'commented', 'deleted', 'restored']),
    actor: z.string(),
    at: isoDateTime,
    from_status: status.nullable(),
    to_status: status.nullable(),
    note: z.string().nullable(),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  })
  .meta({ id: 'HotspotEvent' });

export const hotspotDetail = hotspotFeature.extend({ history: z.array(hotspotEvent) }).meta({ id: 'HotspotDetail' });
export type HotspotDetail = z.infer<typeof hotspotDetail>;

export { SEVERITIES, STATUSES };
