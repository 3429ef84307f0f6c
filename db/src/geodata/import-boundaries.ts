import type { Knex } from 'knex';
import { geometry2DFromGeoJSON, postgis } from '../geometry-sql.js';
import { assignAreaParents, reassignHotspotAreas } from './area-links.js';
import { type AreaLevel, boundaryCollection, boundaryFeature, issuePath } from './boundary-input.js';

export interface BoundaryImportOptions {
  level: AreaLevel;
  /** Property holding the area's code (KATO). Default: `KATO` when a feature has it. */
  codeProperty?: string;
  /** Properties holding the names; default: the most detailed ADMn_KK/RU/EN, then name:kk etc. */
  nameProperties?: Partial<Record<'kk' | 'ru' | 'en', string>>;
  /** Where the boundaries come from (file name, URL, licence), kept with each area. */
  source?: string;
  /** Check everything and count what would change, but write nothing. */
  dryRun?: boolean;
}

export interface BoundaryProblem {
  /** 0-based index of the feature in the file's `features` array; -1 for the file itself. */
  feature: number;
  field?: string;
  /**
   * What is wrong, as a stable code with the values it names (the web words it; the API lists the
   * codes in api/src/contract/problems.ts); `message` is English for the command line and API users.
   */
  code: string;
  params?: Record<string, string | number>;
  message: string;
}

/** A zod issue of the file's shape as a code: a missing member, else a value the shape does not allow. */
const shapeCode = (issue: { code: string; input?: unknown }) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'required' : 'invalid';

export interface BoundaryImportReport {
  written: boolean;
  added: number;
  updated: number;
  /** Features that were invalid but that ST_MakeValid could repair, with the original reason. */
  repaired: BoundaryProblem[];
  /** Anything that stopped the import; when not empty nothing was written. */
  problems: BoundaryProblem[];
  /** After a written import: how many hotspots moved to another area (or to none). */
  hotspotsReassigned?: number;
}

interface PreparedArea {
  index: number;
  code: string | null;
  name_kk: string;
  name_ru: string;
  name_en: string;
  geometry: string;
}

const MAX_ISSUES_PER_FEATURE = 3;

type Lang = 'kk' | 'ru' | 'en';
const NAME_CANDIDATES: Record<Lang, string[]> = {
  kk: ['ADM4_KK', 'ADM3_KK', 'ADM2_KK', 'ADM1_KK', 'ADM0_KK', 'name:kk', 'name_kk', 'local_name'],
  ru: ['ADM4_RU', 'ADM3_RU', 'ADM2_RU', 'ADM1_RU', 'ADM0_RU', 'name:ru', 'name_ru'],
  en: ['ADM4_EN', 'ADM3_EN', 'ADM2_EN', 'ADM1_EN', 'ADM0_EN', 'name:en', 'name_en'],
};

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function pickName(props: Record<string, unknown>, lang: Lang, explicit: string | undefined) {
  if (explicit) return text(props[explicit]);
  for (const key of NAME_CANDIDATES[lang]) {
    const found = text(props[key]);
    if (found) return found;
  }
  return undefined;
}

function prepareFeature(raw: unknown, index: number, options: BoundaryImportOptions) {
  const parsed = boundaryFeature.safeParse(raw);
  if (!parsed.success) {
    // A few issues per feature say what is wrong; hundreds (one per bad position) would bury the rest.
    return parsed.error.issues.slice(0, MAX_ISSUES_PER_FEATURE).map((issue) => ({
      feature: index,
      field: issuePath(issue.path),
      code: shapeCode(issue),
      message: issue.message,
    }));
  }
  const props = parsed.data.properties ?? {};
  const names = {
    kk: pickName(props, 'kk', options.nameProperties?.kk),
    ru: pickName(props, 'ru', options.nameProperties?.ru),
    en: pickName(props, 'en', options.nameProperties?.en),
  };
  // A plain `name` (or any one language) stands in for the others rather than failing the file.
  const fallback = names.kk ?? names.ru ?? names.en ?? text(props.name);
  if (!fallback) {
    return [
      {
        feature: index,
        field: 'properties',
        code: 'name_missing',
        message: 'no name found: name the property with --name-kk/--name-ru/--name-en',
      },
    ];
  }
  const codeKey = options.codeProperty ?? 'KATO';
  const code = text(props[codeKey]) ?? null;
  if (options.codeProperty && !code) {
    return [
      {
        feature: index,
        field: `properties.${codeKey}`,
        code: 'code_property_missing',
        params: { property: codeKey },
        message: `the code property "${codeKey}" is missing or empty`,
      },
    ];
  }
  return {
    index,
    code,
    name_kk: names.kk ?? fallback,
    name_ru: names.ru ?? fallback,
    name_en: names.en ?? fallback,
    geometry: JSON.stringify(parsed.data.geometry),
  } satisfies PreparedArea;
}

