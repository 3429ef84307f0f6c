import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the bench data puts its hotspots: around Kazakhstan's populated places, in proportion to
 * how many people live there (hotspots come from people's complaints). The OpenStreetMap list in
 * ../shared/geodata is read in place — it is ODbL data and stays out of this repository; without
 * it a short built-in list of major cities stands in.
 */
export type SettlementKind = 'city' | 'town' | 'village' | 'hamlet' | 'isolated_dwelling';

export interface Settlement {
  nameKk: string | null;
  nameRu: string | null;
  kind: SettlementKind;
  lon: number;
  lat: number;
  /** From the data when known, otherwise a typical figure for its kind. */
  population: number;
}

/** Kazakhstan's extreme points, rounded outwards: every generated coordinate lies inside. */
export const KAZAKHSTAN_BBOX = { west: 46.49, south: 40.56, east: 87.36, north: 55.45 } as const;

export const POPULATED_PLACES_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/geodata/hotosm_kaz_populated_places.geojson',
);

/** Most places in the OSM extract carry no population; these are typical sizes for each kind. */
const TYPICAL_POPULATION: Record<SettlementKind, number> = {
  city: 100_000,
  town: 10_000,
  village: 1_000,
  hamlet: 150,
  isolated_dwelling: 10,
};

export function insideKazakhstanBbox(lon: number, lat: number): boolean {
  const b = KAZAKHSTAN_BBOX;
  return lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north;
}

/** Standard deviation of the scatter around a place, in km: a few km for a big city, hundreds of metres for a village. */
export function spreadKm(settlement: Settlement): number {
  return 0.3 + 3.5 * Math.sqrt(settlement.population / 1_000_000);
}

const CITY = (nameKk: string, nameRu: string, lon: number, lat: number, population: number): Settlement => ({
  nameKk,
  nameRu,
  kind: 'city',
  lon,
  lat,
  population,
});

/** Major cities (approximate centres and populations, 2023), for when the OSM list is absent. */
export const BUILT_IN_CITIES: readonly Settlement[] = [
  CITY('Алматы', 'Алматы', 76.946, 43.236, 2_228_000),
  CITY('Астана', 'Астана', 71.431, 51.128, 1_430_000),
  CITY('Шымкент', 'Шымкент', 69.588, 42.315, 1_222_000),
  CITY('Ақтөбе', 'Актобе', 57.23, 50.284, 570_000),
  CITY('Қарағанды', 'Караганда', 73.103, 49.816, 520_000),
  CITY('Тараз', 'Тараз', 71.377, 42.902, 431_000),
  CITY('Өскемен', 'Усть-Каменогорск', 82.627, 49.948, 355_000),
  CITY('Павлодар', 'Павлодар', 76.946, 52.286, 335_000),
  CITY('Қызылорда', 'Кызылорда', 65.509, 44.853, 330_000),
  CITY('Атырау', 'Атырау', 51.914, 47.107, 323_000),
  CITY('Семей', 'Семей', 80.25, 50.404, 310_000),
  CITY('Ақтау', 'Актау', 51.168, 43.635, 274_000),
  CITY('Қостанай', 'Костанай', 63.633, 53.215, 268_000),
  CITY('Орал', 'Уральск', 51.371, 51.204, 257_000),
  CITY('Түркістан', 'Туркестан', 68.27, 43.302, 228_000),
  CITY('Петропавл', 'Петропавловск', 69.133, 54.867, 223_000),
  CITY('Көкшетау', 'Кокшетау', 69.381, 53.285, 177_000),
  CITY('Теміртау', 'Темиртау', 72.965, 50.054, 172_000),
  CITY('Талдықорған', 'Талдыкорган', 78.379, 45.016, 169_000),
  CITY('Екібастұз', 'Экибастуз', 75.317, 51.729, 129_000),
  CITY('Рудный', 'Рудный', 63.133, 52.964, 112_000),
  CITY('Жезқазған', 'Жезказган', 67.715, 47.804, 89_000),
];

const KINDS = new Set<string>(['city', 'town', 'village', 'hamlet', 'isolated_dwelling']);

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * The places of a HOT/OSM populated-places FeatureCollection that lie inside Kazakhstan's bbox,
 * with a population for each. Features that are not points of a known kind are skipped.
 */
function settlementsFromGeoJson(data: unknown): Settlement[] {
  const features = (data as { features?: unknown })?.features;
  if (!Array.isArray(features)) throw new Error('not a GeoJSON FeatureCollection');
  const settlements: Settlement[] = [];
  for (const feature of features as { properties?: Record<string, unknown>; geometry?: unknown }[]) {
    const geometry = feature.geometry as { type?: string; coordinates?: unknown } | null | undefined;
    const props = feature.properties ?? {};
    const kind = String(props.place);
    if (geometry?.type !== 'Point' || !KINDS.has(kind)) continue;
    const [lon, lat] = geometry.coordinates as [number, number];
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || !insideKazakhstanBbox(lon, lat)) continue;
    // Populations are strings in the extract ("2228515"); anything else means unknown.
    const given = /^\d+$/.test(String(props.population ?? '')) ? Number(props.population) : 0;
    const nameKk = text(props['name:kk']) ?? text(props.name);
    settlements.push({
      nameKk,
      nameRu: text(props['name:ru']) ?? nameKk,
      kind: kind as SettlementKind,
      lon,
      lat,
      population: given > 0 ? given : TYPICAL_POPULATION[kind as SettlementKind],
    });
  }
  return settlements;
}

export interface SettlementSource {
  settlements: Settlement[];
  /** For the console: which list was used. */
  description: string;
}

/** The OSM list when the file is there, the built-in cities otherwise. */
export async function loadSettlements(file: string = POPULATED_PLACES_FILE): Promise<SettlementSource> {
  if (!existsSync(file)) {
    return {
      settlements: [...BUILT_IN_CITIES],
      description: `${BUILT_IN_CITIES.length} built-in cities (${file} not found)`,
    };
  }
  const settlements = settlementsFromGeoJson(JSON.parse(await readFile(file, 'utf8')));
  if (settlements.length === 0) throw new Error(`${file} has no populated places inside Kazakhstan`);
  return { settlements, description: `${settlements.length} populated places from ${file}` };
}
