import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import type { RouteTable } from '../src/http/route-table.js';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { startApp, type RunningApp } from './support.js';

type Who = 'anonymous' | 'viewer' | 'akimat' | 'prosecutor' | 'admin';
const SIGNED_IN = ['viewer', 'akimat', 'prosecutor', 'admin'] as const;
const EDITORS = ['prosecutor', 'admin'] as const;

/**
 * Who may call each route: written here, independently of the routes' own rules, so that a
 * route added without a rule here — or a rule changed by accident — fails this test.
 */
const RULES: Record<string, readonly Who[] | 'public'> = {
  'POST /api/session': 'public',
  'GET /api/config': 'public',
  'GET /api/session': SIGNED_IN,
  'DELETE /api/session': SIGNED_IN,
  'PATCH /api/me': SIGNED_IN,
  'POST /api/me/password': SIGNED_IN,
  'POST /api/me/sessions/end-others': SIGNED_IN,
  'GET /api/me/tokens': SIGNED_IN,
  'POST /api/me/tokens': SIGNED_IN,
  'DELETE /api/me/tokens/:id': SIGNED_IN,
  'POST /api/me/tokens/:id/renew': SIGNED_IN,
  'GET /api/sign-in-locks': ['admin'],
  'DELETE /api/sign-in-locks/:id': ['admin'],
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/end-sessions': ['admin'],
  'POST /api/session/mfa': 'public',
  'GET /api/me/mfa': SIGNED_IN,
  'POST /api/me/mfa': SIGNED_IN,
  'POST /api/me/mfa/confirm': SIGNED_IN,
  'POST /api/me/mfa/recovery-codes': SIGNED_IN,
  'DELETE /api/me/mfa': SIGNED_IN,
  'GET /api/me/sessions': SIGNED_IN,
  'POST /api/users/:id/mfa/reset': ['admin'],
  'GET /api/audit': EDITORS,
  'GET /api/audit.csv': EDITORS,
  'GET /api/hotspots': SIGNED_IN,
  'GET /api/hotspots/clusters': SIGNED_IN,
  'GET /api/hotspots/nearby': EDITORS,
  'GET /api/hotspots/export.geojson': SIGNED_IN,
  'GET /api/hotspots/export.csv': SIGNED_IN,
  'GET /api/hotspots/export.xlsx': SIGNED_IN,
  'GET /api/hotspots/:id': SIGNED_IN,
  'POST /api/hotspots': EDITORS,
  'PATCH /api/hotspots/:id': EDITORS,
  'DELETE /api/hotspots/:id': EDITORS,
  'POST /api/hotspots/:id/restore': EDITORS,
  'POST /api/hotspots/:id/transitions': ['akimat', 'prosecutor', 'admin'],
  'POST /api/hotspots/:id/comments': ['akimat', 'prosecutor', 'admin'],
  'POST /api/imports': EDITORS,
  'GET /api/stats': SIGNED_IN,
  'GET /api/categories': SIGNED_IN,
  'GET /api/agencies': SIGNED_IN,
  'GET /api/categories/:code': SIGNED_IN,
  'GET /api/agencies/:code': SIGNED_IN,
  'GET /api/areas': SIGNED_IN,
  'GET /api/areas/:id': SIGNED_IN,
  'GET /api/places': SIGNED_IN,
  'GET /api/settlements': SIGNED_IN,
  'POST /api/areas/imports': ['admin'],
  'POST /api/categories': ['admin'],
  'PATCH /api/categories/:code': ['admin'],
  'POST /api/agencies': ['admin'],
  'PATCH /api/agencies/:code': ['admin'],
  'GET /api/meetings': SIGNED_IN,
  'GET /api/meetings/:id': SIGNED_IN,
  'POST /api/meetings': EDITORS,
  'PATCH /api/meetings/:id': EDITORS,
  'DELETE /api/meetings/:id': EDITORS,
  'POST /api/meetings/:id/agenda': EDITORS,
  'PATCH /api/meetings/:id/agenda/:itemId': EDITORS,
  'DELETE /api/meetings/:id/agenda/:itemId': EDITORS,
  'POST /api/meetings/:id/instructions': EDITORS,
  'GET /api/instructions': SIGNED_IN,
  'GET /api/instructions/:id': SIGNED_IN,
  'PATCH /api/instructions/:id': EDITORS,
  'DELETE /api/instructions/:id': EDITORS,
  'POST /api/instructions/:id/assignments/:agency/report': ['akimat', 'prosecutor', 'admin'],
  'POST /api/instructions/:id/assignments/:agency/accept': EDITORS,
  'POST /api/instructions/:id/assignments/:agency/return': EDITORS,
  'GET /api/discipline': SIGNED_IN,
  'GET /api/discipline.xlsx': SIGNED_IN,
  'GET /api/summary/year': SIGNED_IN,
  'GET /api/hotspots/:id/meetings': SIGNED_IN,
};

/** A concrete path for a route pattern: ids that exist nowhere, so nothing is changed. */
function concrete(path: string): string {
  return path.replace(':id', path.startsWith('/hotspots') ? randomUUID() : '999999').replace(':code', 'no_such_code');
}

describeOnEachDatabase('authorization matrix', (db) => {
  let app: RunningApp;
  let accounts: Record<Exclude<Who, 'anonymous'>, TestAccount>;
  let table: RouteTable;
  beforeAll(async () => {
    accounts = await createRoleAccounts(db().knex);
    app = await startApp(db());
    table = app.express.locals.routeTable as RouteTable;
  });
  afterAll(() => app.close());

  it('has a rule for every route in the route table', () => {
    const routes = table.routes.map((route) => `${route.method.toUpperCase()} /api${route.path}`);
    expect(routes.filter((route) => !(route in RULES))).toEqual([]);
  });

  it('answers every route × role as the rules say: 401 anonymous, 403 not allowed, neither when allowed', async () => {
    const failures: string[] = [];
    for (const route of table.routes) {
      const key = `${route.method.toUpperCase()} /api${route.path}`;
      const rule = RULES[key];
      if (!rule) continue;
      for (const who of ['anonymous', ...SIGNED_IN] as Who[]) {
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (who !== 'anonymous') headers.Authorization = `Bearer ${accounts[who].token}`;
        // Signing out or ending sessions with a token changes nothing; bodies are empty objects.
        const response = await fetch(`${app.url}/api${concrete(route.path)}`, {
          method: route.method.toUpperCase(),
          headers,
          body: ['get', 'delete'].includes(route.method) ? undefined : '{}',
        });
        const allowed = rule === 'public' || rule.includes(who);
        const expected = allowed ? 'neither 401 nor 403' : who === 'anonymous' ? '401' : '403';
        const ok = allowed ? ![401, 403].includes(response.status) : response.status === Number(expected);
        if (!ok) failures.push(`${key} as ${who}: got ${response.status}, expected ${expected}`);
        await response.arrayBuffer();
      }
    }
    expect(failures).toEqual([]);
  });
});
