import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { importPlaces, type PlaceImportReport } from './import-places.js';

/**
 * OpenStreetMap's populated places of Kazakhstan, read in place from `../shared/geodata` beside
 * the checkout when it is there: it is ODbL data and never part of this repository. A fresh clone
 * elsewhere starts without it (no settlement names, no search by settlement) and says so.
 */
export const SHARED_PLACES_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/geodata/hotosm_kaz_populated_places.geojson',
);
export const OSM_PLACES_SOURCE = 'hotosm_kaz_populated_places.geojson (HOT Export Tool extract of OpenStreetMap)';
export const OSM_PLACES_LICENCE = '© OpenStreetMap contributors, ODbL 1.0';

export type SharedPlacesResult = { report: PlaceImportReport } | { skipped: string };

/** Loads the shared populated places inside the stored areas, or says why it did not. */
export async function loadSharedPlaces(knex: Knex, file: string = SHARED_PLACES_FILE): Promise<SharedPlacesResult> {
  if (!existsSync(file)) return { skipped: `no populated places at ${file}` };
  const data: unknown = JSON.parse(await readFile(file, 'utf8'));
  const report = await importPlaces(knex, data, { source: OSM_PLACES_SOURCE, licence: OSM_PLACES_LICENCE });
  if (report.problems.length > 0) {
    return { skipped: `${file}: ${report.problems.map((problem) => problem.message).join('; ')}` };
  }
  return { report };
}
