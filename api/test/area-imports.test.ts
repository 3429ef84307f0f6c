import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase, sharedGeodataAvailable, sharedGeodataFile } from '@oshaq/db/testing';
import type { AreaImportResult } from '../src/contract/area-imports.js';
import { createRoleAccounts, type TestAccount } from './accounts.js';
import { api, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

/** Far from the seeded city, so the test's areas are the only ones there. */
const square = (lon: number, lat: number, size = 0.1) => [
  [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ],
];
/** Valid structure, self-intersecting: ST_MakeValid turns it into two triangles. */
const bowtie = (lon: number, lat: number) => [
  [
    [lon, lat],
    [lon + 0.1, lat + 0.1],
    [lon + 0.1, lat],
    [lon, lat + 0.1],
    [lon, lat],
  ],
];
/** All on one line: ST_MakeValid leaves no polygon, so it cannot be repaired. */
const sliver = (lon: number, lat: number) => [
  [
    [lon, lat],
    [lon + 0.1, lat + 0.1],
    [lon + 0.2, lat + 0.2],
    [lon, lat],
  ],
];
const feature = (properties: Record<string, unknown>, coordinates: unknown, type = 'Polygon') => ({
  type: 'Feature',
  properties,
  geometry: { type, coordinates },
});
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

const TWO_DISTRICTS = collection(
  feature({ KOD: 'T-NORTH', NAME_RU: 'Северный тестовый', NAME_KK: 'Солтүстік сынақ' }, square(52, 52)),
  feature({ KOD: 'T-SOUTH', NAME_RU: 'Южный тестовый', NAME_KK: 'Оңтүстік сынақ' }, square(52, 51.8)),
);
const QUERY = 'level=district&code=KOD&name_ru=NAME_RU&name_kk=NAME_KK';

describeOnEachDatabase('boundary import through the API (POST /api/areas/imports)', (db) => {
  let app: RunningApp;
  let accounts: Record<'viewer' | 'akimat' | 'prosecutor' | 'admin', TestAccount>;
  beforeAll(async () => {
    accounts = await createRoleAccounts(db().knex);
    app = await startApp(db());
  });
  afterAll(() => app.close());

  async function send(body: string, query: string, type = 'application/geo+json', token = accounts.admin.token) {
    const response = await fetch(`${app.url}/api/areas/imports?${query}`, {
      method: 'POST',
      headers: { 'Content-Type': type, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: JSON.parse(text) as Json,
    };
  }
  const admin = () => api(app.url, accounts.admin.token);
  /** The test's areas as GET /api/areas (the cached read) lists them, by code. */
  async function listedAreas(): Promise<Record<string, Json>> {
    const reply = await admin()('GET', '/api/areas?bbox=51.9,51.7,52.4,52.3');
    expect(reply.status).toBe(200);
    return Object.fromEntries(
      (reply.body.features as Json[])
        .filter((f) => String(f.properties.code).startsWith('T-'))
        .map((f) => [f.properties.code, f.properties]),
    );
  }
  const areaCount = async () => Number((await db().knex('areas').count({ n: '*' }))[0]?.n);
  const auditRows = () => db().knex('audit_log').where({ action: 'area.import' }).orderBy('id');

  it('checks a file in a dry run, counting what would be added, and writes nothing', async () => {
    const before = await areaCount();
    expect(await listedAreas()).toEqual({});
    const { status, body } = await send(TWO_DISTRICTS, `${QUERY}&dry_run=true`);
    expect(status).toBe(200);
    expect(body).toEqual({
      dry_run: true,
      features: 2,
      added: 2,
      updated: 0,
      repaired: [],
      repaired_total: 0,
      problems: [],
      problems_total: 0,
    } satisfies AreaImportResult);
    expect(await areaCount()).toBe(before);
    expect(await listedAreas()).toEqual({});
    expect(await auditRows()).toEqual([]);
  });

  it('imports the areas: the map lists them, a hotspot inside gets its area, and the import is audited', async () => {
    const created = await admin()('POST', '/api/hotspots', {
      title: 'Сынақ аумағындағы су дауы',
      category: 'utilities',
      severity: 'medium',
      geometry: { type: 'Point', coordinates: [52.05, 52.05] },
      agency: 'housing_utilities',
      due_on: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(created.status).toBe(201);
    expect(created.body.properties.area_id).toBeNull();
    const listedBefore = await listedAreas(); // cached now: the import must make it stale

    const { status, body } = await send(TWO_DISTRICTS, QUERY);
    expect(status).toBe(201);
    expect(body).toMatchObject({ dry_run: false, features: 2, added: 2, updated: 0, repaired: [], problems: [] });
    expect(body.hotspots_reassigned).toBeGreaterThanOrEqual(1);

    expect(listedBefore).toEqual({});
    const listed = await listedAreas();
    expect(Object.keys(listed).sort()).toEqual(['T-NORTH', 'T-SOUTH']);
    expect(listed['T-NORTH']).toMatchObject({ level: 'district', name_ru: 'Северный тестовый' });
    // No English name in the file: another language stands in rather than failing the file.
    expect(listed['T-NORTH'].name_en).toBe('Солтүстік сынақ');

    const hotspot = await admin()('GET', `/api/hotspots/${created.body.id}`);
    expect(hotspot.body.properties.area_id).toBe(listed['T-NORTH'].id);

    const audit = await auditRows();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      user_id: accounts.admin.id,
      entity: 'area',
      after: { source: `upload by ${accounts.admin.login}`, level: 'district', added: 2, updated: 0, repaired: 0 },
    });
    const stored = await db().knex('areas').where({ code: 'T-NORTH' }).first('source');
    expect(stored.source).toBe(`upload by ${accounts.admin.login}`);
  });

  it('updates areas whose code is stored, in a dry run and for real, and the map shows the new names', async () => {
    const renamed = collection(
      feature({ KOD: 'T-NORTH', NAME_RU: 'Северный (новый)' }, square(52, 52, 0.12)),
      feature({ KOD: 'T-SOUTH', NAME_RU: 'Южный (новый)' }, square(52, 51.8)),
    );
    const dry = await send(renamed, `${QUERY}&dry_run=true`);
    expect(dry.body).toMatchObject({ dry_run: true, added: 0, updated: 2, problems: [] });
    const before = await areaCount();
    const { status, body } = await send(renamed, `${QUERY}&source=${encodeURIComponent('Akimat GIS, 2026')}`);
    expect(status).toBe(201);
    expect(body).toMatchObject({ dry_run: false, features: 2, added: 0, updated: 2, problems: [] });
    expect(await areaCount()).toBe(before);
    const listed = await listedAreas();
    expect(listed['T-NORTH'].name_ru).toBe('Северный (новый)');
    expect(listed['T-SOUTH'].name_ru).toBe('Южный (новый)');
    const audit = await auditRows();
    expect(audit.at(-1).after).toMatchObject({ source: 'Akimat GIS, 2026', added: 0, updated: 2 });
  });

  it('repairs a self-intersecting polygon and says so, with the reason and the feature', async () => {
    const file = collection(
      feature({ KOD: 'T-EAST', name: 'Шығыс' }, square(52.2, 52)),
      feature({ KOD: 'T-BOWTIE', name: 'Көбелек' }, bowtie(52.2, 51.8)),
    );
    const { status, body } = await send(file, 'level=settlement&code=KOD', 'application/json');
    expect(status).toBe(201);
    expect(body).toMatchObject({ added: 2, updated: 0, problems: [] });
    expect(body.repaired).toEqual([
      {
        ...{ feature: 1, field: 'geometry', code: 'polygon_repaired', params: { reason: expect.any(String) } },
        message: expect.stringMatching(/^Self-intersection/),
      },
    ]);
    const listed = await listedAreas();
    expect(listed['T-BOWTIE']).toMatchObject({ level: 'settlement', name_kk: 'Көбелек' });
    expect((await auditRows()).at(-1).after).toMatchObject({ level: 'settlement', repaired: 1 });
  });

  it('refuses a file with broken features with 422, naming each, and writes nothing; a dry run lists the same', async () => {
    const file = collection(
      feature({ KOD: 'T-FINE', name: 'Жақсы' }, square(52.3, 52.1)),
      feature({ KOD: 'T-LINE', name: 'Сызық' }, sliver(52.3, 51.8)),
      feature({ KOD: 'T-OPEN', name: 'Ашық' }, [
        [
          [52, 51.7],
          [52.1, 51.7],
          [52.1, 51.8],
          [52, 51.8],
        ],
      ]),
      feature({ KOD: 'T-POINT', name: 'Нүкте' }, [52, 51.7], 'Point'),
      feature({ KOD: 'T-NONAME' }, square(52.3, 51.9)),
      feature({ name: 'Кодсыз' }, square(52.3, 52.2)),
      'not a feature',
    );
    const before = { areas: await areaCount(), audit: (await auditRows()).length };
    const dry = await send(file, 'level=district&code=KOD&dry_run=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dry_run: true, features: 7, added: 0, updated: 0 });

    const { status, type, body } = await send(file, 'level=district&code=KOD');
    expect(status).toBe(422);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.title).toBe('Import refused');
    expect(body.detail).toMatch(/^6 of 7 feature\(s\) have problems/);
    expect(body.problems).toEqual(dry.body.problems);
    const byFeature = (index: number) => (body.problems as Json[]).filter((p) => p.feature === index);
    expect(byFeature(0)).toEqual([]);
    // Each with a code the web words, and the values it names (PostGIS's reason stays English, for API users).
    expect(byFeature(1)).toEqual([
      {
        ...{ feature: 1, field: 'geometry', code: 'invalid_polygon', params: { reason: expect.any(String) } },
        message: expect.stringMatching(/^invalid and not repairable/),
      },
    ]);
    expect(byFeature(2)[0]).toMatchObject({ message: expect.stringMatching(/not closed/) });
    expect(byFeature(3)[0]).toMatchObject({
      field: 'geometry.type',
      message: expect.stringMatching(/Polygon or MultiPolygon/),
    });
    // The API's words, not the command line's flags.
    expect(byFeature(4)[0]).toMatchObject({
      code: 'name_missing',
      message: expect.stringMatching(/name_kk, name_ru or name_en/),
    });
    expect(byFeature(5)[0]).toMatchObject({
      ...{ field: 'properties.KOD', code: 'code_property_missing', params: { property: 'KOD' } },
      message: expect.stringMatching(/"KOD"/),
    });
    expect(byFeature(6)).toEqual([
      { feature: 6, code: 'not_a_feature', message: 'must be a GeoJSON Feature, not a string' },
    ]);

    expect(await areaCount()).toBe(before.areas);
    expect((await auditRows()).length).toBe(before.audit);
    expect(await listedAreas()).not.toHaveProperty('T-FINE');
  });

  it('imports a polygon whose positions carry a height, keeping longitude and latitude', async () => {
    const withHeight = square(52.35, 52.2, 0.01).map((ring) => ring.map(([lon, lat]) => [lon, lat, 250]));
    const { status, body } = await send(
      collection(feature({ KOD: 'T-HIGH', name: 'Биік' }, withHeight)),
      'level=settlement&code=KOD',
    );
    expect(status, JSON.stringify(body)).toBe(201);
    const stored = await db().knex('areas').where({ code: 'T-HIGH' }).first(db().knex.raw('ST_NDims(geom) AS dims'));
    expect(stored.dims).toBe(2);
  });

  it('refuses a repeated code within the file', async () => {
    const file = collection(
      feature({ KOD: 'T-TWICE', name: 'Бір' }, square(52, 52)),
      feature({ KOD: 'T-TWICE', name: 'Екі' }, square(52, 51.8)),
    );
    const { status, body } = await send(file, 'level=district&code=KOD');
    expect(status).toBe(422);
    expect(body.problems).toEqual([
      {
        ...{ feature: 1, field: 'code', code: 'code_repeated', params: { code: 'T-TWICE', feature: 0 } },
        message: 'code T-TWICE repeats feature 0',
      },
    ]);
  });

  it('lets only administrators import: 403 for every other role, 401 without credentials', async () => {
    for (const role of ['viewer', 'akimat', 'prosecutor'] as const) {
      const { status, type } = await send(TWO_DISTRICTS, QUERY, 'application/geo+json', accounts[role].token);
      expect(status, role).toBe(403);
      expect(type).toMatch(/^application\/problem\+json/);
    }
    expect((await send(TWO_DISTRICTS, QUERY, 'application/geo+json', '')).status).toBe(401);
  });

  it('refuses CSV with 415 saying boundaries come as GeoJSON, and other types too', async () => {
    const csv = await send('code,name,wkt\nT-CSV,Csv,"POLYGON((52 52,52.1 52,52.1 52.1,52 52))"\n', QUERY, 'text/csv');
    expect(csv.status).toBe(415);
    expect(csv.type).toMatch(/^application\/problem\+json/);
    expect(csv.body.detail).toMatch(/Boundaries come as GeoJSON, not CSV/);
    for (const type of ['application/xml', 'text/plain', 'application/geo+json; charset=windows-1251']) {
      expect((await send(TWO_DISTRICTS, QUERY, type)).status, type).toBe(415);
    }
  });

  it('answers 400 for what is not a FeatureCollection, an empty file and a bad query', async () => {
    const cases: [string, string, RegExp][] = [
      ['', QUERY, /empty/i],
      ['{"type": "Feature"', QUERY, /not valid JSON/],
      [JSON.stringify({ type: 'Feature', geometry: null, properties: {} }), QUERY, /it is a Feature/],
      [JSON.stringify([1, 2]), QUERY, /it is an array/],
      [JSON.stringify({ type: 'FeatureCollection', features: {} }), QUERY, /"features" is not an array/],
      [collection(), QUERY, /no features/],
      [
        JSON.stringify({
          type: 'FeatureCollection',
          crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32642' } },
          features: [feature({ KOD: 'T-UTM', name: 'UTM' }, square(500000, 4800000, 1000))],
        }),
        QUERY,
        /EPSG:4326/,
      ],
      [TWO_DISTRICTS, 'code=KOD', /level/],
      [TWO_DISTRICTS, 'level=planet', /level/],
      [TWO_DISTRICTS, `${QUERY}&dry_run=yes`, /dry_run/],
      [TWO_DISTRICTS, `${QUERY}&overwrite=true`, /overwrite/],
    ];
    for (const [body, query, message] of cases) {
      const reply = await send(body, query);
      expect(reply.status, `${body.slice(0, 40)} ?${query}`).toBe(400);
      expect(reply.type).toMatch(/^application\/problem\+json/);
      const said = `${reply.body.title}: ${reply.body.detail} ${JSON.stringify(reply.body.errors ?? [])}`;
      expect(said, query).toMatch(message);
    }
    expect((await listedAreas())['T-UTM']).toBeUndefined();
  });

  it('accepts a file beyond the 2 MB JSON limit as application/json, and refuses one beyond 20 MB with 413', async () => {
    const notes = 'ә'.repeat(1_300_000);
    const big = collection(feature({ KOD: 'T-BIG', name: 'Үлкен', notes }, square(52.25, 51.75, 0.01)));
    expect(big.length * 2).toBeGreaterThan(2 * 1024 * 1024);
    const imported = await send(big, 'level=district&code=KOD', 'application/json');
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ added: 1 });
    const huge = await send(' '.repeat(20 * 1024 * 1024 + 1), QUERY);
    expect(huge.status).toBe(413);
    expect(huge.body.detail).toMatch(/larger than the 20 MB an import accepts/);
  });

  it.skipIf(!sharedGeodataAvailable())(
    'checks the regions of Kazakhstan from the shared data in a dry run',
    async () => {
      const file = await readFile(sharedGeodataFile('geokz_kaz_adm1_2024.geojson'), 'utf8');
      const { status, body } = await send(file, 'level=region&dry_run=true');
      expect(status).toBe(200);
      expect(body).toMatchObject({ dry_run: true, features: 20, problems: [] });
      expect(body.added + body.updated).toBe(20);
    },
  );
});
