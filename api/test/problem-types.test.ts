import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { FIELD_CODES, PROBLEM_CODES, PROBLEM_TYPES, problemType, type ProblemKind } from '../src/contract/problems.js';
import type { AnyRouteSpec, RouteTable } from '../src/http/route-table.js';
import { createAccount, TEST_PASSWORD, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

/*
 * Issue 13, "Kazakh everywhere, by construction": every problem answers with a `type` URI naming its
 * kind (never about:blank), and every field at fault with a code the web words and the values it
 * names. The English detail stays, for API users.
 */

const point = { type: 'Point', coordinates: [68.26, 43.3] };
const hotspot = (title: string) => ({
  ...{ title, category: 'utilities', severity: 'medium', geometry: point },
  ...{ agency: 'housing_utilities', due_on: '2099-06-30' },
});

describeOnEachDatabase('problem types and field codes', (db) => {
  let app: RunningApp;
  let admin: TestAccount;
  let viewer: TestAccount;
  let routes: AnyRouteSpec[];
  const call = (...args: Parameters<ReturnType<typeof api>>) => api(app.url, admin.token)(...args);
  const raw = (method: string, path: string, body: string, headers: Record<string, string>) =>
    fetch(`${app.url}${path}`, { method, body, headers: { Authorization: `Bearer ${admin.token}`, ...headers } }).then(
      async (response) => ({ status: response.status, body: (await response.json()) as Json }),
    );

  beforeAll(async () => {
    admin = await createAccount(db().knex, 'admin');
    viewer = await createAccount(db().knex, 'viewer');
    app = await startApp(db());
    routes = (app.express.locals.routeTable as RouteTable).routes;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers each kind of problem with the type URI of its kind', async () => {
    const created = await call('POST', '/api/hotspots', hotspot(`Тип ${randomUUID().slice(0, 8)}`));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const key = { 'Idempotency-Key': `types-${randomUUID()}` };
    const json = { 'Content-Type': 'application/json' };
    const cases: [ProblemKind, number, () => Promise<{ status: number; body: Json }>][] = [
      ['invalid-request', 400, () => call('GET', '/api/hotspots?limit=0')],
      ['malformed-json', 400, () => raw('POST', '/api/hotspots', '{"title":', json)],
      ['body-too-deep', 400, () => raw('POST', '/api/hotspots', `${'['.repeat(200)}${']'.repeat(200)}`, json)],
      ['unauthorized', 401, () => api(app.url)('GET', '/api/users')],
      ['forbidden', 403, () => api(app.url, viewer.token)('GET', '/api/users')],
      ['not-found', 404, () => call('GET', `/api/hotspots/${randomUUID()}`)],
      ['not-found', 404, () => call('GET', '/api/no-such-thing')],
      [
        'conflict',
        409,
        () =>
          call('POST', '/api/users', {
            login: admin.login,
            full_name: 'Екінші',
            role: 'viewer',
            password: TEST_PASSWORD,
          }),
      ],
      ['stale', 412, () => call('PATCH', `/api/hotspots/${id}`, { title: 'Ескі нұсқа' }, { 'If-Match': '"v99"' })],
      ['body-too-large', 413, () => raw('POST', '/api/session', `{"login":"${'a'.repeat(20_000)}"}`, json)],
      ['unsupported-media-type', 415, () => raw('POST', '/api/hotspots', 'title=x', { 'Content-Type': 'text/plain' })],
      [
        'idempotency-key-reused',
        422,
        async () => {
          await call('POST', '/api/hotspots', hotspot('Бірінші кілт'), key);
          return call('POST', '/api/hotspots', hotspot('Басқа дене'), key);
        },
      ],
      [
        'import-refused',
        422,
        () =>
          raw(
            'POST',
            '/api/imports',
            'external_ref,title,category,severity,lon,lat\nt-1,Тақырып,utilities,extreme,68.2,43.3\n',
            {
              'Content-Type': 'text/csv',
            },
          ),
      ],
    ];
    for (const [kind, status, send] of cases) {
      const reply = await send();
      expect({ kind, status: reply.status, type: reply.body?.type }).toEqual({ kind, status, type: problemType(kind) });
      expect(typeof reply.body.detail).toBe('string');
    }
  });

  it('names a field at fault with a code and the values it names, zod’s rules and the services’ alike', async () => {
    const checks: [string, () => Promise<{ status: number; body: Json }>, Json][] = [
      [
        'a number under its minimum',
        () => call('GET', '/api/hotspots?limit=0'),
        { field: 'limit', code: 'too_small', params: { min: 1 } },
      ],
      [
        'an unknown parameter',
        () => call('GET', '/api/hotspots?colour=red'),
        { field: 'colour', code: 'unknown_parameter' },
      ],
      [
        'a value not among the options',
        () => call('GET', '/api/hotspots?severity=extreme'),
        { field: 'severity.0', code: 'not_one_of', params: { values: 'low, medium, high, critical' } },
      ],
      [
        'a refinement of the contract (its code in params)',
        () => call('GET', '/api/hotspots?registered_from=2026-05-01&registered_to=2026-04-01'),
        { field: 'registered_to', code: 'end_before_start', params: { start: 'registered_from' } },
      ],
      [
        'a bbox that is not four numbers',
        () => call('GET', '/api/hotspots?bbox=1,2'),
        { field: 'bbox', code: 'not_a_bbox' },
      ],
      [
        'a string over its length',
        () => call('POST', '/api/hotspots', hotspot('ә'.repeat(301))),
        { field: 'title', code: 'too_long', params: { max: 300 } },
      ],
      [
        'a missing field',
        () => call('POST', '/api/hotspots', { ...hotspot('Орны жоқ'), geometry: undefined }),
        { field: 'geometry', code: 'required' },
      ],
      [
        'a service’s rule on dates',
        () =>
          call('POST', '/api/hotspots', {
            ...hotspot('Мерзімі ерте'),
            registered_on: '2026-01-10',
            due_on: '2026-01-01',
          }),
        { field: 'due_on', code: 'due_before_registered' },
      ],
      [
        'a service’s lookup of a code',
        () => call('POST', '/api/hotspots', { ...hotspot('Белгісіз санат'), category: 'no_such_category' }),
        { field: 'category', code: 'unknown_code', params: { code: 'no_such_category' } },
      ],
      [
        'a NUL character',
        () => call('POST', '/api/hotspots', hotspot('a\u0000b')),
        { field: 'title', code: 'nul_character' },
      ],
    ];
    for (const [what, send, expected] of checks) {
      const reply = await send();
      expect({ what, status: reply.status, type: reply.body.type }).toEqual({
        what,
        status: 400,
        type: problemType('invalid-request'),
      });
      expect({ what, errors: reply.body.errors }).toEqual({
        what,
        errors: expect.arrayContaining([expect.objectContaining({ ...expected, message: expect.any(String) })]),
      });
    }
  });

  it('gives every field of a 400 a listed code, on every route that takes a query or a body', async () => {
    const concrete = (path: string) =>
      path
        .replace(':id', path.startsWith('/hotspots') ? randomUUID() : '999999')
        .replace(':itemId', '999999')
        .replace(/:(agency|code|collectionId|featureId)/, 'no_such_code');
    const seen = new Set<string>();
    let refused = 0;
    for (const route of routes.filter((r) => r.query || r.body)) {
      const path = `/api${concrete(route.path)}`;
      const reply = route.query
        ? await call('GET' === route.method.toUpperCase() ? 'GET' : route.method.toUpperCase(), `${path}?zz_unknown=1`)
        : await call(route.method.toUpperCase(), path, { zz_unknown: [1] }, { 'If-Match': '*' });
      if (reply.status !== 400) continue;
      refused++;
      expect({ path, type: reply.body.type }).toEqual({ path, type: problemType('invalid-request') });
      for (const error of reply.body.errors ?? []) {
        expect({ path, field: error.field, known: error.code in FIELD_CODES }).toEqual({
          path,
          field: error.field,
          known: true,
        });
        seen.add(error.code);
      }
    }
    // The walk reached the routes (most refuse the unknown field or parameter, by code).
    expect(refused).toBeGreaterThan(routes.length / 3);
    expect([...seen]).toEqual(expect.arrayContaining(['unknown_parameter', 'unknown_field']));
  });

  it('documents every type URI and field code in the OpenAPI document', async () => {
    const document = (await call('GET', '/api/openapi.json')).body;
    const schemas = document.components.schemas;
    expect(schemas.Problem.properties.type.enum).toEqual(PROBLEM_TYPES);
    expect(schemas.FieldProblem.properties.code.enum).toEqual(Object.keys(FIELD_CODES));
    expect(schemas.Problem.properties.code.enum).toEqual(Object.keys(PROBLEM_CODES));
  });
});
