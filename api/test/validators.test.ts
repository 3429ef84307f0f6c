import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { importPlaces, seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import type { AnyRouteSpec, RouteTable } from '../src/http/route-table.js';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

/**
 * A validator covers everything in its body (issue 13): for every GET of the route table that
 * sends an ETag or is served from the read cache, every write that changes its body changes the
 * ETag, so a browser revalidating with If-None-Match never gets a 304 for a page that moved on.
 * Coverage is by construction: a GET that sends an ETag and has no scenario below fails the test.
 */

const TODAY = '2026-11-23';
const AGENCY = 'housing_utilities';

interface Ids {
  hotspot: string;
  meeting: number;
  instruction: number;
  /** Another, for GET /instructions/:id's own scenario. */
  ownInstruction: number;
  area: string;
  /** The query of GET /hotspots/nearby at the hotspot's place, for its category. */
  near: string;
  /** The first category's and agency's codes, for their own GETs. */
  category: string;
  agency: string;
}
type Call = ReturnType<typeof api>;
interface Write {
  name: string;
  /** Brings the data to where the write can happen (not measured): e.g. a report before accepting it. */
  prepare?: (call: Call, ids: Ids) => Promise<unknown>;
  run: (call: Call, ids: Ids) => Promise<{ status: number }>;
}
interface Scenario {
  url: (ids: Ids) => string;
  writes: Write[];
}

const ANY = { 'If-Match': '*' };
let counter = 0;
const fresh = (what: string) => `${what} ${++counter}`;

async function lastAgendaItem(call: Call, ids: Ids): Promise<Json> {
  const meeting = await call('GET', `/api/meetings/${ids.meeting}`);
  return meeting.body.agenda.at(-1);
}
const addTopic = (call: Call, ids: Ids) =>
  call('POST', `/api/meetings/${ids.meeting}/agenda`, { topic: fresh('Тақырып') });
const giveInstruction = (call: Call, ids: Ids) =>
  call('POST', `/api/meetings/${ids.meeting}/instructions`, {
    ...{ text: fresh('Тексеру'), due_on: '2026-12-31', agencies: [AGENCY] },
    hotspot_id: ids.hotspot,
  });
/** The writes on the agency's part of an instruction; accepting ends it, so each scenario has its own. */
function partWrites(instruction: (ids: Ids) => number): Write[] {
  const part = (ids: Ids, action: string) => `/api/instructions/${instruction(ids)}/assignments/${AGENCY}/${action}`;
  const report = (call: Call, ids: Ids) => call('POST', part(ids, 'report'), { report: fresh('Орындалды') });
  return [
    { name: 'report on a part', run: report },
    {
      name: 'return a report',
      run: (call, ids) => call('POST', part(ids, 'return'), { note: fresh('Толықтырыңыз') }),
    },
    { name: 'accept a report', prepare: report, run: (call, ids) => call('POST', part(ids, 'accept'), {}) },
  ];
}
const editHotspot = (call: Call, ids: Ids) =>
  call('PATCH', `/api/hotspots/${ids.hotspot}`, { title: fresh('Орын') }, ANY);
const transition = async (call: Call, ids: Ids) => {
  const current = await call('GET', `/api/hotspots/${ids.hotspot}`);
  const to = current.body.properties.status === 'in_progress' ? 'resolved' : 'in_progress';
  return call('POST', `/api/hotspots/${ids.hotspot}/transitions`, { to, note: fresh('Жабылды') });
};
const comment = (call: Call, ids: Ids) =>
  call('POST', `/api/hotspots/${ids.hotspot}/comments`, { note: fresh('Пікір') });

const STATUS_CHANGE: Write = { name: 'change its status', run: transition };
const HOTSPOT_WRITES: Write[] = [{ name: 'edit the hotspot', run: editHotspot }, STATUS_CHANGE];

/** Populated places come from the importer (no API write): each run adds one in the demo city. */
const PLACE_NAME = 'Сынақауыл';
let placesKnex: Knex | undefined;
let placeId = 900_000_000;
const PLACE_IMPORT: Write = {
  name: 'import a populated place',
  run: async () => {
    const name = `${PLACE_NAME} ${placeId}`;
    await importPlaces(
      placesKnex!,
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { name, place: 'village', osm_type: 'nodes', osm_id: placeId++ },
            geometry: { type: 'Point', coordinates: [68.28, 43.3] },
          },
        ],
      },
      { source: 'test', licence: '© OpenStreetMap contributors, ODbL 1.0' },
    );
    return { status: 200 };
  },
};