const REPLACED_COLUMNS = ['level', 'name_kk', 'name_ru', 'name_en', 'source', 'geom'] as const;
/** The polygons ST_MakeValid makes of the geometry in column `g`, as a MultiPolygon (lines and points dropped). */
const repaired = (knex: Knex) => postgis.multi(knex.raw('ST_CollectionExtract(?, 3)', [postgis.makeValid('g')]));

/** Asks PostGIS whether a geometry is valid, and whether ST_MakeValid can repair it when not. */
async function checkValidity(knex: Knex, area: PreparedArea): Promise<{ reason?: string; repairable: boolean }> {
  const { rows } = await knex.raw<{ rows: { valid: boolean; reason: string; repairable: boolean | null }[] }>(
    `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason,
            CASE WHEN ST_IsValid(g) THEN true ELSE NOT ST_IsEmpty(?) AND ST_IsValid(?) END AS repairable
     FROM (SELECT ? AS g) AS input`,
    // Heights (a third coordinate, as some GIS exports write) are dropped: the column is 2D.
    [repaired(knex), repaired(knex), geometry2DFromGeoJSON(area.geometry)],
  );
  const row = rows[0];
  if (!row) throw new Error('validity check returned nothing');
  return row.valid ? { repairable: true } : { reason: row.reason, repairable: row.repairable === true };
}

/**
 * Imports a GeoJSON FeatureCollection of boundaries into `areas`, all or nothing. Areas with a
 * code replace the stored area with the same code; hotspots are then re-placed in the smallest
 * area that contains them.
 */
export async function importBoundaries(
  knex: Knex,
  input: unknown,
  options: BoundaryImportOptions,
): Promise<BoundaryImportReport> {
  const report: BoundaryImportReport = { written: false, added: 0, updated: 0, repaired: [], problems: [] };
  if ((input as { type?: unknown } | null)?.type !== 'FeatureCollection') {
    report.problems = [
      { feature: -1, code: 'not_a_feature_collection', message: 'the file must be a GeoJSON FeatureCollection' },
    ];
    return report;
  }
  const collection = boundaryCollection.safeParse(input);
  if (!collection.success) {
    report.problems = collection.error.issues.map((issue) => ({
      feature: -1,
      field: issuePath(issue.path),
      code: shapeCode(issue),
      message: issue.message,
    }));
    return report;
  }
  const prepared: PreparedArea[] = [];
  const seenCodes = new Map<string, number>();
  collection.data.features.forEach((raw, index) => {
    const result = prepareFeature(raw, index, options);
    if (Array.isArray(result)) return report.problems.push(...result);
    if (result.code && seenCodes.has(result.code)) {
      report.problems.push({
        feature: index,
        field: 'code',
        code: 'code_repeated',
        params: { code: result.code, feature: seenCodes.get(result.code)! },
        message: `code ${result.code} repeats feature ${seenCodes.get(result.code)}`,
      });
    }
    if (result.code) seenCodes.set(result.code, index);
    prepared.push(result);
  });
  for (const area of prepared) {
    const validity = await checkValidity(knex, area);
    if (!validity.reason) continue;
    // PostGIS's reason is English: kept in the message (and params) for API users; the code says which case.
    const entry = { feature: area.index, field: 'geometry', params: { reason: validity.reason } };
    if (validity.repairable) report.repaired.push({ ...entry, code: 'polygon_repaired', message: validity.reason });
    else
      report.problems.push({
        ...entry,
        code: 'invalid_polygon',
        message: `invalid and not repairable: ${validity.reason}`,
      });
  }
  if (report.problems.length > 0) return report;
  if (options.dryRun) {
    const codes = prepared.flatMap((area) => (area.code ? [area.code] : []));
    const existing = codes.length ? ((await knex('areas').whereIn('code', codes).pluck('code')) as string[]) : [];
    report.updated = existing.length;
    report.added = prepared.length - existing.length;
    return report;
  }

  await knex.transaction(async (trx) => {
    for (const area of prepared) {
      const values = {
        level: options.level,
        code: area.code,
        name_kk: area.name_kk,
        name_ru: area.name_ru,
        name_en: area.name_en,
        source: options.source ?? null,
        // Parsed once; a geometry checkValidity found repairable is stored repaired.
        geom: trx.raw('(SELECT CASE WHEN ST_IsValid(g) THEN ST_Multi(g) ELSE ? END FROM (SELECT ? AS g) AS input)', [
          repaired(trx),
          geometry2DFromGeoJSON(area.geometry),
        ]),
      };
      const query = trx('areas').insert(values);
      const rows: { inserted: boolean }[] = area.code
        ? await query
            .onConflict('code')
            .merge({
              ...Object.fromEntries(REPLACED_COLUMNS.map((column) => [column, trx.raw(`EXCLUDED.${column}`)])),
              updated_at: trx.fn.now(),
            })
            .returning(trx.raw('(xmax = 0) AS inserted'))
        : await query.returning(trx.raw('true AS inserted'));
      if (rows[0]?.inserted) report.added += 1;
      else report.updated += 1;
    }
    await assignAreaParents(trx);
    report.hotspotsReassigned = await reassignHotspotAreas(trx);
  });
  report.written = true;
  return report;
}
