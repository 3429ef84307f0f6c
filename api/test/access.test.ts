import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { createAccount, type TestAccount } from './accounts.js';
import { api, type CallResult, type Json } from './http.js';
import { startApp, type RunningApp } from './support.js';

type Who = 'viewer' | 'akimat' | 'akimatOfSecrets' | 'prosecutor' | 'admin';
const BREAKDOWNS = ['by_category', 'by_area', 'by_agency', 'by_severity', 'by_month'] as const;
const point = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] });
const total = (rows: Json[], key: 'entered' | 'resolved') => rows.reduce((sum, row) => sum + row[key], 0);
const sorted = (values: string[]) => [...values].sort();
/** A 404 for an id must read exactly as the 404 for an id that never existed. */
const sameProblem = (reply: CallResult, id: string, absent: CallResult, missing: string) =>
  JSON.stringify(reply.body).replaceAll(id, 'ID') === JSON.stringify(absent.body).replaceAll(missing, 'ID');

describeOnEachDatabase('confidential hotspots and akimat staff', (db) => {
  let app: RunningApp;
  const who = {} as Record<Who, TestAccount>;
  let secrets: { id: string; reference: string; title: string }[];
  const as = (account: TestAccount) => api(app.url, account.token);
  /** Those who may not see confidential hotspots; one akimat account is of the agency they are assigned to. */
  const hidden = () => [who.viewer, who.akimat, who.akimatOfSecrets];
  const leaks = (text: string) => secrets.flatMap((s) => [s.id, s.reference, s.title].filter((v) => text.includes(v)));
  const live = () => db().knex('hotspots').whereNull('deleted_at');
  const visibleIds = async () => sorted(await live().where('confidential', false).pluck('id'));
  const download = (account: TestAccount, path: string) =>
    fetch(`${app.url}${path}`, { headers: { Authorization: `Bearer ${account.token}` } });
  /** Follows `next` links to the end; checks every page for secrets and for the same numberMatched. */
  async function readPages(account: TestAccount, first: string, matched: number): Promise<string[]> {
    const ids: string[] = [];
    for (let next: string | undefined = first; next;) {
      const page = await as(account)('GET', next);
      expect(page.status).toBe(200);
      expect(page.body.numberMatched).toBe(matched);
      expect(leaks(JSON.stringify(page.body)), `${account.login} ${next}`).toEqual([]);
      ids.push(...page.body.features.map((f: Json) => f.id));
      next = page.body.links.find((l: Json) => l.rel === 'next')?.href;
    }
    return sorted(ids);
  }

  beforeAll(async () => {
    const knex = db().knex;
    await seedDemo(knex, '2026-11-23');
    who.viewer = await createAccount(knex, 'viewer');
    who.akimat = await createAccount(knex, 'akimat', undefined, 'housing_utilities');
    who.akimatOfSecrets = await createAccount(knex, 'akimat', undefined, 'religious_affairs');
    who.prosecutor = await createAccount(knex, 'prosecutor');
    who.admin = await createAccount(knex, 'admin');
    app = await startApp(db());
    // Far from the others and years older, so the OGC extent shows whether it was counted.
    const far = await as(who.prosecutor)('POST', '/api/hotspots', {
      ...{ title: 'Шекара маңындағы жасырын діни топ', category: 'religious', severity: 'high' },
      ...{
        geometry: point(70.5, 44.5),
        agency: 'religious_affairs',
        registered_on: '2024-03-01',
        due_on: '2024-06-01',
        confidential: true,
      },
    });
    expect(far.status).toBe(201);
    secrets = await knex('hotspots').where('confidential', true).select('id', 'reference', 'title');
    expect(secrets).toHaveLength(4);
  });
  afterAll(() => app.close());

  it('answers 401 to anonymous callers of the API and of OGC, before telling whether a hotspot exists', async () => {
    const id = secrets[0]!.id;
    const paths = ['/api/hotspots', `/api/hotspots/${id}`, '/api/stats', '/api/hotspots/export.csv', '/ogc'];
    paths.push('/ogc/collections/hotspots', '/ogc/collections/hotspots/items', `/ogc/collections/hotspots/items/${id}`);
    for (const path of paths) {
      const reply = await api(app.url)('GET', path);
      expect(reply.status, path).toBe(401);
      expect(leaks(JSON.stringify(reply.body).replaceAll(id, '')), path).toEqual([]);
    }
  });

  it('never lists a confidential hotspot to viewer or akimat staff, page by page and whatever the filters', async () => {
    const expected = await visibleIds();
    for (const account of hidden()) {
      expect(await readPages(account, '/api/hotspots?limit=7', expected.length)).toEqual(expected);
      const filters = ['agency=religious_affairs,police', 'category=religious,interethnic', 'sort=title&limit=1000'];
      for (const secret of secrets) filters.push(`q=${encodeURIComponent(secret.title)}`, `q=${secret.reference}`);
      for (const filter of filters) {
        const reply = await as(account)('GET', `/api/hotspots?${filter}`);
        expect(reply.status, filter).toBe(200);
        // The self link repeats the caller's own query; everything else must not name a secret.
        expect(leaks(JSON.stringify({ ...reply.body, links: [] })), `${account.login} ${filter}`).toEqual([]);
      }
    }
    for (const account of [who.prosecutor, who.admin]) {
      for (const secret of secrets) {
        const found = await as(account)('GET', `/api/hotspots?q=${encodeURIComponent(secret.title)}`);
        expect(found.body.features.map((f: Json) => f.id)).toContain(secret.id);
      }
    }
  });

  it('answers a confidential hotspot with the same 404 as a hotspot that does not exist, for viewer and akimat staff', async () => {
    const missing = randomUUID();
    for (const account of hidden()) {
      const absent = await as(account)('GET', `/api/hotspots/${missing}`);
      expect(absent.status).toBe(404);
      for (const secret of secrets) {
        const reply = await as(account)('GET', `/api/hotspots/${secret.id}`);
        expect(reply.status).toBe(404);
        expect(reply.type).toBe(absent.type);
        expect(reply.headers.get('etag') ?? '').not.toMatch(/"v\d+"/);
        expect(sameProblem(reply, secret.id, absent, missing)).toBe(true);
      }
    }
    for (const account of [who.prosecutor, who.admin]) {
      for (const secret of secrets) {
        const reply = await as(account)('GET', `/api/hotspots/${secret.id}`);
        expect(reply.status).toBe(200);
        expect(reply.body.properties).toMatchObject({ title: secret.title, confidential: true });
      }
    }
  });

  it('counts confidential hotspots in the headline for everyone, but in no breakdown for viewer or akimat staff', async () => {
    const count = async (confidential?: boolean, status?: string) => {
      const query = live();
      if (confidential !== undefined) query.where('confidential', confidential);
      if (status) query.where('status', status);
      return Number((await query.count({ n: '*' }))[0]!.n);
    };
    const [entered, confidential] = [await count(), await count(true)];
    const [resolved, secretResolved] = [await count(undefined, 'resolved'), await count(true, 'resolved')];
    expect(confidential).toBe(secrets.length);
    for (const account of [...hidden(), who.prosecutor, who.admin]) {
      const seesAll = account.role === 'prosecutor' || account.role === 'admin';
      const { status, body } = await as(account)('GET', '/api/stats');
      expect(status).toBe(200);
      expect(body).toMatchObject({ entered, confidential, resolved, breakdowns_include_confidential: seesAll });
      for (const key of BREAKDOWNS) {
        expect(total(body[key], 'entered'), `${account.role} ${key}`).toBe(seesAll ? entered : entered - confidential);
        const resolvedShown = seesAll ? resolved : resolved - secretResolved;
        expect(total(body[key], 'resolved'), `${account.role} ${key}`).toBe(resolvedShown);
      }
    }
  });

  it('does not let viewer or akimat staff find confidential hotspots by filtering the headline counts', async () => {
    const told: string[] = [];
    for (const account of hidden()) {
      const filters = ['category=religious', 'agency=religious_affairs', 'severity=critical&category=interethnic'];
      filters.push(...secrets.map((secret) => `q=${encodeURIComponent(secret.title)}`));
      for (const filter of filters) {
        const listed = (await as(account)('GET', `/api/hotspots?${filter}`)).body.numberMatched;
        const { entered, confidential } = (await as(account)('GET', `/api/stats?${filter}`)).body;
        // The headline agrees with the list for the same filters, so it tells nothing the list hides.
        if (entered !== listed || (confidential ?? 0) !== 0) {
          told.push(
            `${account.role}: /api/stats?${decodeURIComponent(filter)} → entered ${entered}, confidential ${confidential}; list ${listed}`,
          );
        }
      }
    }
    expect(told).toEqual([]);
  });

  it('leaves confidential hotspots out of CSV, GeoJSON and Excel exports for viewer and akimat staff', async () => {
    const visibleRefs = sorted(await live().where('confidential', false).pluck('reference'));
    for (const account of [...hidden(), who.prosecutor]) {
      const seesAll = account.role === 'prosecutor';
      const csv = await (await download(account, '/api/hotspots/export.csv')).text();
      const geojson = await (await download(account, '/api/hotspots/export.geojson')).text();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await (await download(account, '/api/hotspots/export.xlsx')).arrayBuffer()) as never);
      const cells: string[] = [];
      workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
      for (const [format, text] of Object.entries({ csv, geojson, xlsx: cells.join('\n') })) {
        const shown = leaks(text);
        if (seesAll) expect(shown, format).toEqual(expect.arrayContaining(secrets.map((s) => s.title)));
        else expect(shown, `${account.login} ${format}`).toEqual([]);
      }
      const refs = JSON.parse(geojson).features.map((f: Json) => f.properties.reference as string);
      if (!seesAll) expect(sorted(refs)).toEqual(visibleRefs);
    }
  });

  it('clusters only the hotspots the caller may see', async () => {
    const visible = (await visibleIds()).length;
    const all = Number((await live().count({ n: '*' }))[0]!.n);
    for (const account of [...hidden(), who.prosecutor]) {
      // From the grid's cells (zoom 0 from band 4, zoom 5), and from the rows: every severity asked
      // for by name, a filter the grid does not keep, counts them all.
      for (const query of ['zoom=0', 'zoom=5', 'zoom=5&severity=low,medium,high,critical']) {
        const reply = await as(account)('GET', `/api/hotspots/clusters?bbox=60,40,80,50&${query}`);
        expect(reply.status, JSON.stringify(reply.body.errors)).toBe(200);
        const counted = reply.body.features.reduce((n: number, f: Json) => n + f.properties.count, 0);
        expect(counted, `${account.role} ${query}`).toBe(account.role === 'prosecutor' ? all : visible);
        if (account.role !== 'prosecutor') expect(leaks(JSON.stringify(reply.body))).toEqual([]);
      }
    }
  });

  it('keeps confidential hotspots out of OGC items, single items and the collection extent', async () => {
    const knex = db().knex;
    const extentOf = async (withSecrets: boolean) => {
      const [down, up] = [
        (v: unknown) => Math.floor(Number(v) * 1e6) / 1e6,
        (v: unknown) => Math.ceil(Number(v) * 1e6) / 1e6,
      ];
      const row = await live()
        .where((q) => {
          if (!withSecrets) q.where('confidential', false);
        })
        .first(
          knex.raw(
            'ST_XMin(ST_Extent(geom)) AS a, ST_YMin(ST_Extent(geom)) AS b, ST_XMax(ST_Extent(geom)) AS c, ' +
              'ST_YMax(ST_Extent(geom)) AS d, min(registered_on)::text AS first, max(registered_on)::text AS last',
          ),
        );
      return {
        spatial: { bbox: [[down(row.a), down(row.b), up(row.c), up(row.d)]] },
        temporal: { interval: [[`${row.first}T00:00:00Z`, `${row.last}T23:59:59Z`]] },
      };
    };
    const expected = await visibleIds();
    const missing = randomUUID();
    for (const account of hidden()) {
      const items = `${app.url}/ogc/collections/hotspots/items`;
      expect(await readPages(account, `${items}?limit=5`, expected.length)).toEqual(expected);
      const absent = await as(account)('GET', `/ogc/collections/hotspots/items/${missing}`);
      for (const secret of secrets) {
        const reply = await as(account)('GET', `/ogc/collections/hotspots/items/${secret.id}`);
        expect(reply.status).toBe(404);
        expect(sameProblem(reply, secret.id, absent, missing)).toBe(true);
      }
      const collection = await as(account)('GET', '/ogc/collections/hotspots');
      expect(collection.body.extent).toMatchObject(await extentOf(false));
      expect(leaks(JSON.stringify((await as(account)('GET', '/ogc/collections')).body))).toEqual([]);
    }
    const prosecutor = as(who.prosecutor);
    expect((await prosecutor('GET', '/ogc/collections/hotspots')).body.extent).toMatchObject(await extentOf(true));
    expect((await prosecutor('GET', `/ogc/collections/hotspots/items/${secrets[0]!.id}`)).status).toBe(200);
  });

  /** A new registered hotspot, as the prosecutor's office registers it; returns its id. */
  async function register(agency: string, confidential = false): Promise<string> {
    const reply = await as(who.prosecutor)('POST', '/api/hotspots', {
      ...{ title: `Тексеру ${randomUUID().slice(0, 8)}`, category: 'utilities', severity: 'medium' },
      ...{ geometry: point(68.26, 43.3), agency, due_on: '2026-12-31', confidential },
    });
    expect(reply.status).toBe(201);
    return reply.body.id as string;
  }
  const move = (account: TestAccount, id: string, to: string, note?: string) =>
    as(account)('POST', `/api/hotspots/${id}/transitions`, { to, ...(note ? { note } : {}) });
  const comment = (account: TestAccount, id: string, note = 'Қарадық') =>
    as(account)('POST', `/api/hotspots/${id}/comments`, { note });

  it('lets akimat staff start work on their agency’s hotspot, comment and resolve it with a note, and the counts follow at once', async () => {
    const id = await register('housing_utilities');
    const headline = async () => {
      const { entered, registered, in_progress, resolved } = (await as(who.akimat)('GET', '/api/stats')).body;
      return { entered, registered, in_progress, resolved };
    };
    const before = await headline();
    const started = await move(who.akimat, id, 'in_progress');
    expect(started.status).toBe(200);
    expect(started.body.properties.status).toBe('in_progress');
    expect(await headline()).toEqual({
      ...before,
      registered: before.registered - 1,
      in_progress: before.in_progress + 1,
    });
    const commented = await comment(who.akimat, id, 'Құбыр ауыстырылуда');
    expect(commented.status).toBe(201);
    const actor = expect.stringContaining(who.akimat.login);
    expect(commented.body.history.at(-1)).toMatchObject({ kind: 'commented', note: 'Құбыр ауыстырылуда', actor });
    expect((await move(who.akimat, id, 'resolved')).status).toBe(400);
    const resolved = await move(who.akimat, id, 'resolved', 'Су берілді');
    expect(resolved.status).toBe(200);
    expect(resolved.body.properties).toMatchObject({ status: 'resolved', resolution_note: 'Су берілді' });
    expect(await headline()).toEqual({ ...before, registered: before.registered - 1, resolved: before.resolved + 1 });
  });

  it('refuses akimat staff another agency’s hotspot, dismissing and reopening, and hides confidential ones of their own agency', async () => {
    const [other, own, secret] = [
      await register('keles_akimat'),
      await register('housing_utilities'),
      await register('housing_utilities', true),
    ];
    expect((await move(who.akimat, other, 'in_progress')).status).toBe(403);
    expect((await comment(who.akimat, other)).status).toBe(403);
    expect((await move(who.akimat, own, 'dismissed', 'Негізсіз')).status).toBe(403);
    expect((await move(who.akimat, own, 'in_progress')).status).toBe(200);
    expect((await move(who.akimat, own, 'dismissed', 'Негізсіз')).status).toBe(403);
    expect((await move(who.akimat, own, 'resolved', 'Шешілді')).status).toBe(200);
    expect((await move(who.akimat, own, 'in_progress', 'Қайта ашу')).status).toBe(403);
    const missing = randomUUID();
    for (const [name, attempt] of Object.entries({
      read: (id: string) => as(who.akimat)('GET', `/api/hotspots/${id}`),
      start: (id: string) => move(who.akimat, id, 'in_progress'),
      resolve: (id: string) => move(who.akimat, id, 'resolved', 'Шешілді'),
      comment: (id: string) => comment(who.akimat, id),
    })) {
      // Its own agency's confidential hotspot, and another agency's: neither may show that it exists.
      for (const hiddenId of [secret, secrets[0]!.id]) {
        const [reply, absent] = [await attempt(hiddenId), await attempt(missing)];
        expect(reply.status, name).toBe(404);
        expect(sameProblem(reply, hiddenId, absent, missing), name).toBe(true);
      }
    }
    const untouched = await db().knex('hotspots').whereIn('id', [other, secret]).select('status', 'version');
    expect(untouched).toEqual(Array(2).fill({ status: 'registered', version: 1 }));
    const events = await db().knex('hotspot_events').whereIn('hotspot_id', [other, secret]).pluck('kind');
    expect(events).toEqual(['created', 'created']);
    expect(await db().knex('hotspots').where({ id: own }).first('status')).toEqual({ status: 'resolved' });
  });

  it('refuses akimat staff registering, editing and deleting hotspots, even their own agency’s', async () => {
    const own = await register('housing_utilities');
    const akimat = as(who.akimat);
    const created = await akimat('POST', '/api/hotspots', {
      ...{ title: 'Әкімдік тіркеген', category: 'utilities', severity: 'low' },
      ...{ geometry: point(68.26, 43.3), agency: 'housing_utilities', due_on: '2026-12-31' },
    });
    const edited = await akimat('PATCH', `/api/hotspots/${own}`, { title: 'Өзгертілді' }, { 'If-Match': '"v1"' });
    const deleted = await akimat('DELETE', `/api/hotspots/${own}`);
    expect([created.status, edited.status, deleted.status]).toEqual([403, 403, 403]);
    const row = await db().knex('hotspots').where({ id: own }).first('title', 'version', 'deleted_at');
    expect(row).toMatchObject({ version: 1, deleted_at: null, title: expect.stringMatching(/^Тексеру /) });
    expect(await db().knex('hotspots').where({ title: 'Әкімдік тіркеген' }).first('id')).toBeUndefined();
  });
});