/** Each GET that sends a validator: where to ask it, and the writes that change its body. */
const SCENARIOS: Record<string, Scenario> = {
  '/meetings/:id': {
    url: (ids) => `/api/meetings/${ids.meeting}`,
    writes: [
      {
        name: 'edit the meeting',
        run: (call, ids) => call('PATCH', `/api/meetings/${ids.meeting}`, { chair: fresh('Төраға') }, ANY),
      },
      { name: 'add an agenda item', run: addTopic },
      {
        name: 'edit an agenda item',
        run: async (call, ids) =>
          call(
            'PATCH',
            `/api/meetings/${ids.meeting}/agenda/${(await lastAgendaItem(call, ids)).id}`,
            { notes: fresh('Ескерту') },
            ANY,
          ),
      },
      {
        name: 'reorder the agenda',
        prepare: addTopic,
        run: async (call, ids) =>
          call(
            'PATCH',
            `/api/meetings/${ids.meeting}/agenda/${(await lastAgendaItem(call, ids)).id}`,
            { position: 1 },
            ANY,
          ),
      },
      {
        name: 'delete an agenda item',
        prepare: addTopic,
        run: async (call, ids) =>
          call('DELETE', `/api/meetings/${ids.meeting}/agenda/${(await lastAgendaItem(call, ids)).id}`, undefined, ANY),
      },
      { name: 'give an instruction', run: giveInstruction },
      {
        name: 'edit an instruction',
        run: (call, ids) => call('PATCH', `/api/instructions/${ids.instruction}`, { text: fresh('Жаңа мәтін') }, ANY),
      },
      {
        name: 'delete an instruction',
        prepare: giveInstruction,
        run: async (call, ids) => {
          const meeting = await call('GET', `/api/meetings/${ids.meeting}`);
          return call('DELETE', `/api/instructions/${meeting.body.instructions.at(-1).id}`, undefined, ANY);
        },
      },
      ...partWrites((ids) => ids.instruction),
      // The agenda and the instructions show the hotspot's title and status.
      ...HOTSPOT_WRITES,
    ],
  },
  '/instructions/:id': {
    url: (ids) => `/api/instructions/${ids.ownInstruction}`,
    writes: [
      {
        name: 'edit the instruction',
        run: (call, ids) =>
          call('PATCH', `/api/instructions/${ids.ownInstruction}`, { due_on: '2027-01-1' + (counter++ % 9) }, ANY),
      },
      ...partWrites((ids) => ids.ownInstruction),
      ...HOTSPOT_WRITES,
    ],
  },
  '/hotspots/:id': {
    url: (ids) => `/api/hotspots/${ids.hotspot}`,
    writes: [...HOTSPOT_WRITES, { name: 'comment on it', run: comment }],
  },
  '/hotspots': { url: () => '/api/hotspots?limit=1000', writes: HOTSPOT_WRITES },
  '/hotspots/nearby': { url: (ids) => `/api/hotspots/nearby?${ids.near}`, writes: HOTSPOT_WRITES },
  '/hotspots/clusters': { url: () => '/api/hotspots/clusters?bbox=46,40,88,56&zoom=6', writes: [STATUS_CHANGE] },
  '/stats': { url: () => '/api/stats', writes: [STATUS_CHANGE] },
  '/categories': {
    url: () => '/api/categories',
    writes: [{ name: 'rename a category', run: async (call) => renameFirst(call, 'categories') }],
  },
  '/agencies': {
    url: () => '/api/agencies',
    writes: [{ name: 'rename an agency', run: async (call) => renameFirst(call, 'agencies') }],
  },
  '/categories/:code': {
    url: (ids) => `/api/categories/${ids.category}`,
    writes: [{ name: 'rename it', run: async (call) => renameFirst(call, 'categories') }],
  },
  '/agencies/:code': {
    url: (ids) => `/api/agencies/${ids.agency}`,
    writes: [{ name: 'rename it', run: async (call) => renameFirst(call, 'agencies') }],
  },
  '/places': { url: () => `/api/places?q=${encodeURIComponent(PLACE_NAME)}`, writes: [PLACE_IMPORT] },
  '/settlements': { url: () => '/api/settlements?bbox=68.2,43.2,68.4,43.4', writes: [PLACE_IMPORT] },
  '/areas': {
    url: () => '/api/areas?bbox=51.9,51.7,52.4,52.3',
    writes: [{ name: 'import a boundary', run: importArea }],
  },
  '/areas/:id': {
    url: (ids) => `/api/areas/${ids.area}`,
    writes: [{ name: 'import it again, renamed', run: importArea }],
  },
};

async function renameFirst(call: Call, kind: 'categories' | 'agencies') {
  const list = await call('GET', `/api/${kind}`);
  return call('PATCH', `/api/${kind}/${list.body[0].code}`, { name_en: fresh('Renamed') }, ANY);
}

/** A district far from the seeded city, imported (or re-imported under a new name) by code. */
let importToken = '';
let appUrl = '';
async function importArea(): Promise<{ status: number }> {
  const square = [
    [
      [52, 52],
      [52.1, 52],
      [52.1, 52.1],
      [52, 52.1],
      [52, 52],
    ],
  ];
  const name = fresh('Сынақ');
  const body = JSON.stringify({
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { KOD: 'T-VAL', NAME_RU: name, NAME_KK: name },
        geometry: { type: 'Polygon', coordinates: square },
      },
    ],
  });
  const response = await fetch(`${appUrl}/api/areas/imports?level=district&code=KOD&name_ru=NAME_RU&name_kk=NAME_KK`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/geo+json', Authorization: `Bearer ${importToken}` },
    body,
  });
  await response.arrayBuffer();
  return { status: response.status };
}

