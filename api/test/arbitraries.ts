import fc from 'fast-check';
import { HOTSPOT_SORTS, SEVERITIES, STATUSES } from '../src/contract/hotspots.js';
import { AREA_LEVELS } from '../src/contract/levels.js';

/**
 * fast-check arbitraries for hostile and valid API input. Hostile values are what a broken
 * client, a copy-paste accident or an attacker sends; valid ones are built from the reference
 * data the API serves, so a property can tell "refused" from "accepted".
 */

export const KAZAKH_LETTERS = 'әғқңөұүһіӘҒҚҢӨҰҮҺІ';
const CYRILLIC = 'абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';

/** Kazakh Cyrillic text, the language the city writes in. */
export const kazakhText = (maxLength = 40) =>
  fc.string({ unit: fc.constantFrom(...KAZAKH_LETTERS, ...CYRILLIC, ' ', '-', ','), minLength: 1, maxLength });

/** Text without NUL, the one character PostgreSQL text cannot hold: for values meant to be valid. */
export const storableText = (maxLength: number) =>
  fc.oneof(
    kazakhText(Math.min(maxLength, 60)),
    fc.string({ unit: 'grapheme', maxLength: Math.min(maxLength, 60) }).map((s) => s.replaceAll('\u0000', '')),
    fc.string({ maxLength: Math.min(maxLength, 60) }),
  );

export const NASTY_STRINGS = [
  '',
  ' ',
  '\t\n',
  "' OR 1=1 --",
  "'; DROP TABLE hotspots; --",
  '" OR ""="',
  '%',
  '_',
  '\\',
  '%_\\',
  '50%_off\\',
  '\u0000',
  'a\u0000b',
  '\u202eRTL',
  '\ufeff',
  '🔥👨‍👩‍👧',
  'Шиеленіс ошағы',
  KAZAKH_LETTERS,
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x1F',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'registered,in_progress,,',
  ',,,',
  'x'.repeat(10_000),
  'ә'.repeat(301),
];

/** Random text with a NUL, a control character, a lone surrogate or a non-character inside. */
export const textWithOddCharacter = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom('\u0000', '\u0001', '\u0008', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff', '\ufffe', '\u2028'),
    fc.string({ maxLength: 20 }),
  )
  .map(([before, odd, after]) => `${before}${odd}${after}`);

/** Random and hand-picked nasty strings (SQL-ish, wildcards, NUL, Kazakh, very long, lone surrogates). */
export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: textWithOddCharacter },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: kazakhText() },
);

/** Numbers as a query string carries them, including the ones Number() reads surprisingly. */
export const numberText = fc.oneof(
  fc.double().map(String),
  fc.integer({ min: -2000, max: 2000 }).map(String),
  fc.double({ min: -200, max: 200, noNaN: true }).map(String),
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-Infinity', '1e309', '5e-324', '0x10', 'abc', '1,5', '١٢', '½', '--1'),
);

const lon = fc.double({ min: -180, max: 180, noNaN: true });
const lat = fc.double({ min: -90, max: 90, noNaN: true });

/** A bbox the contract accepts: four finite numbers, in range, min below max. */
export const validBbox = fc
  .tuple(lon, lon, lat, lat)
  .filter(([a, b, c, d]) => a !== b && c !== d)
  .map(([a, b, c, d]) => [Math.min(a, b), Math.min(c, d), Math.max(a, b), Math.max(c, d)].join(','));

/** A bbox that is wrong for certain: too few or many numbers, not numbers, out of range, reversed. */
export const invalidBbox = fc.oneof(
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 0, maxLength: 3 }).map((p) => p.join(',')),
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 5, maxLength: 8 }).map((p) => p.join(',')),
  fc
    .tuple(
      fc.constantFrom('NaN', 'Infinity', '-Infinity', 'abc', '1e309', 'null', '1..2'),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([bad, at]) => ['68.2', '43.25', '68.35', '43.35'].map((part, i) => (i === at ? bad : part)).join(',')),
  fc.tuple(fc.double({ min: 180.000001, max: 1e6, noNaN: true }), lat).map(([x, y]) => `-10,${y - 1},${x},${y}`),
  fc.tuple(lon, fc.double({ min: 90.000001, max: 1e6, noNaN: true })).map(([x, y]) => `${x - 1},-10,${x},${y}`),
  fc
    .tuple(lon, lon, lat, lat)
    .filter(([a, b]) => a !== b)
    .map(([a, b, c, d]) => [Math.max(a, b), Math.min(c, d), Math.min(a, b), Math.max(c, d)].join(',')),
  fc.constant('68.2,43.25,68.2,43.35'),
);

