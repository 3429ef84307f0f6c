import { parse as parseQueryString } from 'node:querystring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pino } from 'pino';
import type { z } from 'zod';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import {
  commentRequest,
  hotspotRegistration,
  hotspotFilters,
  hotspotListQuery,
  hotspotPatch,
  HOTSPOT_SORTS,
  SEVERITIES,
  STATUSES,
  transitionRequest,
} from '../src/contract/hotspots.js';
import { areaListQuery } from '../src/contract/reference.js';
import { MAX_JSON_DEPTH } from '../src/http/body-shape.js';
import { createAccount } from './accounts.js';
import { startApp, type RunningApp } from './support.js';
import {
  actorHeader,
  areaValues,
  commentLike,
  cursorText,
  encodeQuery,
  filterValues,
  garbageIfMatch,
  hostileFields,
  hostileGeometry,
  hostileString,
  invalidBbox,
  invalidDateText,
  isoDay,
  plusDays,
  kazakhText,
  numberText,
  listValues,
  malformedJsonText,
  mutatedCreateBody,
  patchBody,
  percentEncode,
  queryPairs,
  randomJson,
  transitionLike,
  unknownKey,
  validCreateBody,
  validDate,
  type QueryPairs,
  type ReferenceCodes,
} from './arbitraries.js';

/*
 * Property-based tests: random and hostile input thrown at every endpoint must get a 4xx
 * problem+json (RFC 9457) a person can act on, or a 2xx where the input happens to be valid —
 * never a 500 — and a refused write must leave the hotspots and their history untouched.
 * Where the contract (the zod schemas) says an input is invalid, the answer must be exactly 400.
 */

const SEED_TODAY = '2026-11-23';
const RUNS = 60;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Reply {
  request: string;
  status: number;
  type: string;
  headers: Headers;
  text: string;
  json: Json;
  /** Errors the app logged while answering (what a 500 was about). */
  logged: string[];
}

const logged: string[] = [];
const logger = pino(
  { level: 'error' },
  {
    write(line: string) {
      const entry = JSON.parse(line) as { msg?: string; err?: { code?: string; message?: string } };
      if (entry.msg === 'unhandled error') logged.push(`${entry.err?.code ?? ''} ${entry.err?.message ?? ''}`.trim());
    },
  },
);

const today = () => isoDay(new Date());
/** How deep arrays and objects nest in a value (the outermost one is level 1). */
const nesting = (value: unknown): number =>
  value && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(nesting)) : 0;
const contractAccepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;
/** The body the server will see, after JSON text has been parsed (undefined when JSON cannot carry it). */
const asSent = (value: unknown): unknown => {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
};
const describeReply = (reply: Reply) =>
  `${reply.request} → ${reply.status} ${reply.type}\n${reply.text.slice(0, 600)}` +
  (reply.logged.length ? `\nlogged: ${reply.logged.join(' | ').slice(0, 600)}` : '');

/** A problem+json answer in the 4xx range, with the fields RFC 9457 and our guide ask for. */
function expectProblem(reply: Reply, statuses?: number | number[]) {
  const context = describeReply(reply);
  expect(reply.status, context).toBeGreaterThanOrEqual(400);
  expect(reply.status, context).toBeLessThan(500);
  if (statuses !== undefined) expect([statuses].flat(), context).toContain(reply.status);
  expect(reply.type, context).toMatch(/^application\/problem\+json/);
  expect(reply.json, context).toBeTypeOf('object');
  expect(reply.json?.status, context).toBe(reply.status);
  expect(typeof reply.json?.title === 'string' && reply.json.title.trim() !== '', context).toBe(true);
  expect(typeof reply.json?.detail === 'string' && reply.json.detail.trim() !== '', context).toBe(true);
}

/** True for a 2xx; otherwise checks that it is a proper 4xx problem and returns false. */
function succeededOrProblem(reply: Reply): boolean {
  if (reply.status >= 200 && reply.status < 300) return true;
  expectProblem(reply);
  return false;
}

/** The fields a 400 names (from `errors`), for checking that the right one is blamed. */
const blamed = (reply: Reply): string[] =>
  Array.isArray(reply.json?.errors) ? (reply.json.errors as { field: string }[]).map((e) => e.field) : [];

