import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import type { AnyRouteSpec, RouteTable } from '../src/http/route-table.js';
import { todayIn } from '../src/time.js';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { api } from './http.js';
import { startApp, type RunningApp } from './support.js';

type Role = 'viewer' | 'akimat' | 'prosecutor';
const OWN = 'housing_utilities'; // the akimat account's agency
const OTHER = 'police';
const PLACE = [68.2611, 43.3011];

/** Queries without which a route answers 400, over the days the test's records fall in. */
function needed(today: string, from: string): Record<string, string> {
  return {
    '/hotspots/clusters': 'bbox=46,40,88,56&zoom=6',
    '/discipline': `from=${from}&to=${today}`,
    '/discipline.xlsx': `from=${from}&to=${today}`,
    '/summary/year': `year=${today.slice(0, 4)}`,
  };
}

/** The keys of a route's query schema (a strict zod object, possibly refined). */
function queryKeys(route: AnyRouteSpec): string[] {
  const shape = (route.query as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** An answer as text; a workbook as the text of all its cells (its XML is compressed). */
async function textOf(response: Response): Promise<string> {
  const body = Buffer.from(await response.arrayBuffer());
  if (!(response.headers.get('content-type') ?? '').includes('spreadsheetml')) return body.toString('utf8');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  return cells.join('\n');
}

/*
 * Whatever a viewer or akimat staff asks, a confidential hotspot's id, reference, title and
 * description appear in no answer: every GET of the route table and of OGC API – Features, with
 * the questions that would single it out (its id as a filter, its title as search text, a cluster
 * around it alone). The same walk as prosecutor finds it, so the check can see what it looks for.
 */
describeOnEachDatabase('confidential hotspots in every GET answer', (db) => {
  let app: RunningApp;
  let who: Record<Role, TestAccount>;
  let table: RouteTable;
  const marker = `Құпия-${randomUUID().slice(0, 8)}`;
  const secret = { id: '', reference: '', title: `${marker} топ`, description: `${marker} сипаттама` };
  const ids: Record<string, string> = {};
  let NEEDED: Record<string, string> = {};
  let meetingId = 0;
  let instructionId = 0;

  beforeAll(async () => {
    const knex = db().knex;
    await seedDemo(knex, todayIn('UTC'));
    who = await createRoleAccounts(knex);
    app = await startApp(db(), { timeZone: 'UTC' });
    table = app.express.locals.routeTable as RouteTable;
    const today = todayIn('UTC');
    const day = (offset: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    NEEDED = needed(today, day(-60));
    const call = api(app.url, who.prosecutor.token);
    const created = await call('POST', '/api/hotspots', {
      ...{ title: secret.title, description: secret.description, category: 'utilities', severity: 'high' },
      ...{ geometry: { type: 'Point', coordinates: PLACE }, agency: OWN, registered_on: day(-20), confidential: true },
      due_on: day(10),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    Object.assign(secret, { id: created.body.id, reference: created.body.properties.reference });
    const open = await knex('hotspots').whereNull('deleted_at').where('confidential', false).first('id');
    const meeting = await call('POST', '/api/meetings', {
      ...{ held_on: day(-10), kind: 'interagency_prosecutor', title: 'Кеңес', chair: 'Прокурор' },
      ...{ agencies: [OWN, OTHER], agenda: [{ hotspot_id: open.id }, { hotspot_id: secret.id }] },
    });
    meetingId = meeting.body.id;
    // Overdue, so the discipline report lists it too; the akimat account's agency has a part of it.
    const instruction = await call('POST', `/api/meetings/${meetingId}/instructions`, {
      ...{ text: 'Жағдайды тексеру', due_on: day(-5), agencies: [OWN, OTHER], hotspot_id: secret.id },
    });
    expect(instruction.status, JSON.stringify(instruction.body)).toBe(201);
    instructionId = instruction.body.id;
    const area = await knex('areas').first('id');
    Object.assign(ids, {
      '/hotspots/:id': secret.id,
      '/hotspots/:id/meetings': secret.id,
      '/meetings/:id': String(meetingId),
      '/instructions/:id': String(instructionId),
      '/areas/:id': String(area.id),
    });
  });
  afterAll(() => app?.close());

  /** Every GET path to ask: each route of the table with the questions its query allows, and OGC. */
  function paths(): string[] {
    const [lon, lat] = PLACE as [number, number];
    const around = `bbox=${lon - 0.001},${lat - 0.001},${lon + 0.001},${lat + 0.001}`;
    const asked: string[] = [];
    for (const route of table.routes.filter((candidate) => candidate.method === 'get')) {
      const path = `/api${route.path.replace(':id', ids[route.path] ?? '')}`;
      const base = NEEDED[route.path];
      const keys = queryKeys(route);
      const questions = [
        keys.includes('hotspot') ? `hotspot=${secret.id}` : undefined,
        keys.includes('q') ? `q=${encodeURIComponent(marker)}` : undefined,
        keys.includes('limit') ? 'limit=1000' : undefined,
        keys.includes('mine') ? 'mine=true' : undefined,
        keys.includes('meeting') ? `meeting=${meetingId}` : undefined,
        keys.includes('bbox') ? `${around}${keys.includes('zoom') ? '&zoom=18' : ''}` : undefined,
      ];
      // A bbox question replaces the clusters' required one; the others add to it.
      const withBase = (query: string) => (base && !query.startsWith('bbox') ? `${base}&${query}` : query);
      asked.push(path);
      if (base) asked.push(`${path}?${base}`);
      for (const query of questions) if (query) asked.push(`${path}?${withBase(query)}`);
    }
    const items = '/ogc/collections/hotspots/items';
    asked.push('/ogc/collections', '/ogc/collections/hotspots', `${items}?limit=1000`, `${items}?${around}`);
    asked.push(`${items}/${secret.id}`);
    return [...new Set(asked)];
  }

  /**
   * The paths whose answer to this role names the confidential hotspot, and what of it. An answer
   * to a question that names its id (or searches for its title) may say the id (or the words) back,
   * if it says exactly what it says to an id (or words) that name nothing: then not even the
   * hotspot's existence shows.
   */
  async function leaks(role: Role): Promise<string[]> {
    const reference = new RegExp(`(?<![\\d-])${secret.reference}(?!\\d)`);
    const ask = async (path: string) => {
      const response = await fetch(`${app.url}${path}`, { headers: { Authorization: `Bearer ${who[role].token}` } });
      return { status: response.status, text: await textOf(response) };
    };
    const found: string[] = [];
    for (const path of paths()) {
      const { status, text } = await ask(path);
      let id = text.includes(secret.id);
      if (id && path.includes(secret.id)) {
        const nobody = randomUUID();
        const unknown = await ask(path.replaceAll(secret.id, nobody));
        id = unknown.status !== status || unknown.text.replaceAll(nobody, secret.id) !== text;
      }
      // Likewise a question that searches for its title may say the search back (an export's caption).
      let words = text.includes(marker);
      const asked = encodeURIComponent(marker);
      if (words && path.includes(asked)) {
        const other = `${marker.slice(0, -8)}${randomUUID().slice(0, 8)}`;
        const unknown = await ask(path.replaceAll(asked, encodeURIComponent(other)));
        words = unknown.status !== status || unknown.text.replaceAll(other, marker) !== text;
      }
      const named = [
        id ? 'id' : '',
        reference.test(text) ? 'reference' : '',
        words ? 'title or description' : '',
      ].filter(Boolean);
      if (named.length) found.push(`${path} (${status}): ${named.join(', ')}`);
    }
    return found;
  }

  it('never names it to viewers or akimat staff, whatever they ask', async () => {
    expect(await leaks('viewer')).toEqual([]);
    expect(await leaks('akimat')).toEqual([]);
  });

  it('shows akimat staff their own agency’s part of an instruction about it, naming no hotspot', async () => {
    const mine = await api(app.url, who.akimat.token)('GET', '/api/instructions?mine=true&limit=1000');
    const part = (mine.body.items as { instruction_id: number; agency: string; hotspot: unknown }[]).find(
      (item) => item.instruction_id === instructionId,
    );
    expect(part).toMatchObject({ agency: OWN, hotspot: null });
  });

  it('finds it in the answers to the prosecutor’s office, so the walk sees what it looks for', async () => {
    const seen = (await leaks('prosecutor')).map((line) => line.split(/[?( ]/)[0]);
    for (const path of [
      '/api/hotspots',
      `/api/hotspots/${secret.id}`,
      '/api/hotspots/clusters',
      '/api/hotspots/export.csv',
      '/api/hotspots/export.geojson',
      '/api/hotspots/export.xlsx',
      `/api/meetings/${meetingId}`,
      '/api/instructions',
      `/api/instructions/${instructionId}`,
      '/api/discipline',
      '/api/discipline.xlsx',
      '/ogc/collections/hotspots/items',
      `/ogc/collections/hotspots/items/${secret.id}`,
    ]) {
      expect(seen, path).toContain(path);
    }
  });
});
