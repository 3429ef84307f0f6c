import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import type { AnyRouteSpec, RouteTable } from '../src/http/route-table.js';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { api } from './http.js';
import { startApp, type RunningApp } from './support.js';

const TODAY = '2026-11-23';
type Role = 'viewer' | 'akimat' | 'prosecutor' | 'admin';
const ROLES: Role[] = ['viewer', 'akimat', 'prosecutor', 'admin'];
const SEES_CONFIDENTIAL = new Set<Role>(['prosecutor', 'admin']);

/** Queries without which a route answers 400: a real question for each, so its 200 is what is checked. */
const NEEDED: Record<string, string> = {
  '/hotspots/clusters': 'bbox=46,40,88,56&zoom=6',
  '/discipline': 'from=2026-01-01&to=2026-12-31',
  '/discipline.xlsx': 'from=2026-01-01&to=2026-12-31',
  '/summary/year': 'year=2026',
};

/**
 * GETs that may be kept, and why. Everything else must be `no-store`: details, meetings, the
 * audit, users, sessions and tokens, tasks, downloads — and every error.
 */
function expectedCacheControl(route: AnyRouteSpec, role: Role, status: number): string {
  if (route.path === '/config') return 'no-cache'; // the public client configuration: nothing personal
  if (route.cache && status === 200) return SEES_CONFIDENTIAL.has(role) ? 'private, no-store' : 'private, no-cache';
  return 'no-store';
}

const gets = (table: RouteTable) => table.routes.filter((route) => route.method === 'get');

/** The keys of a route's query schema (a strict zod object, possibly refined). */
function queryKeys(route: AnyRouteSpec): string[] {
  const shape = (route.query as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

describeOnEachDatabase('Cache-Control and If-None-Match on every GET of the route table', (db) => {
  let app: RunningApp;
  let who: Record<Role, TestAccount>;
  let table: RouteTable;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const knex = db().knex;
    await seedDemo(knex, TODAY);
    who = await createRoleAccounts(knex);
    app = await startApp(db(), { timeZone: 'UTC' });
    table = app.express.locals.routeTable as RouteTable;
    const call = api(app.url, who.prosecutor.token);
    const hotspot = await knex('hotspots').whereNull('deleted_at').where('confidential', false).first('id');
    const meeting = await call('POST', '/api/meetings', {
      ...{ held_on: TODAY, kind: 'interagency_prosecutor', title: 'Кеңес', chair: 'Прокурор' },
      agencies: ['housing_utilities'],
      agenda: [{ hotspot_id: hotspot.id }],
    });
    const instruction = await call('POST', `/api/meetings/${meeting.body.id}/instructions`, {
      ...{ text: 'Тексеру', due_on: '2026-12-31', agencies: ['housing_utilities'] },
      hotspot_id: hotspot.id,
    });
    expect(instruction.status).toBe(201);
    const area = await knex('areas').first('id');
    Object.assign(ids, {
      '/hotspots/:id': hotspot.id,
      '/hotspots/:id/meetings': hotspot.id,
      '/meetings/:id': String(meeting.body.id),
      '/instructions/:id': String(instruction.body.id),
      '/areas/:id': String(area.id),
    });
  });
  afterAll(() => app?.close());

  const pathOf = (route: AnyRouteSpec, id?: string) => {
    const path = `/api${route.path.replace(':id', id ?? ids[route.path] ?? '')}`;
    const query = NEEDED[route.path];
    return query ? `${path}?${query}` : path;
  };
  const get = (role: Role | undefined, path: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, {
      headers: { ...(role ? { Authorization: `Bearer ${who[role].token}` } : {}), ...headers },
    }).then(async (response) => {
      await response.arrayBuffer();
      return response;
    });

  it('marks each GET answer, for each role, no-store unless it is a cached read without confidential hotspots', async () => {
    const failures: string[] = [];
    let ok = 0;
    for (const route of gets(table)) {
      for (const role of ROLES) {
        const response = await get(role, pathOf(route));
        if (response.status === 200) ok += 1;
        const expected = expectedCacheControl(route, role, response.status);
        const got = response.headers.get('cache-control') ?? '';
        // Downloads say `private, no-store`: as good as `no-store`.
        const same = expected === 'no-store' ? got.split(/,\s*/).includes('no-store') : got === expected;
        if (!same) failures.push(`GET ${route.path} as ${role} (${response.status}): ${got}, not ${expected}`);
      }
    }
    expect(failures).toEqual([]);
    // Mostly real answers, not refusals: the rule is checked where it matters.
    expect(ok).toBeGreaterThan(gets(table).length * 2);
  });

  it('marks answers about confidential hotspots no-store for those who see them', async () => {
    const secret = await db().knex('hotspots').where('confidential', true).whereNull('deleted_at').first('id');
    for (const role of ['prosecutor', 'admin'] as const) {
      const detail = await get(role, `/api/hotspots/${secret.id}`);
      expect(detail.status).toBe(200);
      expect(detail.headers.get('cache-control')).toBe('no-store');
      const list = await get(role, '/api/hotspots?limit=1000');
      expect(list.headers.get('cache-control')).toBe('private, no-store');
    }
    expect((await get(undefined, '/api/hotspots')).headers.get('cache-control')).toBe('no-store');
  });

  it('answers If-None-Match: * to an unknown id with 404 and to bad parameters with 400, never 304', async () => {
    const failures: string[] = [];
    const expectStatus = async (path: string, status: number) => {
      for (const role of ['viewer', 'admin'] as const) {
        for (let i = 0; i < 2; i++) {
          // Twice: the second time the read cache may hold an answer for the same data.
          const response = await get(role, path, { 'If-None-Match': '*' });
          if (role === 'viewer' && response.status === 403) continue; // a route viewers may not call at all
          if (response.status !== status) failures.push(`GET ${path} as ${role}: ${response.status}, not ${status}`);
        }
      }
    };
    for (const route of gets(table)) {
      if (route.path.includes(':id')) {
        const unknown = route.path.startsWith('/hotspots') ? randomUUID() : '999999';
        await expectStatus(pathOf(route, unknown), 404);
        await expectStatus(pathOf(route, 'no-such-id'), 400);
      }
      if (route.query) {
        const base = pathOf(route);
        const join = base.includes('?') ? '&' : '?';
        await expectStatus(`${base}${join}no_such_parameter=1`, 400);
        // Codes are checked by the route itself, after the read cache has been asked.
        if (queryKeys(route).includes('category')) await expectStatus(`${base}${join}category=no_such_code`, 400);
        if (queryKeys(route).includes('cursor')) await expectStatus(`${base}${join}cursor=bm90LWEtY3Vyc29y`, 400);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers If-None-Match: * with 304 when the cached read exists, and a tag it gave out with 304', async () => {
    const first = await get('viewer', '/api/categories');
    expect(first.status).toBe(200);
    expect((await get('viewer', '/api/categories', { 'If-None-Match': '*' })).status).toBe(304);
    const etag = first.headers.get('etag') as string;
    expect((await get('viewer', '/api/categories', { 'If-None-Match': etag })).status).toBe(304);
    const area = await get('viewer', `/api/areas/${ids['/areas/:id']}`, { 'If-None-Match': '*' });
    expect(area.status).toBe(304);
  });
});