describeOnEachDatabase('hostile input: 4xx problem+json, never a 500, and refused writes write nothing', (db) => {
  let app: RunningApp;
  let ref: ReferenceCodes;

  async function send(
    method: string,
    path: string,
    options: { json?: unknown; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { 'X-Oshaq-Actor': encodeURIComponent('Прокуратура: Тест') };
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['Content-Type'] = 'application/json';
    }
    Object.assign(headers, options.headers);
    const before = logged.length;
    const response = await fetch(`${app.url}${path}`, { method, headers, body });
    const text = await response.text();
    let json: Json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return {
      request: `${method} ${path.slice(0, 400)}${body === undefined ? '' : ` ${body.slice(0, 400)}`}`,
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      headers: response.headers,
      text,
      json,
      logged: logged.slice(before),
    };
  }

  async function rowCounts() {
    const knex = db().knex;
    const [hotspots] = await knex('hotspots').count({ n: '*' });
    const [events] = await knex('hotspot_events').count({ n: '*' });
    return { hotspots: Number(hotspots?.n), events: Number(events?.n) };
  }

  /** What a write to one hotspot would change: its version, its updated_at, its history. */
  async function snapshot(id: string) {
    const knex = db().knex;
    const row = (await knex('hotspots')
      .where({ id })
      .first('version', 'status', knex.raw('updated_at::text AS updated_at'))) as Json;
    const [events] = await knex('hotspot_events').where({ hotspot_id: id }).count({ n: '*' });
    return { version: row?.version, status: row?.status, updated_at: row?.updated_at, events: Number(events?.n) };
  }

  /** Registers a hotspot through the API (registered a month ago) and returns its id. */
  async function createTarget(title: string): Promise<string> {
    const reply = await send('POST', '/api/hotspots', {
      json: {
        title,
        category: ref.categories[0],
        severity: 'medium',
        geometry: { type: 'Point', coordinates: [68.27, 43.3] },
        agency: ref.agencies[0],
        registered_on: plusDays(today(), -30),
        due_on: today(),
      },
    });
    expect(reply.status, describeReply(reply)).toBe(201);
    return reply.json.id as string;
  }

  /** The smallest body the API accepts, titled as given. */
  const aValidBody = (title: string) => ({
    title,
    category: ref.categories[0],
    severity: 'low',
    geometry: { type: 'Point', coordinates: [68.3, 43.3] },
    agency: ref.agencies[0],
    due_on: plusDays(today(), 30),
  });

  const listUrl = (path: string, pairs: QueryPairs) => `${path}${pairs.length ? `?${encodeQuery(pairs)}` : ''}`;
  /** The query as Express (node:querystring) will hand it to the contract. */
  const serverQuery = (path: string) => parseQueryString(new URL(`${app.url}${path}`).search.slice(1));

  beforeAll(async () => {
    await seedDemo(db().knex, SEED_TODAY);
    const prosecutor = await createAccount(db().knex, 'prosecutor');
    app = await startApp(db(), { logger, timeZone: 'UTC' }, { defaultToken: prosecutor.token });
    const categories = (await send('GET', '/api/categories')).json as { code: string; active: boolean }[];
    const agencies = (await send('GET', '/api/agencies')).json as { code: string; active: boolean }[];
    const areas = (await send('GET', '/api/areas')).json as { features: { id: number }[] };
    ref = {
      categories: categories.filter((c) => c.active).map((c) => c.code),
      agencies: agencies.filter((a) => a.active).map((a) => a.code),
      areaIds: areas.features.map((f) => f.id),
    };
    expect(ref.categories.length).toBeGreaterThan(0);
    expect(ref.agencies.length).toBeGreaterThan(0);
    expect(ref.areaIds.length).toBeGreaterThan(0);
  });
  afterAll(() => app.close());

  describe('GET /api/hotspots, /api/stats and /api/areas', () => {
    it('answers any mix of list parameters with a 200 FeatureCollection, or a 400 when the contract refuses them', async () => {
      await fc.assert(
        fc.asyncProperty(queryPairs(listValues(ref)), async (pairs) => {
          const path = listUrl('/api/hotspots', pairs);
          const reply = await send('GET', path);
          if (!contractAccepts(hotspotListQuery, serverQuery(path))) expectProblem(reply, 400);
          else if (succeededOrProblem(reply)) {
            expect(reply.status, describeReply(reply)).toBe(200);
            expect(reply.type).toMatch(/^application\/geo\+json/);
            expect(reply.json).toMatchObject({ type: 'FeatureCollection' });
            expect(reply.json.features).toHaveLength(reply.json.numberReturned);
          }
        }),
        { numRuns: 100 },
      );
    });

    it('answers any mix of statistics filters with 200 statistics, or a 400 when the contract refuses them', async () => {
      const values = filterValues(ref);
      const withListOnly = { ...values, sort: fc.constantFrom('title'), limit: fc.constantFrom('10') };
      await fc.assert(
        fc.asyncProperty(queryPairs(withListOnly), async (pairs) => {
          const path = listUrl('/api/stats', pairs);
          const reply = await send('GET', path);
          if (!contractAccepts(hotspotFilters, serverQuery(path))) expectProblem(reply, 400);
          else if (succeededOrProblem(reply)) {
            expect(reply.status).toBe(200);
            expect(reply.json.entered, describeReply(reply)).toBeTypeOf('number');
          }
        }),
        { numRuns: 80 },
      );
    });

    it('answers any mix of area parameters (simplify, level, parent, bbox) with 200 GeoJSON or a 400', async () => {
      await fc.assert(
        fc.asyncProperty(queryPairs(areaValues, 4), async (pairs) => {
          const path = listUrl('/api/areas', pairs);
          const reply = await send('GET', path);
          if (!contractAccepts(areaListQuery, serverQuery(path))) expectProblem(reply, 400);
          else if (succeededOrProblem(reply))
            expect(reply.json, describeReply(reply)).toMatchObject({ type: 'FeatureCollection' });
        }),
        { numRuns: 60 },
      );
    });

    it('answers GET /api/areas/{id} with the area, a 404 for an unknown one, or a 400 for what is not an area id', async () => {
      const areaId = fc
        .oneof(
          fc.constantFrom(...ref.areaIds.map(String)),
          fc.integer({ min: 1, max: 2 ** 31 - 1 }).map(String),
          numberText,
          hostileString.filter((id) => id !== '' && id !== '.' && id !== '..' && id.length < 2000),
          fc.constantFrom('0', '-1', '1.5', '2147483648', '99999999999999999999', '1e3', '0x10'),
        )
        .filter((id) => id !== ''); // "/api/areas/" is the list itself
      await fc.assert(
        fc.asyncProperty(areaId, async (id) => {
          const reply = await send('GET', `/api/areas/${percentEncode(id)}`);
          if (ref.areaIds.map(String).includes(id)) expect(reply.status, describeReply(reply)).toBe(200);
          else if (succeededOrProblem(reply)) expect(reply.json.id, describeReply(reply)).toBe(Number(id));
        }),
        { numRuns: RUNS },
      );
    });

    it('refuses a bbox that is not four in-range numbers with min below max, on every endpoint that takes one', async () => {
      await fc.assert(
        fc.asyncProperty(
          invalidBbox,
          fc.constantFrom('/api/hotspots', '/api/stats', '/api/areas'),
          async (bbox, path) => {
            const reply = await send('GET', `${path}?bbox=${percentEncode(bbox)}`);
            expectProblem(reply, 400);
            expect(blamed(reply), describeReply(reply)).toContain('bbox');
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('refuses a limit that is not a whole number from 1 to 1000', async () => {
      const badLimit = fc.oneof(
        fc.constantFrom('0', '1001', '-1', '1.5', 'abc', 'NaN', 'Infinity', '1e309', 'ten', '1,000'),
        fc
          .integer()
          .filter((n) => n < 1 || n > 1000)
          .map(String),
        fc
          .double({ min: 1, max: 1000, noNaN: true })
          .filter((n) => !Number.isInteger(n))
          .map(String),
      );
      await fc.assert(
        fc.asyncProperty(badLimit, async (limit) => {
          const reply = await send('GET', `/api/hotspots?limit=${percentEncode(limit)}`);
          expectProblem(reply, 400);
          expect(blamed(reply)).toEqual(['limit']);
          expect(reply.json.detail).toContain('limit');
        }),
        { numRuns: RUNS },
      );
    });

    it('refuses dates that are not calendar dates and periods that end before they start', async () => {
      const field = fc.constantFrom('registered_from', 'registered_to', 'resolved_from', 'resolved_to');
      await fc.assert(
        fc.asyncProperty(
          field,
          invalidDateText,
          fc.constantFrom('/api/hotspots', '/api/stats'),
          async (key, date, path) => {
            const reply = await send('GET', `${path}?${key}=${percentEncode(date)}`);
            expectProblem(reply, 400);
            expect(blamed(reply), describeReply(reply)).toContain(key);
          },
        ),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(
          validDate(),
          fc.integer({ min: 1, max: 3000 }),
          fc.constantFrom('registered', 'resolved'),
          async (to, days, kind) => {
            const from = plusDays(to, days);
            const reply = await send('GET', `/api/stats?${kind}_from=${from}&${kind}_to=${to}`);
            expectProblem(reply, 400);
            expect(blamed(reply)).toEqual([`${kind}_to`]);
          },
        ),
        { numRuns: 30 },
      );
    });

    it('refuses overdue other than true or false, an unknown sort, a blank or over-long q', async () => {
      const cases = fc.oneof(
        fc
          .oneof(hostileString, fc.constantFrom('TRUE', 'yes', '1', '0', 'on'))
          .filter((v) => v !== 'true' && v !== 'false')
          .map((v) => ['overdue', v] as const),
        fc
          .oneof(hostileString, fc.constantFrom('id', 'title desc', '--title', 'registered_on,title', '+title'))
          .filter((v) => !(HOTSPOT_SORTS as readonly string[]).includes(v))
          .map((v) => ['sort', v] as const),
        fc
          .oneof(
            fc.constantFrom('', ' ', '\t', 'x'.repeat(201), 'x'.repeat(10_000), 'ә'.repeat(201)),
            fc.string({ minLength: 201, maxLength: 2000 }),
          )
          .filter((v) => v.trim() === '' || v.trim().length > 200)
          .map((v) => ['q', v] as const),
      );
      await fc.assert(
        fc.asyncProperty(cases, async ([key, value]) => {
          const reply = await send('GET', `/api/hotspots?${key}=${percentEncode(value)}`);
          expectProblem(reply, 400);
          expect(blamed(reply), describeReply(reply)).toEqual([key]);
        }),
        { numRuns: RUNS },
      );
    });

    it('refuses list items that are not known statuses, severities, categories or agencies, naming the parameter', async () => {
      const known: Record<string, readonly string[]> = {
        status: STATUSES,
        severity: SEVERITIES,
        category: ref.categories,
        agency: ref.agencies,
      };
      const cases = fc
        .tuple(
          fc.constantFrom('status', 'severity', 'category', 'agency'),
          fc.array(fc.oneof(hostileString, kazakhText(), fc.constantFrom("' OR 1=1 --", 'RESOLVED')), {
            minLength: 1,
            maxLength: 4,
          }),
        )
        .filter(([key, items]) => {
          const parts = items.flatMap((item) => item.split(',')).map((part) => part.trim());
          return parts.some((part) => part !== '' && !known[key]!.includes(part));
        });
      await fc.assert(
        fc.asyncProperty(cases, fc.boolean(), async ([key, items], repeat) => {
          const query = repeat
            ? items.map((item) => `${key}=${percentEncode(item)}`).join('&')
            : `${key}=${percentEncode(items.join(','))}`;
          const reply = await send('GET', `/api/hotspots?${query}`);
          expectProblem(reply, 400);
          expect(reply.json.detail, describeReply(reply)).toContain(key);
        }),
        { numRuns: RUNS },
      );
    });

    it('refuses unknown parameters and repeated single-valued ones, naming them; accepts repeated list parameters', async () => {
      const known = [...Object.keys(listValues(ref))];
      await fc.assert(
        fc.asyncProperty(unknownKey(known), hostileString, async (key, value) => {
          const reply = await send('GET', `/api/hotspots?${percentEncode(key)}=${percentEncode(value)}`);
          expectProblem(reply, 400);
          expect(blamed(reply), describeReply(reply)).toContain(key);
        }),
        { numRuns: 40 },
      );
      const single: [string, string][] = [
        ['bbox', '68.2,43.25,68.35,43.35'],
        ['area', String(ref.areaIds[0])],
        ['registered_from', '2026-01-01'],
        ['overdue', 'true'],
        ['q', 'су'],
        ['sort', 'title'],
        ['limit', '5'],
      ];
      for (const [key, value] of single) {
        const reply = await send('GET', `/api/hotspots?${key}=${percentEncode(value)}&${key}=${percentEncode(value)}`);
        expectProblem(reply, 400);
        expect(blamed(reply)).toEqual([key]);
      }
      const repeatedList = await send('GET', '/api/hotspots?status=registered&status=resolved&severity=high');
      expect(repeatedList.status).toBe(200);
    });

    it('refuses a cursor it did not give out for this sort', async () => {
      const isOurShape = (cursor: string, sort: string) => {
        try {
          const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
          return Array.isArray(value) && value.length === 3 && value[0] === sort && typeof value[1] === 'string';
        } catch {
          return false;
        }
      };
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...HOTSPOT_SORTS), cursorText(), async (sort, cursor) => {
          // An empty cursor is no cursor: the first page.
          fc.pre(cursor !== '' && !isOurShape(cursor, sort) && cursor.length <= 500);
          const reply = await send('GET', `/api/hotspots?sort=${sort}&cursor=${percentEncode(cursor)}`);
          expectProblem(reply, 400);
          expect(blamed(reply), describeReply(reply)).toEqual(['cursor']);
        }),
        { numRuns: RUNS },
      );
    });
  });

  describe('GET /api/hotspots/{id}', () => {
    it('answers a well-formed unknown id with a 404 problem that names it', async () => {
      await fc.assert(
        fc.asyncProperty(fc.uuid(), fc.boolean(), async (uuid, upper) => {
          const id = upper ? uuid.toUpperCase() : uuid;
          const reply = await send('GET', `/api/hotspots/${id}`);
          expectProblem(reply, 404);
          expect(reply.json.detail).toContain(id);
        }),
        { numRuns: 40 },
      );
    });

    it('answers an id that is not a UUID with a 400 problem, on every route that takes one', async () => {
      const notUuid = fc
        .oneof(
          hostileString,
          fc.integer().map(String),
          fc.uuid().map((u) => `${u}x`),
          fc.uuid().map((u) => u.slice(1)),
        )
        .filter((id) => id !== '' && id !== '.' && id !== '..' && id.length < 2000);
      const route = fc.constantFrom(
        ['GET', ''],
        ['PATCH', ''],
        ['DELETE', ''],
        ['POST', '/transitions'],
        ['POST', '/comments'],
      );
      const before = await rowCounts();
      await fc.assert(
        fc.asyncProperty(notUuid, route, async (id, [method, suffix]) => {
          // A deletion says why, so it carries a body as the other writes do.
          const json =
            method === 'GET'
              ? undefined
              : method === 'DELETE'
                ? { reason: 'duplicate' }
                : { note: 'x', to: 'in_progress', title: 'x' };
          const reply = await send(method, `/api/hotspots/${percentEncode(id)}${suffix}`, {
            json,
            headers: { 'If-Match': '"v1"' },
          });
          expectProblem(reply, 400);
        }),
        { numRuns: RUNS },
      );
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe('POST /api/hotspots', () => {
    it('registers any valid hotspot with a 201 and exactly one new row and one history event', async () => {
      await fc.assert(
        fc.asyncProperty(validCreateBody({ ...ref, today: today() }), async (body) => {
          const before = await rowCounts();
          const reply = await send('POST', '/api/hotspots', { json: body });
          expect(reply.status, describeReply(reply)).toBe(201);
          expect(reply.headers.get('location')).toBe(`/api/hotspots/${reply.json.id}`);
          expect(reply.json.properties).toMatchObject({
            title: body.title.trim(),
            category: body.category,
            severity: body.severity,
            status: 'registered',
          });
          expect(reply.json.geometry.type).toBe(body.geometry.type);
          expect(await rowCounts()).toEqual({ hotspots: before.hotspots + 1, events: before.events + 1 });
        }),
        { numRuns: 40 },
      );
    });

    it('answers random JSON, hostile fields and mutated valid bodies with 201 or a 4xx (400 when the contract refuses), writing one row or none', async () => {
      const bodies = fc.oneof(randomJson, hostileFields(ref), mutatedCreateBody({ ...ref, today: today() }));
      await fc.assert(
        fc.asyncProperty(bodies, fc.option(actorHeader, { nil: undefined }), async (value, actor) => {
          const before = await rowCounts();
          const reply = await send('POST', '/api/hotspots', {
            json: value,
            headers: actor === undefined ? {} : { 'X-Oshaq-Actor': actor },
          });
          if (!contractAccepts(hotspotRegistration, asSent(value))) expectProblem(reply, 400);
          if (succeededOrProblem(reply)) {
            expect(reply.status).toBe(201);
            expect(await rowCounts()).toEqual({ hotspots: before.hotspots + 1, events: before.events + 1 });
          } else expect(await rowCounts()).toEqual(before);
        }),
        { numRuns: 100 },
      );
    });

    it('refuses hostile geometries with a 400 that says what is wrong, and writes nothing', async () => {
      const base = { ...aValidBody('Геометрия'), geometry: undefined };
      await fc.assert(
        fc.asyncProperty(hostileGeometry, async ({ geometry, mentions }) => {
          const before = await rowCounts();
          const body = { ...base, geometry };
          const reply = await send('POST', '/api/hotspots', { json: body });
          expectProblem(reply, 400);
          // Nested deeper than any request needs: refused by name before it is parsed (issue 12).
          if (nesting(body) > MAX_JSON_DEPTH) {
            expect(reply.json, describeReply(reply)).toMatchObject({ code: 'body_too_deep', limit: MAX_JSON_DEPTH });
            expect(await rowCounts()).toEqual(before);
            return;
          }
          expect(
            blamed(reply).some((field) => field.startsWith('geometry')),
            describeReply(reply),
          ).toBe(true);
          if (mentions) expect(reply.json.detail).toMatch(mentions);
          expect(await rowCounts()).toEqual(before);
        }),
        { numRuns: 80 },
      );
    });

    it('refuses malformed JSON text with a 400 and writes nothing', async () => {
      await fc.assert(
        fc.asyncProperty(malformedJsonText, async (text) => {
          const before = await rowCounts();
          const reply = await send('POST', '/api/hotspots', {
            body: text,
            headers: { 'Content-Type': 'application/json' },
          });
          expectProblem(reply, 400);
          expect(await rowCounts()).toEqual(before);
        }),
        { numRuns: RUNS },
      );
    });

    it('refuses a body that is not application/json with a 415 and writes nothing', async () => {
      const valid = aValidBody('Тип');
      const contentType = fc.oneof(
        fc.constantFrom(
          'text/plain',
          'text/plain;charset=UTF-8',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/geo+json',
          'application/merge-patch+json',
          'application/octet-stream',
          'text/json',
          'application/json; charset=latin1',
        ),
        fc.stringMatching(/^[a-z]{1,10}\/[a-z0-9.+-]{1,20}$/).filter((type) => type !== 'application/json'),
      );
      const before = await rowCounts();
      await fc.assert(
        fc.asyncProperty(
          contentType,
          fc.constantFrom('/api/hotspots', '/api/hotspots/00000000-0000-4000-8000-000000000000/comments'),
          async (type, path) => {
            const reply = await send('POST', path, { body: JSON.stringify(valid), headers: { 'Content-Type': type } });
            expectProblem(reply, 415);
          },
        ),
        { numRuns: 40 },
      );
      expect(await rowCounts()).toEqual(before);
    });

    it('refuses a body over 2 MB with a 413 and writes nothing', async () => {
      const before = await rowCounts();
      const valid = aValidBody('Үлкен');
      for (const size of [2 * 1024 * 1024 + 1, 3_000_000]) {
        const reply = await send('POST', '/api/hotspots', { json: { ...valid, description: 'ә'.repeat(size / 2) } });
        expectProblem(reply, 413);
      }
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe('PATCH /api/hotspots/{id}', () => {
    let id: string;
    beforeAll(async () => {
      id = await createTarget('Өзгертілетін ошақ');
    });

    it('asks for If-Match (428), refuses a garbage one (400) and a stale one (412 with the current version), changing nothing', async () => {
      const before = await snapshot(id);
      const counts = await rowCounts();
      const missing = await send('PATCH', `/api/hotspots/${id}`, { json: { title: 'Жаңа атау' } });
      expectProblem(missing, 428);
      await fc.assert(
        fc.asyncProperty(garbageIfMatch, async (ifMatch) => {
          const reply = await send('PATCH', `/api/hotspots/${id}`, {
            json: { title: 'Жаңа атау' },
            headers: { 'If-Match': ifMatch },
          });
          expectProblem(reply, 400);
          expect(blamed(reply)).toEqual(['If-Match']);
        }),
        { numRuns: 40 },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 999_999_999 }).filter((v) => v !== before.version),
          fc.boolean(),
          async (version, weak) => {
            const reply = await send('PATCH', `/api/hotspots/${id}`, {
              json: { title: 'Жаңа атау' },
              headers: { 'If-Match': `${weak ? 'W/' : ''}"v${version}"` },
            });
            expectProblem(reply, 412);
            expect(reply.json.current, describeReply(reply)).toMatchObject({
              id,
              properties: { version: before.version },
            });
          },
        ),
        { numRuns: 30 },
      );
      expect(await snapshot(id)).toEqual(before);
      expect(await rowCounts()).toEqual(counts);
    });

    it('answers random bodies with 400 when the contract refuses them, and leaves the row unchanged on any refusal', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(randomJson, hostileFields(ref), patchBody({ ...ref, today: today() })),
          async (value) => {
            const before = await snapshot(id);
            const counts = await rowCounts();
            const reply = await send('PATCH', `/api/hotspots/${id}`, {
              json: value,
              headers: { 'If-Match': `"v${before.version}"` },
            });
            if (!contractAccepts(hotspotPatch, asSent(value))) expectProblem(reply, 400);
            if (succeededOrProblem(reply)) {
              expect(reply.status).toBe(200);
              expect([before.version, before.version + 1]).toContain(reply.json.properties.version);
            } else {
              expect(await snapshot(id)).toEqual(before);
              expect(await rowCounts()).toEqual(counts);
            }
          },
        ),
        { numRuns: 100 },
      );
    });
  });

  describe('POST /api/hotspots/{id}/transitions and /comments', () => {
    let id: string;
    beforeAll(async () => {
      id = await createTarget('Жұмыс барысы');
    });

    it('answers transition bodies the contract refuses with a 400 and adds no event', async () => {
      const refused = transitionLike.filter((value) => !contractAccepts(transitionRequest, asSent(value)));
      await fc.assert(
        fc.asyncProperty(refused, async (value) => {
          const before = await snapshot(id);
          const counts = await rowCounts();
          const reply = await send('POST', `/api/hotspots/${id}/transitions`, { json: value });
          expectProblem(reply, 400);
          expect(await snapshot(id)).toEqual(before);
          expect(await rowCounts()).toEqual(counts);
        }),
        { numRuns: 80 },
      );
    });

    it('refuses transitions the workflow forbids (409) or whose note or date is wrong (400), adding no event', async () => {
      const registeredOn = plusDays(today(), -30);
      const note = fc.oneof(
        kazakhText(),
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && !s.includes('\u0000')),
      );
      const blankNote = fc.constantFrom(undefined, '', ' ', '\t\n ');
      const cases = fc.oneof(
        note.map((n) => ({ expected: 409, body: { to: 'resolved', note: n } })),
        blankNote.map((n) => ({ expected: 400, body: { to: 'dismissed', note: n } })),
        fc
          .integer({ min: 1, max: 3000 })
          .map((d) => ({ expected: 400, body: { to: 'in_progress', on: plusDays(today(), d) } })),
        fc
          .integer({ min: 1, max: 3000 })
          .map((d) => ({ expected: 400, body: { to: 'in_progress', on: plusDays(registeredOn, -d) } })),
        garbageIfMatch.map((ifMatch) => ({ expected: 400, body: { to: 'in_progress' }, ifMatch })),
        fc
          .integer({ min: 2, max: 999 })
          .map((v) => ({ expected: 412, body: { to: 'in_progress' }, ifMatch: `"v${v}"` })),
      );
      await fc.assert(
        fc.asyncProperty(
          cases,
          async ({ expected, body, ifMatch }: { expected: number; body: object; ifMatch?: string }) => {
            const before = await snapshot(id);
            const counts = await rowCounts();
            const reply = await send('POST', `/api/hotspots/${id}/transitions`, {
              json: body,
              headers: ifMatch ? { 'If-Match': ifMatch } : {},
            });
            expectProblem(reply, expected);
            expect(before.status).toBe('registered');
            expect(await snapshot(id)).toEqual(before);
            expect(await rowCounts()).toEqual(counts);
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('answers comment bodies with 400 when the contract refuses them (no event), and adds exactly one event otherwise', async () => {
      await fc.assert(
        fc.asyncProperty(commentLike, async (value) => {
          const before = await snapshot(id);
          const counts = await rowCounts();
          const reply = await send('POST', `/api/hotspots/${id}/comments`, { json: value });
          if (!contractAccepts(commentRequest, asSent(value))) expectProblem(reply, 400);
          if (succeededOrProblem(reply)) {
            expect(reply.status).toBe(201);
            expect(await rowCounts()).toEqual({ hotspots: counts.hotspots, events: counts.events + 1 });
            expect((await snapshot(id)).version).toBe(before.version + 1);
          } else {
            expect(await snapshot(id)).toEqual(before);
            expect(await rowCounts()).toEqual(counts);
          }
        }),
        { numRuns: 80 },
      );
    });

    it('adds no event for a write to a well-formed id that does not exist (404)', async () => {
      const before = await rowCounts();
      await fc.assert(
        fc.asyncProperty(fc.uuid(), fc.constantFrom('/transitions', '/comments', ''), async (unknownId, suffix) => {
          const method = suffix ? 'POST' : 'PATCH';
          const reply = await send(method, `/api/hotspots/${unknownId}${suffix}`, {
            json: suffix === '/comments' ? { note: 'Есеп' } : suffix ? { to: 'in_progress' } : { title: 'Жоқ' },
            headers: { 'If-Match': '"v1"' },
          });
          expectProblem(reply, 404);
        }),
        { numRuns: 30 },
      );
      expect(await rowCounts()).toEqual(before);
    });

    it('follows the workflow: no registered → resolved, no resolving without a note, reopening a resolved one works', async () => {
      const flow = await createTarget('Жұмыс тәртібі');
      const events = async () => (await snapshot(flow)).events;
      const start = await events();
      const post = (body: object) => send('POST', `/api/hotspots/${flow}/transitions`, { json: body });

      const skip = await post({ to: 'resolved', note: 'Шешілді' });
      expectProblem(skip, 409);
      expect(skip.json.detail).toMatch(/registered.*in_progress/);
      expect(await events()).toBe(start);

      expect((await post({ to: 'in_progress' })).status).toBe(200);
      for (const note of [undefined, '', '   ']) {
        const noNote = await post(note === undefined ? { to: 'resolved' } : { to: 'resolved', note });
        expectProblem(noNote, 400);
        expect(blamed(noNote)).toEqual(['note']);
      }
      expect(await events()).toBe(start + 1);

      const resolved = await post({ to: 'resolved', note: 'Су құбыры жөнделді' });
      expect(resolved.status).toBe(200);
      expect(resolved.json.properties).toMatchObject({
        status: 'resolved',
        resolved_on: today(),
        resolution_note: 'Су құбыры жөнделді',
      });

      const reopened = await post({ to: 'in_progress', note: 'Қайтадан ағып жатыр' });
      expect(reopened.status, describeReply(reopened)).toBe(200);
      expect(reopened.json.properties).toMatchObject({
        status: 'in_progress',
        resolved_on: null,
        resolution_note: null,
      });
      expect(await events()).toBe(start + 3);
    });
  });

  // Each of these pins down a bug the properties found, with the smallest input; they fail until it is fixed.
  describe('bugs found by the properties', () => {
    it('refuses a NUL character in search text and in a cursor with a 400, not a 500', async () => {
      const cursor = Buffer.from(
        JSON.stringify(['-registered_on', 'a\u0000', '00000000-0000-4000-8000-000000000000']),
      ).toString('base64url');
      for (const path of ['/api/hotspots?q=a%00b', '/api/stats?q=%00', `/api/hotspots?cursor=${cursor}`]) {
        expectProblem(await send('GET', path), 400);
      }
    });

    it('refuses a NUL character in any text a write would store with a 400, and writes nothing', async () => {
      const id = await createTarget('NUL нысаны');
      const { version } = await snapshot(id);
      const valid = aValidBody('Ошақ');
      const before = await rowCounts();
      const writes: [string, string, object, Record<string, string>?][] = [
        ['POST', '/api/hotspots', { ...valid, title: 'a\u0000b' }],
        ['POST', '/api/hotspots', { ...valid, description: '\u0000' }],
        ['POST', '/api/hotspots', { ...valid, source: 'x\u0000' }],
        ['POST', '/api/hotspots', { ...valid, external_ref: 'ref\u0000' }],
        ['PATCH', `/api/hotspots/${id}`, { title: 'a\u0000b' }, { 'If-Match': `"v${version}"` }],
        ['POST', `/api/hotspots/${id}/comments`, { note: 'a\u0000b' }],
        ['POST', `/api/hotspots/${id}/transitions`, { to: 'dismissed', note: '\u0000' }],
      ];
      const answers = [];
      for (const [method, path, json, headers] of writes) answers.push(await send(method, path, { json, headers }));
      expect(await rowCounts()).toEqual(before);
      expect((await snapshot(id)).version).toBe(version);
      for (const reply of answers) expectProblem(reply, 400);
    });

    it('stores or refuses a position with a height (lon, lat, z), which the contract allows, but never answers 500', async () => {
      const base = aValidBody('Биіктік');
      const ring3d = [
        [68.3, 43.3, 1],
        [68.31, 43.3, 1],
        [68.31, 43.31, 1],
        [68.3, 43.3, 1],
      ];
      for (const geometry of [
        { type: 'Point', coordinates: [68.3, 43.3, 120] },
        { type: 'Polygon', coordinates: [ring3d] },
        { type: 'Polygon', coordinates: [ring3d.map(([x, y], i) => (i % 2 ? [x, y] : [x, y, 5]))] },
      ]) {
        const before = await rowCounts();
        const reply = await send('POST', '/api/hotspots', { json: { ...base, geometry } });
        if (succeededOrProblem(reply))
          expect(await rowCounts()).toEqual({ hotspots: before.hotspots + 1, events: before.events + 1 });
        else expect(await rowCounts()).toEqual(before);
      }
      const id = await createTarget('Биіктік өзгерісі');
      const beforePatch = await snapshot(id);
      const patch = await send('PATCH', `/api/hotspots/${id}`, {
        json: { geometry: { type: 'Point', coordinates: [68.3, 43.3, 120] } },
        headers: { 'If-Match': `"v${beforePatch.version}"` },
      });
      if (!succeededOrProblem(patch)) expect(await snapshot(id)).toEqual(beforePatch);
    });

    it('ignores a forged X-Oshaq-Actor header: the signed-in account is recorded, never a 500', async () => {
      const valid = aValidBody('Кім?');
      for (const actor of ['%', '100%', '%E0%A4%A', '%ZZ']) {
        const reply = await send('POST', '/api/hotspots', { json: valid, headers: { 'X-Oshaq-Actor': actor } });
        if (succeededOrProblem(reply))
          expect(reply.json.properties.created_by, describeReply(reply)).toMatch(/^Test prosecutor \(/);
      }
    });

    it('refuses with a 400 naming the cursor a forged cursor whose value PostgreSQL cannot read (a time zone, a day not in the calendar)', async () => {
      const uuid = '00000000-0000-4000-8000-000000000000';
      const forged = (tuple: string[]) => Buffer.from(JSON.stringify(tuple)).toString('base64url');
      expectProblem(
        await send(
          'GET',
          `/api/hotspots?sort=updated_at&cursor=${forged(['updated_at', '2026-01-01 00:00 Mars/Olympus', uuid])}`,
        ),
        400,
      );
      expectProblem(
        await send('GET', `/api/hotspots?cursor=${forged(['-registered_on', '2026-01-01 abc', uuid])}`),
        400,
      );
      // Days that match the pattern but not the calendar are the cursor's fault, not "a value".
      for (const [sort, value] of [
        ['-registered_on', '2026-02-30'],
        ['due_on', '2026-13-01'],
        ['updated_at', '2026-02-30 10:00:00+00'],
      ]) {
        const reply = await send('GET', `/api/hotspots?sort=${sort}&cursor=${forged([sort!, value!, uuid])}`);
        expectProblem(reply, 400);
        expect(blamed(reply)).toEqual(['cursor']);
      }
    });

    it('refuses ids and page sizes that are not plain digits or pass PostgreSQL integer, naming the parameter', async () => {
      const cases: [string, string][] = [
        ['/api/hotspots?area=99999999999', 'area'],
        ['/api/stats?area=99999999999', 'area'],
        ['/api/hotspots/clusters?bbox=68,43,69,44&zoom=8&area=99999999999', 'area'],
        ['/api/hotspots?area=0x10', 'area'],
        ['/api/hotspots?area=', 'area'],
        ['/api/hotspots?limit=0x10', 'limit'],
        ['/api/hotspots?limit=%201', 'limit'],
        ['/api/areas/99999999999', 'id'],
        ['/api/audit?user=99999999999', 'user'],
      ];
      for (const [path, field] of cases) {
        const reply = await send('GET', path);
        expectProblem(reply, 400);
        expect(blamed(reply), path).toEqual([field]);
      }
    });

    it('refuses a bbox with empty or non-decimal parts instead of reading them as numbers', async () => {
      for (const bbox of [',,1,1', '68.2,,68.35,43.35', ' ,43.25,68.35,43.35', '0x44,43,0x45,44']) {
        const reply = await send('GET', `/api/hotspots?bbox=${percentEncode(bbox)}`);
        expectProblem(reply, 400);
        expect(blamed(reply)).toEqual(['bbox']);
      }
    });

    it('says a field sent with the wrong type is wrong, not that it is missing', async () => {
      const valid = aValidBody('Түр');
      const before = await rowCounts();
      const reply = await send('POST', '/api/hotspots', { json: { ...valid, title: 5, confidential: 'yes' } });
      expectProblem(reply, 400);
      const messages = (reply.json.errors as { field: string; message: string }[]).filter((e) =>
        ['title', 'confidential'].includes(e.field),
      );
      expect(messages).toHaveLength(2);
      for (const { message } of messages) expect(message, describeReply(reply)).not.toBe('is required');
      expect(await rowCounts()).toEqual(before);
    });
  });
});
