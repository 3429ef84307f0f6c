import { z } from 'zod';
import { problem } from './common.js';
import { fieldProblem } from './problems.js';
import { areaLevel } from './reference.js';

/**
 * POST /api/areas/imports: an administrator loads the city's boundaries (a GeoJSON
 * FeatureCollection sent as the request body) into the areas, all or nothing.
 */

const propertyName = (description: string, example: string) =>
  z
    .string()
    .trim()
    .min(1, 'must name a property of the features')
    .max(100, 'must be at most 100 characters')
    .optional()
    .meta({ description, example });

export const areaImportQuery = z
  .object({
    level: areaLevel.meta({ description: 'the level every feature of the file is imported at' }),
    code: propertyName(
      "the feature property holding the area's code (KATO); areas with a stored code are updated. Default: KATO when a feature has it",
      'KATO',
    ),
    name_kk: propertyName('the property holding the Kazakh name; default: ADMn_KK, name:kk, name_kk…', 'ADM3_KK'),
    name_ru: propertyName('the property holding the Russian name; default: ADMn_RU, name:ru, name_ru…', 'ADM3_RU'),
    name_en: propertyName('the property holding the English name; default: ADMn_EN, name:en, name_en…', 'ADM3_EN'),
    source: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional().meta({
      description:
        'where the boundaries come from (file, URL, licence), kept with each area; default: "upload by <login>"',
      example: 'geoBoundaries KAZ ADM3, CC BY 4.0',
    }),
    // booleanParam's words, with the default written as the client sends it, so OpenAPI shows "false".
    dry_run: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('false')
      .transform((value) => value === 'true')
      .meta({ description: 'true: check every feature and report what would change, writing nothing' }),
  })
  .strict();
/** The query as parsed (dry_run is a boolean). */
export type AreaImportQuery = z.output<typeof areaImportQuery>;

const areaImportIssue = z
  .object({
    feature: z.number().int().meta({
      description: "the feature at fault, counted from 0 as in the file's `features` array; -1 for the file itself",
    }),
    field: z.string().optional().meta({ example: 'geometry' }),
    code: fieldProblem.shape.code,
    params: fieldProblem.shape.params,
    message: z.string().meta({ example: 'Self-intersection[68.3 43.3]' }),
  })
  .meta({ id: 'AreaImportIssue' });
export type AreaImportIssue = z.infer<typeof areaImportIssue>;

export const areaImportResult = z
  .object({
    dry_run: z.boolean(),
    features: z.number().int().meta({ description: 'features in the file' }),
    added: z.number().int().meta({
      description: 'areas added; in a dry run, those a real run would add now (0 while there are problems)',
    }),
    updated: z.number().int().meta({
      description:
        'areas whose code was already stored, replaced by the file; in a dry run, those a real run would replace',
    }),
    repaired: z.array(areaImportIssue).meta({
      description:
        'features whose geometry was invalid but was repaired (ST_MakeValid), with the original reason (the first 1000)',
    }),
    repaired_total: z.number().int().meta({ description: 'how many features were repaired in all' }),
    problems: z.array(areaImportIssue).meta({
      description: 'anything that stops the import (the first 1000); always empty after a real import',
    }),
    problems_total: z.number().int().meta({ description: 'how many problems there are in all' }),
    hotspots_reassigned: z.number().int().optional().meta({
      description: 'hotspots whose area changed because of the import (real imports only)',
    }),
  })
  .meta({ id: 'AreaImportResult' });
export type AreaImportResult = z.infer<typeof areaImportResult>;

export const areaImportRefused = problem
  .extend({
    problems: z.array(areaImportIssue).meta({ description: 'the first 1000 problems at most' }),
    problems_total: z.number().int().meta({ description: 'how many problems there are in all' }),
  })
  .meta({ id: 'AreaImportRefused', description: 'RFC 9457 problem details listing the features at fault' });
