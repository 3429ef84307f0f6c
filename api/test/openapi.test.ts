import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@oshaq/db';
import { freshDatabase } from '@oshaq/db/testing';
import type { RouteTable } from '../src/http/route-table.js';
import { startApp, type RunningApp } from './support.js';

describe('the OpenAPI document', () => {
  let db: Database;
  let app: RunningApp;
  let document: { openapi: string; paths: Record<string, Record<string, unknown>> };
  let table: RouteTable;
  beforeAll(async () => {
    db = await freshDatabase('embedded');
    app = await startApp(db);
    table = app.express.locals.routeTable as RouteTable;
    document = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as typeof document;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('is valid OpenAPI 3.1', async () => {
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('covers every route in the route table, with its method', () => {
    expect(table.routes.length).toBeGreaterThan(5);
    for (const route of table.routes) {
      const path = `/api${route.path}`.replace(/:(\w+)/g, '{$1}');
      expect(document.paths[path], path).toBeDefined();
      expect(document.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
  });
});
