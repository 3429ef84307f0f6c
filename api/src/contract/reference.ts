import { z } from 'zod';
import { coded } from './problems.js';
import { AREA_LEVELS } from './levels.js';
import { anyGeometry } from './geometry.js';
import { bboxParam, code } from './common.js';
import { SEVERITIES } from './enums.js';

const names = { name_kk: z.string(), name_ru: z.string(), name_en: z.string() };

const days = z
  .number({ error: 'must be a whole number of days from 1 to 3650' })
  .int('must be a whole number of days from 1 to 3650')
  .min(1, 'must be a whole number of days from 1 to 3650')
  .max(3650, 'must be a whole number of days from 1 to 3650');
/** The deadline the form proposes, in days after registration, per severity; one not named has none. */
const dueDays = z
  .object(
    Object.fromEntries(SEVERITIES.map((severity) => [severity, days.optional()])) as Record<
      (typeof SEVERITIES)[number],
      z.ZodOptional<typeof days>
    >,
  )
  .strict()
  .meta({ id: 'CategoryDueDays', description: 'default deadline in days after registration, per severity' });

export type CategoryDueDays = z.infer<typeof dueDays>;

/** Within how many metres a new hotspot is compared with open ones of its category (0: never). */
export const DUPLICATE_RADIUS_MAX = 5000;
const duplicateRadius = z
  .number({ error: `must be a whole number of metres from 0 to ${DUPLICATE_RADIUS_MAX}` })
  .int(`must be a whole number of metres from 0 to ${DUPLICATE_RADIUS_MAX}`)
  .min(0, `must be a whole number of metres from 0 to ${DUPLICATE_RADIUS_MAX}`)
  .max(DUPLICATE_RADIUS_MAX, `must be a whole number of metres from 0 to ${DUPLICATE_RADIUS_MAX}`)
  .meta({ description: 'registering warns of open hotspots of the category within this many metres; 0: off' });

export const category = z
  .object({
    code,
    ...names,
    colour: z.string().meta({ example: '#1f77b4' }),
    sort_order: z.number().int(),
    active: z.boolean(),
    due_days: dueDays,
    duplicate_radius_m: duplicateRadius,
    version: z.number().int().meta({ description: 'sent back in If-Match (as "v<version>") to change it' }),
  })
  .meta({ id: 'Category' });
export const agency = z
  .object({
    code,
    ...names,
    active: z.boolean(),
    version: z.number().int().meta({ description: 'sent back in If-Match (as "v<version>") to change it' }),
  })
  .meta({ id: 'Agency' });
export type Category = z.infer<typeof category>;
export type Agency = z.infer<typeof agency>;

export const areaLevel = z.enum(AREA_LEVELS, { error: `must be one of ${AREA_LEVELS.join(', ')}` });

const areaProperties = z
  .object({
    id: z.number().int(),
    code: z.string().nullable(),
    level: areaLevel,
    ...names,
    parent_id: z.number().int().nullable(),
  })
  .meta({ id: 'AreaProperties' });

export const areaFeature = z
  .object({ type: z.literal('Feature'), id: z.number().int(), geometry: anyGeometry, properties: areaProperties })
  .meta({ id: 'AreaFeature' });

export const areaCollection = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(areaFeature) })
  .meta({ id: 'AreaCollection' });

export const areaListQuery = z
  .object({
    level: areaLevel.optional(),
    parent: z.coerce
      .number({ error: 'must be an area id' })
      .int('must be an area id')
      .positive('must be an area id')
      .optional(),
    bbox: bboxParam.optional(),
    simplify: z.coerce
      .number({ error: 'must be a tolerance in degrees from 0 to 1' })
      .min(0, 'must be a tolerance in degrees from 0 to 1')
      .max(1, 'must be a tolerance in degrees from 0 to 1')
      .optional()
      .meta({ description: 'Douglas-Peucker tolerance in degrees for small zooms (0.01 ≈ 1 km)' }),
  })
  .strict();

const name = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters');
const colour = z.string().regex(/^#[0-9a-f]{6}$/, 'must be a colour written #rrggbb in lowercase');
const sortOrder = z.number().int().min(0).max(10000);
const writtenNames = { name_kk: name, name_ru: name, name_en: name };

/** Adding and changing categories and agencies (administrators); the web's forms check with these too. */
export const categoryCreate = z
  .object({
    code,
    ...writtenNames,
    colour,
    sort_order: sortOrder.default(0),
    due_days: dueDays.default({}),
    duplicate_radius_m: duplicateRadius.default(300),
  })
  .strict();
export const categoryPatch = z
  .object({
    ...writtenNames,
    colour,
    sort_order: sortOrder,
    active: z.boolean(),
    due_days: dueDays,
    duplicate_radius_m: duplicateRadius,
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, coded('nothing_to_change', 'name at least one field to change'));
export const agencyCreate = z.object({ code, ...writtenNames }).strict();
export const agencyPatch = z
  .object({ ...writtenNames, active: z.boolean() })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, coded('nothing_to_change', 'name at least one field to change'));
