/**
 * Boundary imports from the administrators' screen: reading a GeoJSON file in the browser, and
 * POST /api/areas/imports, first as a dry run (the report) and then for real.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AreaImportIssue, AreaImportQuery, AreaImportResult } from '@oshaq/api/contract/area-imports';
import type { AreaLevel } from '@oshaq/api/contract/levels';
import { ApiError, queryString, request } from '../api/client';

export type { AreaImportIssue, AreaImportResult };

/**
 * The query as the form holds it: every field a string, '' for "not chosen". An empty property
 * is left out of the request, and the API then looks for its usual names (KATO, ADM3_KK, name:kk…).
 */
export type ImportOptions = { level: AreaLevel | '' } & Record<
  Exclude<keyof AreaImportQuery, 'level' | 'dry_run'>,
  string
>;

/** Level names, keys spelled out so the translation check sees each one. */
export const LEVEL_KEYS: Record<AreaLevel, string> = {
  country: 'admin.boundaries.levels.country',
  region: 'admin.boundaries.levels.region',
  district: 'admin.boundaries.levels.district',
  city: 'admin.boundaries.levels.city',
  city_district: 'admin.boundaries.levels.city_district',
  rural_district: 'admin.boundaries.levels.rural_district',
  settlement: 'admin.boundaries.levels.settlement',
};

export const PROPERTY_TARGETS = ['code', 'name_kk', 'name_ru', 'name_en'] as const;
export type PropertyTarget = (typeof PROPERTY_TARGETS)[number];

/** A file read and parsed: the JSON as it stands, and what its features' properties offer. */
export interface ParsedBoundaries {
  name: string;
  /** The file as it was read: what the import sends, byte for byte. */
  text: string;
  json: { type: 'FeatureCollection'; features: unknown[] };
  features: number;
  /** Property keys in the order they first appear across the features. */
  keys: string[];
  /** The first feature's properties, shown beside each key so the choice is easy. */
  first: Record<string, unknown>;
}

export type ParseFailure = 'notJson' | 'notCollection' | 'empty';

/** What to say about a file that cannot be imported at all. */
export const FILE_FAILURE_KEYS: Record<ParseFailure | 'readFailed', string> = {
  notJson: 'admin.boundaries.upload.notJson',
  notCollection: 'admin.boundaries.upload.notCollection',
  empty: 'admin.boundaries.upload.empty',
  readFailed: 'admin.boundaries.upload.readFailed',
};

export function parseBoundaries(name: string, text: string): ParsedBoundaries | ParseFailure {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'notJson';
  }
  if (!isObject(json) || json.type !== 'FeatureCollection' || !Array.isArray(json.features)) return 'notCollection';
  const features = json.features;
  if (!features.length) return 'empty';
  const keys = new Set<string>();
  for (const feature of features)
    if (isObject(feature) && isObject(feature.properties))
      for (const key of Object.keys(feature.properties)) keys.add(key);
  const head: unknown = features[0];
  const first = isObject(head) && isObject(head.properties) ? head.properties : {};
  return {
    name,
    text,
    json: json as ParsedBoundaries['json'],
    features: features.length,
    keys: [...keys],
    first,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Names that usual files use (KATO codes, geoBoundaries' ADMn_KK, OpenStreetMap's name:kk), so a
 * usual file needs no choosing and the choice is visible before the check.
 */
const LIKELY: Record<PropertyTarget, RegExp[]> = {
  code: [/^kato$/i, /^code$/i, /^ref$/i],
  name_kk: [/^adm\d_kk$/i, /^name[:_]kk$/i],
  name_ru: [/^adm\d_ru$/i, /^name[:_]ru$/i],
  name_en: [/^adm\d_en$/i, /^name[:_]en$/i],
};

export function guessProperties(keys: readonly string[]): Pick<ImportOptions, PropertyTarget> {
  const pick = (target: PropertyTarget) => {
    for (const pattern of LIKELY[target]) {
      const key = keys.find((name) => pattern.test(name));
      if (key) return key;
    }
    return '';
  };
  return { code: pick('code'), name_kk: pick('name_kk'), name_ru: pick('name_ru'), name_en: pick('name_en') };
}

/** A short preview of a property value: long texts and nested objects would stretch the select. */
export function previewValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** A 422 from the import carries the same problem list as a dry run's report. */
export function problemsOf(error: unknown): AreaImportIssue[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 422) return undefined;
  const problems = error.body.problems;
  return Array.isArray(problems) ? (problems as AreaImportIssue[]) : undefined;
}

/** How many problems a refused import had in all (the answer lists only the first of them). */
export function problemsTotalOf(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.status !== 422) return undefined;
  const total = error.body.problems_total;
  return typeof total === 'number' ? total : problemsOf(error)?.length;
}

interface ImportRequest {
  file: ParsedBoundaries;
  options: ImportOptions;
  dryRun: boolean;
}

/** The file goes as it was read, as GeoJSON: the API's size limit and its feature numbers are the file's. */
export function useAreaImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, options, dryRun }: ImportRequest) => {
      const query = queryString({ ...(dryRun ? { dry_run: true } : {}), ...options });
      const { data } = await request<AreaImportResult>(`/api/areas/imports${query}`, {
        method: 'POST',
        raw: { content: file.text, contentType: 'application/geo+json' },
      });
      return data;
    },
    onSuccess: async (result) => {
      if (result.dry_run) return;
      const keys = result.hotspots_reassigned ? ['areas', 'hotspots', 'hotspot', 'stats'] : ['areas'];
      await Promise.all(keys.map((key) => client.invalidateQueries({ queryKey: [key] })));
    },
  });
}
