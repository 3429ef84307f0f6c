/**
 * Reading a typed location: decimal degrees ("43.30195, 68.27037", "68.27037 43.30195",
 * "43,30195 68,27037" with decimal commas, "43.30195N 68.27037E") or degrees, minutes and seconds
 * ("43°18'07"N 68°16'13"E", "43° 18.12' N, 68° 16.2' E"): minutes and seconds need their ' and "
 * marks ("43 18 07" is three numbers, not one coordinate).
 *
 * Which number is the latitude:
 * 1. Hemisphere letters decide when given: N/S (Cyrillic С, Ю, О) mark a latitude, E/W (В, Ш, З,
 *    Б) a longitude; one letter is enough, the other number takes the other role.
 * 2. Otherwise Kazakhstan decides: its latitudes lie within 40–56, its longitudes within 46–88.
 *    When only one reading puts the point in that box, it is taken, whatever the written order
 *    ("68.27037 43.30195" is longitude first).
 * 3. When both readings fit (both numbers within 46–56, e.g. in Atyrau or Aktobe) or neither does,
 *    the written order is taken as latitude, longitude — the order map services give — and the
 *    reading is marked `ambiguous` so the form can say how it was read.
 *
 * Text that holds other letters is not coordinates: it is a name to look up (`kind: 'text'`).
 * Input longer than COORDINATES_MAX_LENGTH is refused before any pattern runs.
 */

export const COORDINATES_MAX_LENGTH = 100;

export const KAZAKHSTAN_LATITUDES = [40, 56] as const;
export const KAZAKHSTAN_LONGITUDES = [46, 88] as const;

export type CoordinateProblem = 'too_long' | 'format' | 'out_of_range' | 'minutes_seconds' | 'hemispheres';

export type CoordinateReading =
  | { kind: 'point'; lat: number; lon: number; ambiguous: boolean }
  | { kind: 'invalid'; problem: CoordinateProblem }
  | { kind: 'text' };

type Axis = 'lat' | 'lon';
interface Hemisphere {
  axis: Axis;
  sign: 1 | -1;
}

const HEMISPHERES: Record<string, Hemisphere> = {
  N: { axis: 'lat', sign: 1 },
  С: { axis: 'lat', sign: 1 },
  S: { axis: 'lat', sign: -1 },
  Ю: { axis: 'lat', sign: -1 },
  О: { axis: 'lat', sign: -1 },
  E: { axis: 'lon', sign: 1 },
  В: { axis: 'lon', sign: 1 },
  Ш: { axis: 'lon', sign: 1 },
  W: { axis: 'lon', sign: -1 },
  З: { axis: 'lon', sign: -1 },
  Б: { axis: 'lon', sign: -1 },
};
const LETTER = `[${Object.keys(HEMISPHERES).join('')}]`;
const NUMBER = String.raw`\d{1,3}(?:[.,]\d{1,12})?`;
const SMALL = String.raw`\d{1,2}(?:[.,]\d{1,12})?`;

/**
 * One coordinate: an optional hemisphere letter, an optional sign, degrees (with °), minutes (')
 * and seconds ("), or a plain decimal, and an optional hemisphere letter after. Every quantifier
 * is bounded, so no input can make the pattern backtrack for long.
 */
const COMPONENT = String.raw`(${LETTER})?\s?([-+])?(${NUMBER})(?:\s?(°)\s?(?:(${SMALL})\s?'\s?(?:(${SMALL})\s?"\s?)?)?)?\s?(${LETTER})?`;
const PAIR = new RegExp(String.raw`^${COMPONENT}(?:\s?[,;]\s?|\s)${COMPONENT}$`);

/** Typographic marks people paste from documents and map services, as the plain ones. */
function normalise(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/[−–—]/g, '-')
    .replace(/[º˚]/g, '°')
    .replace(/[′’‘`´]/g, "'")
    .replace(/[″”“]|''/g, '"')
    .replace(/\s+/g, ' ');
}

const decimal = (text: string | undefined) => (text === undefined ? 0 : Number(text.replace(',', '.')));

interface Component {
  value: number;
  hemisphere?: Hemisphere;
  problem?: CoordinateProblem;
}

function component(groups: (string | undefined)[]): Component {
  const [before, sign, degrees, degreeSign, minutes, seconds, after] = groups;
  if (before && after) return { value: 0, problem: 'hemispheres' };
  const letter = before ?? after;
  const hemisphere = letter ? HEMISPHERES[letter] : undefined;
  if (hemisphere && sign === '-') return { value: 0, problem: 'hemispheres' };
  if (!degreeSign && !hemisphere && (minutes || seconds)) return { value: 0, problem: 'format' };
  const m = decimal(minutes);
  const s = decimal(seconds);
  if (m >= 60 || s >= 60) return { value: 0, problem: 'minutes_seconds' };
  const magnitude = decimal(degrees) + m / 60 + s / 3600;
  return { value: (sign === '-' ? -1 : 1) * (hemisphere?.sign ?? 1) * magnitude, hemisphere };
}

const within = (value: number, [low, high]: readonly [number, number]) => value >= low && value <= high;

/** Reads typed text as a point, a refused attempt at one (with why), or a name to look up. */
export function readCoordinates(input: string): CoordinateReading {
  if (input.length > COORDINATES_MAX_LENGTH) return { kind: 'invalid', problem: 'too_long' };
  const text = normalise(input);
  // Anything with letters beyond hemisphere marks is a name.
  if (text === '' || !/^[\d\s.,;°'"+\-NSEWСЮОВШЗБ]*$/.test(text) || !/\d/.test(text)) return { kind: 'text' };
  // A run of letters (a word made of hemisphere letters, "ОБВОЗ") is a name too.
  if (new RegExp(`${LETTER}{2}`).test(text)) return { kind: 'text' };
  const match = PAIR.exec(text);
  if (!match) return { kind: 'invalid', problem: 'format' };
  const first = component(match.slice(1, 8));
  const second = component(match.slice(8, 15));
  const problem = first.problem ?? second.problem;
  if (problem) return { kind: 'invalid', problem };
  return orient(first, second);
}

function orient(first: Component, second: Component): CoordinateReading {
  let lat: number;
  let lon: number;
  let ambiguous = false;
  const axis = first.hemisphere?.axis ?? (second.hemisphere ? other(second.hemisphere.axis) : undefined);
  if (first.hemisphere && second.hemisphere && first.hemisphere.axis === second.hemisphere.axis) {
    return { kind: 'invalid', problem: 'hemispheres' };
  }
  if (axis) {
    [lat, lon] = axis === 'lat' ? [first.value, second.value] : [second.value, first.value];
  } else {
    const latFirst = within(first.value, KAZAKHSTAN_LATITUDES) && within(second.value, KAZAKHSTAN_LONGITUDES);
    const lonFirst = within(first.value, KAZAKHSTAN_LONGITUDES) && within(second.value, KAZAKHSTAN_LATITUDES);
    [lat, lon] = lonFirst && !latFirst ? [second.value, first.value] : [first.value, second.value];
    ambiguous = latFirst === lonFirst;
  }
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return { kind: 'invalid', problem: 'out_of_range' };
  return { kind: 'point', lat, lon, ambiguous };
}

const other = (axis: Axis): Axis => (axis === 'lat' ? 'lon' : 'lat');