describeOnEachDatabase('every write that changes a GET answer changes its validator', (db) => {
  let app: RunningApp;
  let who: Record<'viewer' | 'akimat' | 'prosecutor' | 'admin', TestAccount>;
  let table: RouteTable;
  const ids = {} as Ids;

  beforeAll(async () => {
    const knex = db().knex;
    placesKnex = knex;
    await seedDemo(knex, TODAY);
    who = await createRoleAccounts(knex);
    app = await startApp(db(), { timeZone: 'UTC' });
    table = app.express.locals.routeTable as RouteTable;
    appUrl = app.url;
    importToken = who.admin.token;
    const call = api(app.url, who.admin.token);
    const hotspot = await knex('hotspots').whereNull('deleted_at').where('confidential', false).first('id');
    const meeting = await call('POST', '/api/meetings', {
      ...{ held_on: TODAY, kind: 'interagency_prosecutor', title: 'Кеңес', chair: 'Прокурор' },
      ...{ agencies: [AGENCY], agenda: [{ hotspot_id: hotspot.id }, { topic: 'Жалпы' }] },
    });
    expect(meeting.status).toBe(201);
    Object.assign(ids, { hotspot: hotspot.id, meeting: meeting.body.id });
    ids.category = (await call('GET', '/api/categories')).body[0].code;
    ids.agency = (await call('GET', '/api/agencies')).body[0].code;
    const { rows: places } = await knex.raw(
      `SELECT c.code, ST_X(ST_PointOnSurface(h.geom)) AS lon, ST_Y(ST_PointOnSurface(h.geom)) AS lat
       FROM hotspots h JOIN categories c ON c.id = h.category_id WHERE h.id = ?`,
      [hotspot.id],
    );
    ids.near = `category=${places[0].code}&lon=${places[0].lon}&lat=${places[0].lat}`;
    const instruction = await giveInstruction(call, ids);
    expect(instruction.status).toBe(201);
    const own = await giveInstruction(call, ids);
    expect((await importArea()).status).toBeLessThan(300);
    const area = await knex('areas').where('code', 'T-VAL').first('id');
    Object.assign(ids, { instruction: instruction.body.id, ownInstruction: own.body.id, area: String(area.id) });
  });
  afterAll(() => app?.close());

  const read = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}${path}`, {
      headers: { Authorization: `Bearer ${who.admin.token}`, ...headers },
    });
    return { status: response.status, etag: response.headers.get('etag'), body: await response.text() };
  };
  /** A stand-in URL for a GET without a scenario, to see whether it sends a validator. */
  const probe = (route: AnyRouteSpec) =>
    `/api${route.path.replace(':id', ids.hotspot).replace(':code', route.path.startsWith('/agencies') ? ids.agency : ids.category)}`;

  it('has a scenario for every GET that sends an ETag or is served from the read cache', async () => {
    const missing: string[] = [];
    for (const route of table.routes.filter((r) => r.method === 'get')) {
      if (SCENARIOS[route.path]) continue;
      const answer = await read(probe(route));
      // Express's own weak ETag is a hash of the body it sends, so it moves with the body by construction.
      const strong = answer.etag !== null && !answer.etag.startsWith('W/');
      if (route.cache || strong) missing.push(`GET ${route.path}`);
    }
    expect(missing).toEqual([]);
    // And every scenario names a GET of the table, so none outlives its route.
    const paths = new Set(table.routes.filter((r) => r.method === 'get').map((r) => r.path));
    expect(Object.keys(SCENARIOS).filter((path) => !paths.has(path))).toEqual([]);
  });

  it('moves the ETag of each such GET with every write that changes its body', async () => {
    const call = api(app.url, who.admin.token);
    const failures: string[] = [];
    for (const [path, scenario] of Object.entries(SCENARIOS)) {
      for (const write of scenario.writes) {
        const what = `GET ${path} after "${write.name}"`;
        if (write.prepare) await write.prepare(call, ids);
        const url = scenario.url(ids);
        const before = await read(url);
        if (before.status !== 200 || !before.etag) {
          failures.push(`${what}: first read ${before.status}, ETag ${before.etag}`);
          continue;
        }
        const done = await write.run(call, ids);
        if (done.status >= 300) {
          failures.push(`${what}: the write answered ${done.status}`);
          continue;
        }
        const after = await read(url);
        if (after.body === before.body) failures.push(`${what}: the body did not change (the scenario is wrong)`);
        if (after.etag === before.etag) failures.push(`${what}: ETag stayed ${before.etag}`);
        const revalidated = await read(url, { 'If-None-Match': before.etag });
        if (revalidated.status === 304) failures.push(`${what}: If-None-Match with the old ETag answered 304`);
      }
    }
    expect(failures).toEqual([]);
  });
});
