import type { Point, Polygon } from 'geojson';
import { type BenchEvent, dayNumber, isoDate, planHistory } from './history.js';
import {
  agencyWeights,
  categoryWeights,
  confidentialShare,
  KAZAKH_SHARE,
  POLYGON_SHARE,
  SEVERITY_MIX,
  type Severity,
  SPARSE_SHARE,
  type Status,
  STATUS_MIX,
} from './mix.js';
import type { Language } from './phrase-types.js';
import { geometryInsideBbox, pointAt, scatterAround, smallPolygon, uniformInBbox } from './places.js';
import { createRandom, type Random, tablePicker, weightedPicker } from './random.js';
import type { Settlement } from './settlements.js';
import { agencyActor, categoryPhrases, fill, PHRASES, prosecutorActor, wherePhrase } from './wording.js';

export type { BenchEvent } from './history.js';

/**
 * The bench data set: `count` hotspots that look like a national prosecutor's register — dense
 * around settlements, sparse elsewhere, with text, reference codes, deadlines and a history
 * consistent with each status. Pure: the same options give the same rows, byte for byte, so a
 * benchmark can be rerun on the same data. Rows come one at a time (a million fit in no array).
 */
export interface BenchHotspot {
  /** A UUID drawn from the seed, so histories can name their hotspot before it is stored. */
  id: string;
  /** `bench-<seed>-<index>`: marks the row as bench data. */
  externalRef: string;
  title: string;
  description: string;
  language: Language;
  categoryCode: string;
  agencyCode: string;
  severity: Severity;
  status: Status;
  geometry: Point | Polygon;
  registeredOn: string;
  dueOn: string;
  resolvedOn: string | null;
  resolutionNote: string | null;
  confidential: boolean;
  /** One per event, as the API counts versions. */
  version: number;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  events: BenchEvent[];
}

export interface GenerateOptions {
  seed: number;
  count: number;
  /** 'YYYY-MM-DD': registrations fall in the three years up to this day. */
  today: string;
  /** Where people live; the built-in cities or the OSM populated places. */
  settlements: readonly Settlement[];
}

export const BENCH_SOURCE = 'bench';
export const BENCH_REF_PREFIX = 'bench-';

export function* generateHotspots(options: GenerateOptions): Generator<BenchHotspot> {
  const { seed, count, settlements } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number ≥ 0, got ${count}`);
  const random = createRandom(seed);
  const today = dayNumber(options.today);
  const [year, month, day] = options.today.split('-').map(Number) as [number, number, number];
  // Three years back, the day after; Date.UTC turns a 29 February into 1 March.
  const firstDay = Math.round(Date.UTC(year - 3, month - 1, day) / 86_400_000) + 1;
  if (!Number.isFinite(today) || !Number.isFinite(firstDay))
    throw new Error(`today must be YYYY-MM-DD, got ${options.today}`);
  const span = today - firstDay + 1;
  const pickSettlement = weightedPicker(settlements, (s) => s.population);
  const pickStatus = tablePicker(STATUS_MIX);
  const pickSeverity = tablePicker(SEVERITY_MIX);
  const pickCategory = tablePicker(categoryWeights());
  const agencyPickers = new Map<string, (random: Random) => string>();

  for (let index = 0; index < count; index += 1) {
    // Registration days rise with the index (stratified, with jitter), as a register fills up
    // over time: reference numbers handed out in row order then follow the dates.
    const registeredDay = firstDay + Math.min(span - 1, Math.floor(((index + random.next()) * span) / count));
    const categoryCode = pickCategory(random);
    let pickAgency = agencyPickers.get(categoryCode);
    if (!pickAgency) agencyPickers.set(categoryCode, (pickAgency = tablePicker(agencyWeights(categoryCode))));
    const agencyCode = pickAgency(random);
    const language: Language = random.chance(KAZAKH_SHARE) ? 'kk' : 'ru';
    const settlement = random.chance(SPARSE_SHARE) ? null : pickSettlement(random);
    const geometry = placeGeometry(settlement, random);
    const phrases = categoryPhrases(language, categoryCode);
    const where = wherePhrase(settlement, language, random);
    const theme = random.int(0, phrases.titles.length - 1);
    const title = fill(phrases.titles[theme] as string, where, random);
    const detail = fill(phrases.details[theme % phrases.details.length] as string, where, random);
    const description = `${detail} ${random.pick(PHRASES[language].shared.risks)}`;
    const status = pickStatus(random);
    const dueDays = random.int(15, 90);
    const prosecutor = prosecutorActor(random);
    const history = planHistory(
      {
        status,
        registeredDay,
        dueDays,
        today,
        language,
        resolution: phrases.resolutions[theme % phrases.resolutions.length] as string,
        prosecutor,
        agencyStaff: agencyActor(agencyCode, random),
      },
      random,
    );
    const first = history.events[0] as BenchEvent;
    const last = history.events[history.events.length - 1] as BenchEvent;
    yield {
      id: random.uuid(),
      externalRef: `${BENCH_REF_PREFIX}${seed}-${index}`,
      title,
      description,
      language,
      categoryCode,
      agencyCode,
      severity: pickSeverity(random),
      status,
      geometry,
      registeredOn: isoDate(registeredDay),
      dueOn: isoDate(registeredDay + dueDays),
      resolvedOn: history.closedDay === null ? null : isoDate(history.closedDay),
      resolutionNote: history.closingNote,
      confidential: random.chance(confidentialShare(categoryCode)),
      version: history.events.length,
      createdBy: prosecutor,
      createdAt: first.at,
      updatedBy: last.actor,
      updatedAt: last.at,
      events: history.events,
    };
  }
}

/** A point or a small polygon near the settlement (or anywhere, for the sparse share), inside the bbox. */
function placeGeometry(settlement: Settlement | null, random: Random): Point | Polygon {
  const centre = () => (settlement ? scatterAround(settlement, random) : uniformInBbox(random));
  if (!random.chance(POLYGON_SHARE)) return pointAt(centre());
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const polygon = smallPolygon(centre(), random);
    // Only a centre within ~250 m of the bbox's edge can fail; draw again.
    if (geometryInsideBbox(polygon)) return polygon;
  }
  return pointAt(centre()); // a place hugging the edge: a point always fits
}
