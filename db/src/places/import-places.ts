import type { Knex } from 'knex';
import { z } from 'zod';
import { PLACE_KINDS, type PlaceKind } from './search-sql.js';

/**
 * Loads populated places (GeoJSON Points, OpenStreetMap's tags: name, name:kk, name:ru, name:en,
 * place, population, osm_type/osm_id) into `places`, all or nothing. Only places inside the
 * imported areas are kept: the office works within its boundaries, and a whole country's hamlets
 * would only slow the search and crowd the map (import larger boundaries first to keep more).
 * Unnamed places and kinds other than city/town/village/hamlet/isolated_dwelling are skipped and
 * counted; a feature that is not a usable point stops the import with its index.
 */
export interface PlaceImportOptions {
  /** Where the places come from (file name, URL), kept with each place. */
  source: string;
  /** The licence and credit the map shows with the places. */
  licence: string;
  dryRun?: boolean;
}

export interface PlaceProblem {
  /** 0-based index of the feature; -1 for the file itself. */
  feature: number;
  message: string;
}

export interface PlaceImportReport {
  written: boolean;
  added: number;
  updated: number;
  /** Named places of a known kind that lie outside every imported area. */
  outside: number;
  /** Features without any name, or of another kind (suburb, locality…). */
  skipped: number;
  problems: PlaceProblem[];
}

const point = z.object({
  type: z.literal('Point', { error: 'the geometry must be a Point' }),
  coordinates: z
    .array(z.number().finite())
    .min(2)
    .max(3)
    .refine(([lon, lat]) => Math.abs(lon ?? 0) <= 180 && Math.abs(lat ?? 0) <= 90, 'lon/lat out of range'),
});
const feature = z.object({
  type: z.literal('Feature'),
  geometry: point,
  properties: z.record(z.string(), z.unknown()).nullable().optional(),
});
const collection = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

export interface PreparedPlace {
  ref: string | null;
  kind: PlaceKind;
  name_kk: string;
  name_ru: string;
  name_en: string;
  population: number | null;
  lon: number;
  lat: number;
}

class DryRunDone extends Error {}

const MAX_PROBLEMS = 100;
const BATCH = 1000;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** OSM's population is free text ("1342", "12 000", "~300"): only a plain whole number is kept. */
function population(value: unknown): number | null {
  const written = typeof value === 'number' ? String(value) : text(value)?.replace(/[\s\u00a0]/g, '');
  if (!written || !/^\d{1,9}$/.test(written)) return null;
  return Number(written);
}

/** One feature as a row, `null` when it is skipped, or the reason it is unusable. */
export function preparePlace(raw: unknown): PreparedPlace | null | string {
  const parsed = feature.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue?.path.join('.') || 'feature'}: ${issue?.message ?? 'not a GeoJSON Feature'}`;
  }
  const props = parsed.data.properties ?? {};
  const kind = text(props.place) as PlaceKind | undefined;
  const local = text(props.name);
  const kk = text(props['name:kk']) ?? local;
  const ru = text(props['name:ru']) ?? local;
  const en = text(props['name:en']) ?? local;
  const any = kk ?? ru ?? en;
  if (!kind || !PLACE_KINDS.includes(kind) || !any) return null;
  const osmType = text(props.osm_type)?.replace(/s$/, '');
  const osmId = typeof props.osm_id === 'number' || typeof props.osm_id === 'string' ? String(props.osm_id) : '';
  const [lon, lat] = parsed.data.geometry.coordinates as [number, number];
  return {
    ref: osmType && /^\d+$/.test(osmId) ? `osm:${osmType}/${osmId}` : null,
    kind,
    name_kk: kk ?? any,
    name_ru: ru ?? any,
    name_en: en ?? any,
    population: population(props.population),
    lon,
    lat,
  };
}

/** Inserts or updates one batch, keeping only places inside an area (its pieces: small polygons). */
async function writeBatch(trx: Knex.Transaction, rows: PreparedPlace[], options: PlaceImportOptions) {
  const { rows: written } = await trx.raw<{ rows: { inserted: boolean }[] }>(
    `INSERT INTO places AS p (source_ref, kind, name_kk, name_ru, name_en, population, geom, source, licence)
     SELECT r.ref, r.kind, r.name_kk, r.name_ru, r.name_en, r.population,
            ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326), ?, ?
     FROM json_to_recordset(?::json) AS r(ref text, kind text, name_kk text, name_ru text, name_en text,
       population integer, lon double precision, lat double precision)
     WHERE EXISTS (SELECT 1 FROM area_pieces a
                   WHERE a.geom && ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)
                     AND ST_Covers(a.geom, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326)))
     ON CONFLICT (source_ref) DO UPDATE SET kind = excluded.kind, name_kk = excluded.name_kk,
       name_ru = excluded.name_ru, name_en = excluded.name_en, population = excluded.population,
       geom = excluded.geom, source = excluded.source, licence = excluded.licence, updated_at = now()
     RETURNING (xmax = 0) AS inserted`,
    [options.source, options.licence, JSON.stringify(rows)],
  );
  return written;
}

export async function importPlaces(knex: Knex, data: unknown, options: PlaceImportOptions): Promise<PlaceImportReport> {
  const report: PlaceImportReport = { written: false, added: 0, updated: 0, outside: 0, skipped: 0, problems: [] };
  const file = collection.safeParse(data);
  if (!file.success) {
    report.problems.push({ feature: -1, message: 'the file is not a GeoJSON FeatureCollection' });
    return report;
  }
  const rows: PreparedPlace[] = [];
  let problemCount = 0;
  file.data.features.forEach((raw, index) => {
    const prepared = preparePlace(raw);
    if (typeof prepared === 'string') {
      if (++problemCount <= MAX_PROBLEMS) report.problems.push({ feature: index, message: prepared });
    } else if (prepared === null) report.skipped += 1;
    else rows.push(prepared);
  });
  if (problemCount > MAX_PROBLEMS) {
    report.problems.push({
      feature: -1,
      message: `${problemCount} features have problems; the first ${MAX_PROBLEMS} are listed`,
    });
  }
  if (report.problems.length > 0) return report;
  // One row per OSM object: a file listing one twice would otherwise update a row twice in a statement.
  const seen = new Set<string>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const ref = rows[i]?.ref;
    if (!ref) continue;
    if (seen.has(ref)) {
      rows.splice(i, 1);
      report.skipped += 1;
    } else seen.add(ref);
  }
  try {
    await knex.transaction(async (trx) => {
      for (let start = 0; start < rows.length; start += BATCH) {
        const batch = rows.slice(start, start + BATCH);
        const written = await writeBatch(trx, batch, options);
        report.added += written.filter((row) => row.inserted).length;
        report.updated += written.filter((row) => !row.inserted).length;
        report.outside += batch.length - written.length;
      }
      // A dry run counts inside the same transaction, then throws it away.
      if (options.dryRun) throw new DryRunDone();
    });
  } catch (error) {
    if (!(error instanceof DryRunDone)) throw error;
  }
  report.written = !options.dryRun;
  return report;
}