export const bboxText = fc.oneof(
  validBbox,
  invalidBbox,
  fc.array(numberText, { maxLength: 6 }).map((p) => p.join(',')),
  hostileString,
);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
export const plusDays = (date: string, days: number) => isoDay(new Date(Date.parse(date) + days * 86_400_000));
export const validDate = (min = '2000-01-01', max = '2030-12-31') =>
  fc.date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true }).map(isoDay);

function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Text that is not a calendar date written YYYY-MM-DD (2025-02-30, 2025-13-01, 01.02.2025 …). */
export const invalidDateText = fc.oneof(
  fc.constantFrom(
    '2025-02-30',
    '2025-02-29',
    '2025-13-01',
    '2025-00-10',
    '2025-04-31',
    '2025-1-1',
    '25-01-01',
    '2025/01/01',
    '01.02.2025',
    '2025-01-01T00:00:00Z',
    '2025-W01',
    'tomorrow',
    '',
    '20250101',
    '+002025-01-01',
  ),
  fc
    .tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`)
    .filter((text) => !isRealDate(text)),
  hostileString.filter((text) => !isRealDate(text)),
);

export const dateText = fc.oneof(validDate(), invalidDateText);

/** A comma-separated list mixing known values with hostile ones. */
const listOf = (known: readonly string[]) =>
  fc.oneof(
    fc.subarray([...known], { minLength: 1 }).map((values) => values.join(',')),
    fc
      .array(fc.oneof(fc.constantFrom(...known), hostileString), { minLength: 1, maxLength: 4 })
      .map((v) => v.join(',')),
    hostileString,
  );

/** A query value: encoded as given, or sent raw (so broken percent-escapes reach the server). */
export type QueryValue = string | { raw: string };
export type QueryPairs = [string, QueryValue][];

const rawValue = fc.constantFrom<QueryValue>(
  { raw: '%' },
  { raw: '%ZZ' },
  { raw: '%FF%FE' },
  { raw: '%C0%80' },
  { raw: '%ED%A0%80' },
  { raw: 'a+b' },
  { raw: '%00' },
);

export const cursorText = (sorts: readonly string[] = HOTSPOT_SORTS) =>
  fc.oneof(
    fc.base64String({ maxLength: 80 }),
    hostileString,
    fc
      .tuple(
        fc.constantFrom(...sorts),
        fc.oneof(hostileString, validDate(), fc.constantFrom('2026-01-01 abc', '2026-01-01 Mars/Olympus', '1e5')),
        fc.oneof(fc.uuid(), hostileString),
      )
      .map((tuple) => Buffer.from(JSON.stringify(tuple), 'utf8').toString('base64url')),
    fc
      .jsonValue({ maxDepth: 2 })
      .map((value) => Buffer.from(JSON.stringify(value) ?? '', 'utf8').toString('base64url')),
  );

export interface ReferenceCodes {
  categories: string[];
  agencies: string[];
  areaIds: number[];
}

/** Values for each hotspot filter: some valid, most not. */
export function filterValues(ref: ReferenceCodes): Record<string, fc.Arbitrary<QueryValue>> {
  const areaId = fc.oneof(
    fc.constantFrom(...ref.areaIds.map(String)),
    numberText,
    fc.constantFrom('99999999999', '2147483648', '-1', '0', '1.5', 'abc'),
  );
  return {
    bbox: bboxText,
    status: listOf(STATUSES),
    category: listOf(ref.categories),
    severity: listOf(SEVERITIES),
    agency: listOf(ref.agencies),
    area: areaId,
    registered_from: dateText,
    registered_to: dateText,
    resolved_from: dateText,
    resolved_to: dateText,
    overdue: fc.oneof(fc.constantFrom('true', 'false', 'TRUE', 'yes', '1', '0', ''), hostileString),
    q: fc.oneof(kazakhText(), hostileString),
  };
}

export function listValues(ref: ReferenceCodes): Record<string, fc.Arbitrary<QueryValue>> {
  return {
    ...filterValues(ref),
    sort: fc.oneof(
      fc.constantFrom(...HOTSPOT_SORTS),
      fc.constantFrom('id', 'title desc', '--title', ''),
      hostileString,
    ),
    limit: fc.oneof(
      fc.integer({ min: 1, max: 1000 }).map(String),
      numberText,
      fc.constantFrom('0', '1001', '-1', '1.5'),
    ),
    cursor: cursorText(),
  };
}

export const areaValues: Record<string, fc.Arbitrary<QueryValue>> = {
  simplify: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }).map(String), numberText),
  level: fc.oneof(fc.constantFrom(...AREA_LEVELS), hostileString),
  parent: fc.oneof(fc.integer({ min: 1, max: 40 }).map(String), numberText),
  bbox: bboxText,
};

/** Parameter names no endpoint has, including ones that are dangerous as object keys. */
export const unknownKey = (known: string[]) =>
  fc
    .oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
        'status[]',
        'bbox[0]',
        'Q',
        'LIMIT',
        'f',
      ),
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
      kazakhText(10),
    )
    .filter((key) => !known.includes(key));

/**
 * A query string's pairs: known parameters with valid or hostile values, sometimes repeated,
 * sometimes an unknown parameter or a raw broken escape.
 */
export function queryPairs(values: Record<string, fc.Arbitrary<QueryValue>>, maxPairs = 6) {
  const known = Object.keys(values);
  const knownPair = fc
    .constantFrom(...known)
    .chain((key) =>
      fc.tuple(fc.constant(key), fc.oneof({ weight: 8, arbitrary: values[key]! }, { weight: 1, arbitrary: rawValue })),
    );
  const unknownPair = fc.tuple(unknownKey(known), fc.oneof(hostileString, rawValue));
  return fc
    .array(fc.oneof({ weight: 6, arbitrary: knownPair }, { weight: 1, arbitrary: unknownPair }), {
      maxLength: maxPairs,
    })
    .map((pairs) => pairs as QueryPairs)
    .filter((pairs) => encodeQuery(pairs).length < 12_000);
}

/** Percent-encodes every byte but the unreserved ones, so the server sees exactly the value. */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function encodeQuery(pairs: QueryPairs): string {
  return pairs
    .map(([key, value]) => `${percentEncode(key)}=${typeof value === 'string' ? percentEncode(value) : value.raw}`)
    .join('&');
}

// ---------------------------------------------------------------------------------------------
// Geometries

/** The demo city: every valid geometry lies in lon 68.2–68.35, lat 43.25–43.35. */
const cityLon = fc.double({ min: 68.2, max: 68.35, noNaN: true });
const cityLat = fc.double({ min: 43.25, max: 43.35, noNaN: true });

export const validPoint = fc.tuple(cityLon, cityLat).map(([x, y]) => ({ type: 'Point', coordinates: [x, y] }));

function regularRing(cx: number, cy: number, radius: number, sides: number, phase = 0): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < sides; i += 1) {
    const angle = phase + (2 * Math.PI * i) / sides;
    ring.push([+(cx + radius * Math.cos(angle)).toFixed(7), +(cy + radius * Math.sin(angle)).toFixed(7)]);
  }
  ring.push([...ring[0]!]);
  return ring;
}

/** Convex polygons (regular n-gons) inside the city: always valid. */
export const validPolygon = fc
  .tuple(
    fc.double({ min: 68.22, max: 68.33, noNaN: true }),
    fc.double({ min: 43.27, max: 43.33, noNaN: true }),
    fc.double({ min: 0.001, max: 0.015, noNaN: true }),
    fc.integer({ min: 3, max: 60 }),
  )
  .map(([cx, cy, r, n]) => ({ type: 'Polygon', coordinates: [regularRing(cx, cy, r, n)] }));

export const validMultiPolygon = fc.tuple(cityLat, fc.integer({ min: 3, max: 12 })).map(([cy, n]) => ({
  type: 'MultiPolygon',
  coordinates: [[regularRing(68.24, Math.min(cy, 43.33), 0.01, n)], [regularRing(68.3, 43.3, 0.01, n)]],
}));

export const validGeometry = fc.oneof(validPoint, validPolygon, validMultiPolygon);

/** A bow tie: its edges cross, which PostGIS reports as a self-intersection. */
export const bowTie = fc
  .tuple(
    fc.double({ min: 68.2, max: 68.3, noNaN: true }),
    fc.double({ min: 43.25, max: 43.3, noNaN: true }),
    fc.double({ min: 0.001, max: 0.04, noNaN: true }),
    fc.double({ min: 0.001, max: 0.04, noNaN: true }),
  )
  .map(([x, y, w, h]) => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + w, y + h],
        [x + w, y],
        [x, y + h],
        [x, y],
      ],
    ],
  }));

/** A valid-shaped ring with more vertices than the API accepts (5000). */
export const tooManyVertices = fc
  .integer({ min: 5001, max: 5400 })
  .map((n) => ({ type: 'Polygon', coordinates: [regularRing(68.28, 43.3, 0.01, n)] }));

/** Geometries the contract or PostGIS must refuse, each with words the refusal should use. */
export const hostileGeometry: fc.Arbitrary<{ geometry: unknown; mentions?: RegExp }> = fc.oneof(
  bowTie.map((geometry) => ({ geometry, mentions: /self-intersection/i })),
  tooManyVertices.map((geometry) => ({ geometry, mentions: /vertices/ })),
  fc.constantFrom<{ geometry: unknown; mentions?: RegExp }>(
    {
      geometry: {
        type: 'LineString',
        coordinates: [
          [68.2, 43.3],
          [68.3, 43.3],
        ],
      },
    },
    { geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [68.3, 43.3] }] } },
    { geometry: { type: 'MultiPoint', coordinates: [[68.3, 43.3]] } },
    { geometry: { type: 'Feature', geometry: { type: 'Point', coordinates: [68.3, 43.3] }, properties: {} } },
    { geometry: { type: 'Point', coordinates: [] } },
    { geometry: { type: 'Point', coordinates: [68.3] } },
    { geometry: { type: 'Point', coordinates: [68.3, 43.3, 1, 2] } },
    { geometry: { type: 'Point', coordinates: ['68.3', '43.3'] } },
    { geometry: { type: 'Point', coordinates: [1e308, 43.3] }, mentions: /longitude/ },
    { geometry: { type: 'Point', coordinates: [68.3, -1e308] }, mentions: /latitude/ },
    { geometry: { type: 'Point', coordinates: [68.3, 43.3], crs: 'EPSG:3857' } },
    { geometry: { type: 'point', coordinates: [68.3, 43.3] } },
    { geometry: { type: 'Polygon', coordinates: [] } },
    { geometry: { type: 'Polygon', coordinates: [[]] } },
    {
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [68.2, 43.3],
            [68.3, 43.3],
            [68.2, 43.3],
          ],
        ],
      },
      mentions: /four/,
    },
    {
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [68.2, 43.3],
            [68.3, 43.3],
            [68.3, 43.31],
            [68.2, 43.31],
          ],
        ],
      },
      mentions: /not closed/,
    },
    {
      // All four corners at one place: a ring with no area.
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [68.3, 43.3],
            [68.3, 43.3],
            [68.3, 43.3],
            [68.3, 43.3],
          ],
        ],
      },
      mentions: /not a valid polygon/,
    },
    {
      // A hole outside its shell.
      geometry: {
        type: 'Polygon',
        coordinates: [regularRing(68.25, 43.3, 0.01, 8), regularRing(68.3, 43.3, 0.002, 8)],
      },
      mentions: /not a valid polygon/,
    },
    {
      // Two overlapping parts of one MultiPolygon.
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[regularRing(68.25, 43.3, 0.01, 8)], [regularRing(68.255, 43.3, 0.01, 8)]],
      },
      mentions: /not a valid polygon/,
    },
    { geometry: { type: 'MultiPolygon', coordinates: [] } },
    { geometry: null },
    { geometry: 'POINT(68.3 43.3)' },
    { geometry: [68.3, 43.3] },
  ),
  fc
    .tuple(fc.double({ min: 90.000001, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }))
    .map(([lonBeyond90, latitude]) => ({
      // lat,lon instead of lon,lat with a longitude past 90: the latitude is out of range.
      geometry: { type: 'Point', coordinates: [latitude, lonBeyond90] },
      mentions: /latitude/,
    })),
  fc
    .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }))
    .filter(([x, y]) => Math.abs(x) > 180 || Math.abs(y) > 90)
    .map(([x, y]) => ({ geometry: { type: 'Point', coordinates: [x, y] }, mentions: /outside/ })),
  fc.integer({ min: 50, max: 3000 }).map((depth) => ({
    geometry: { type: 'Polygon', coordinates: JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown },
  })),
);

// ---------------------------------------------------------------------------------------------
// Bodies

export interface ValidCreateOptions extends ReferenceCodes {
  today: string;
}

/** Hotspot bodies the API must accept (201): codes from the reference data, dates that agree. */
export function validCreateBody(ref: ValidCreateOptions) {
  // registered_on defaults to today, so a due date without it must not be before today. Registering
  // requires a deadline and an agency (hotspotRegistration).
  const dates = fc.oneof(
    validDate('2025-01-01', ref.today).chain((registered) =>
      fc.record({
        registered_on: fc.constant(registered),
        due_on: fc.integer({ min: 0, max: 400 }).map((days) => plusDays(registered, days)),
      }),
    ),
    fc.integer({ min: 0, max: 400 }).map((days) => ({ due_on: plusDays(ref.today, days) })),
  );
  const title = storableText(300).filter((text) => text.trim().length > 0 && text.trim().length <= 300);
  return fc
    .tuple(
      fc.record(
        {
          title,
          description: storableText(2000),
          category: fc.constantFrom(...ref.categories),
          severity: fc.constantFrom(...SEVERITIES),
          geometry: validGeometry,
          agency: fc.constantFrom(...ref.agencies),
          source: fc.oneof(fc.constant(null), storableText(500)),
          confidential: fc.boolean(),
        },
        { requiredKeys: ['title', 'category', 'severity', 'geometry', 'agency'] },
      ),
      dates,
    )
    .map(([body, when]) => ({ ...body, ...when }));
}

/** The same geometry with a height on every position: [lon, lat, z], which RFC 7946 allows. */
export const withHeight = fc
  .tuple(validGeometry, fc.double({ min: -500, max: 5000, noNaN: true }))
  .map(([geometry, z]) => {
    const lift = (value: unknown): unknown =>
      Array.isArray(value) && typeof value[0] === 'number'
        ? [...(value as number[]), z]
        : (value as unknown[]).map(lift);
    return { ...geometry, coordinates: lift(geometry.coordinates) };
  });

/** A value of the wrong kind for any field. */
export const wrongTypeValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, -1, 1e308, [], {}, [[]], { $ne: null }, ['a', 'b']),
  hostileString,
  fc.jsonValue({ maxDepth: 2 }),
);

/** Objects with the create/patch fields (and some that no client may set) holding hostile values. */
export function hostileFields(ref: ReferenceCodes) {
  return fc.record(
    {
      title: fc.oneof(hostileString, wrongTypeValue),
      description: fc.oneof(hostileString, fc.constant('x'.repeat(20_001)), wrongTypeValue),
      category: fc.oneof(fc.constantFrom(...ref.categories), hostileString, wrongTypeValue),
      severity: fc.oneof(fc.constantFrom(...SEVERITIES), hostileString, wrongTypeValue),
      geometry: fc.oneof(
        validGeometry,
        hostileGeometry.map((h) => h.geometry),
        wrongTypeValue,
      ),
      agency: fc.oneof(fc.constantFrom(...ref.agencies), hostileString, wrongTypeValue),
      source: fc.oneof(hostileString, fc.constant('s'.repeat(501)), wrongTypeValue),
      registered_on: fc.oneof(dateText, wrongTypeValue),
      due_on: fc.oneof(dateText, wrongTypeValue),
      confidential: fc.oneof(fc.boolean(), fc.constantFrom<unknown>('true', 1, 'yes'), wrongTypeValue),
      external_ref: fc.oneof(hostileString, wrongTypeValue),
      // Fields the server owns: a client must not be able to set them.
      status: fc.constantFrom('resolved', 'dismissed'),
      version: fc.integer(),
      id: fc.uuid(),
      reference: fc.constant('2026-999'),
      created_by: hostileString,
      deleted_at: fc.constant('2026-01-01T00:00:00Z'),
      area_id: fc.integer(),
    },
    { requiredKeys: [] },
  );
}

const CREATE_FIELDS = [
  'title',
  'description',
  'category',
  'severity',
  'geometry',
  'agency',
  'source',
  'registered_on',
  'due_on',
  'confidential',
  'external_ref',
];

/** A hostile value for any field: strings, wrong types, broken or 3D geometries, dates. */
const replacementValue = fc.oneof(
  hostileString,
  wrongTypeValue,
  hostileGeometry.map((h) => h.geometry),
  withHeight,
  dateText,
  fc.constantFrom<unknown>('0001-01-01', '0000-01-01', '9999-12-31', 'x'.repeat(301)),
);

/** One change to a body: a field replaced by a hostile value, a field removed, or an extra one added. */
function mutate(body: Record<string, unknown>, fields: string[]) {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...fields), replacementValue).map(([field, value]) => ({ ...body, [field]: value })),
    fc.constantFrom(...fields).map((field) => {
      const { [field]: _removed, ...rest } = body;
      return rest;
    }),
    fc
      .tuple(fc.oneof(hostileString, fc.constantFrom('status', 'version', 'id')), wrongTypeValue)
      .map(([key, value]) => {
        const copy: Record<string, unknown> = { ...body };
        Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
        return copy;
      }),
  );
}

/** A valid hotspot with one hostile change: reaches the rules and the SQL, not only the schema. */
export const mutatedCreateBody = (ref: ValidCreateOptions) =>
  validCreateBody(ref).chain((body) => mutate(body, CREATE_FIELDS));

/** A one- or two-field edit, valid or with a hostile value. */
export function patchBody(ref: ValidCreateOptions) {
  const valid: Record<string, fc.Arbitrary<unknown>> = {
    title: storableText(300).filter((t) => t.trim() !== ''),
    description: storableText(2000),
    category: fc.constantFrom(...ref.categories),
    severity: fc.constantFrom(...SEVERITIES),
    geometry: validGeometry,
    agency: fc.oneof(fc.constant(null), fc.constantFrom(...ref.agencies)),
    source: fc.oneof(fc.constant(null), storableText(500)),
    registered_on: validDate('2025-01-01', plusDays(ref.today, -31)),
    due_on: fc.oneof(fc.constant(null), validDate(ref.today, '2027-12-31')),
    confidential: fc.boolean(),
  };
  const field = fc
    .constantFrom(...Object.keys(valid))
    .chain((key) => fc.tuple(fc.constant(key), fc.oneof(valid[key]!, replacementValue)));
  return fc.array(field, { minLength: 1, maxLength: 2 }).map((pairs) => Object.fromEntries(pairs));
}

/** An X-Oshaq-Actor header: a name, an encoded name, or printable junk (broken percent-escapes too). */
export const actorHeader = fc.oneof(
  kazakhText(30).map(encodeURIComponent),
  fc.constantFrom('%', '100%', '%E0%A4%A', '%ZZ', '%00', '%0A', 'anonymous', '<b>x</b>'),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 }).filter((v) => /^[\x21-\x7e][\x20-\x7e]*$/.test(v)),
);

/** Any JSON, with a bias towards objects that look like what an endpoint wants. */
export const randomJson = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(hostileString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
);

/** JSON text broken in a way JSON.parse refuses. */
export const malformedJsonText = fc
  .tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat(), fc.constantFrom('cut', 'insert', 'wrap'), hostileString)
  .map(([value, at, how, junk]) => {
    const text = JSON.stringify(value) ?? 'null';
    const i = text.length === 0 ? 0 : at % text.length;
    if (how === 'cut') return text.slice(0, i);
    if (how === 'insert') return `${text.slice(0, i)}${junk || '}'}${text.slice(i)}`;
    return `{${text}`;
  })
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

/** Transition bodies with random values; the property keeps only the ones the contract refuses. */
export const transitionLike = fc.oneof(
  randomJson,
  fc.record(
    {
      to: fc.oneof(fc.constantFrom('in_progress', 'resolved', 'dismissed', 'registered', 'RESOLVED'), hostileString),
      note: fc.oneof(hostileString, fc.constant('n'.repeat(5001)), wrongTypeValue),
      on: fc.oneof(dateText, wrongTypeValue),
      extra: wrongTypeValue,
      status: fc.constant('resolved'),
    },
    { requiredKeys: [] },
  ),
);

/** Comment bodies with random values. */
export const commentLike = fc.oneof(
  randomJson,
  fc.record(
    {
      note: fc.oneof(hostileString, fc.constant('n'.repeat(5001)), wrongTypeValue, kazakhText()),
      actor: hostileString,
    },
    { requiredKeys: [] },
  ),
);

/** If-Match values that are not an ETag this API gives out ("v3"), nor `*`. */
export const garbageIfMatch = fc
  .oneof(
    fc.constantFrom('v3', '"3"', "'v3'", '"v"', '"v-1"', '"v1.5"', '"v1234567890"', 'W/v1', '"v1", "v2"', 'null', '**'),
    fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 }),
    fc.integer().map(String),
  )
  .map((value) => value.trim())
  .filter((value) => value !== '' && value !== '*' && !/^(?:W\/)?"v\d{1,9}"$/.test(value));
