import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type Database } from '@oshaq/db';
import { freshDatabase } from '@oshaq/db/testing';
import { createUser } from '../../api/src/accounts/create-user.js';
import type { Role } from '../../api/src/accounts/repo.js';
import { newApiToken, sha256 } from '../../api/src/auth/tokens.js';
import { TEST_PASSWORD } from '../../api/test/accounts.js';
import { api } from '../../api/test/http.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { passSecondFactor, webDist } from './app-helpers.js';

/**
 * Every text a person can type, filled with markup and other hostile strings, must reach every page
 * as the very text typed: no element, no navigation, no request elsewhere, no dialog. A hotspot title
 * holding a meta refresh once sent everyone who hovered it on the map to another site.
 */

const canRun = chromiumAvailable();
const ATTACKER = 'attacker.example';
const PATIENCE = { timeout: 20_000 };

/** Each markup entry carries data-hostile, so one selector finds any of them that became an element. */
// Code passed to page.evaluate runs in the browser; this file is compiled without the DOM's types.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;

type TextField =
  | 'agency'
  | 'category'
  | 'area'
  | 'description'
  | 'comment'
  | 'progress'
  | 'resolution'
  | 'meeting'
  | 'topic'
  | 'agendaNotes'
  | 'minutes'
  | 'instruction'
  | 'returnNote'
  | 'report';

const CORPUS = [
  `<meta http-equiv="refresh" content="0;url=https://${ATTACKER}/" data-hostile>`,
  `<a href="javascript:alert(1)" data-hostile style="position:fixed;inset:0">Жалғастыру</a>`,
  `<img src=x onerror="alert(1)" data-hostile>`,
  `<script data-hostile>alert(1)</script>`,
  `<svg onload="alert(1)" data-hostile></svg>`,
  `<style data-hostile>body{display:none}</style>`,
  `<iframe src="https://${ATTACKER}/" data-hostile></iframe>`,
  `{{constructor.constructor('alert(1)')()}}`,
  '${alert(document.cookie)}',
  '\u202Eexe.ытаңж',
  `<b data-hostile>Әлеуметтік шиеленіс</b> ошағы: <i data-hostile>ғимарат</i> құрылысы`,
];
/** The whole corpus in one text, for fields long enough to hold it. */
const ALL = CORPUS.join(' ');
/** A text of exactly `length` characters: the corpus again and again, cut to size. */
const atMax = (length: number) =>
  ALL.repeat(Math.ceil(length / ALL.length))
    .slice(0, length)
    .trimEnd();
/** `atMax` cut at a space, so a trimming contract keeps it as sent. */
const exactly = (length: number) => {
  const text = atMax(length);
  return text.length === length ? text : text + 'қ'.repeat(length - text.length);
};
const named = (text: string) => ({ name_kk: text, name_ru: text, name_en: text });

const CENTER = { lon: 68.285, lat: 43.305 };
const ZOOM = 16;
/** Where hotspot i stands: a grid around the centre, about 90 px apart at ZOOM. */
const spot = (i: number) => ({
  lon: CENTER.lon + ((i % 4) - 1.5) * 0.002,
  lat: CENTER.lat + (Math.floor(i / 4) - 1) * 0.0014,
});
const AREA_HALF = { lon: 0.006, lat: 0.004 };

/** Web Mercator, as Leaflet draws: where a place is on screen relative to the map's centre, in pixels. */
function offset(place: { lon: number; lat: number }) {
  const scale = 256 * 2 ** ZOOM;
  const x = (lon: number) => ((lon + 180) / 360) * scale;
  const y = (lat: number) => {
    const s = Math.sin((lat * Math.PI) / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale;
  };
  return { dx: x(place.lon) - x(CENTER.lon), dy: y(place.lat) - y(CENTER.lat) };
}

interface Account {
  login: string;
  token: string;
}

/** An account whose full name is hostile too: it shows as the actor of what it does. */
async function account(db: Database, role: Role, login: string, fullName: string, agency?: string): Promise<Account> {
  const id = await createUser(
    db.knex,
    { login, full_name: fullName, role, agency, password: TEST_PASSWORD },
    { actor: 'test set-up' },
  );
  const { token, prefix } = newApiToken();
  await db.knex('api_tokens').insert({ user_id: id, name: 'tests', token_hash: sha256(token), prefix });
  return { login, token };
}

/** What a page did that data must never make it do. */
interface Watch {
  offences: string[];
}

describe.skipIf(!canRun)('hostile text in every field stays text on every page, in Chromium', () => {
  let db: Database;
  let app: RunningApp;
  let browser: Browser;
  const people = {} as Record<'admin' | 'prosecutor' | 'akimat', Account>;
  const titles: string[] = [];
  const ids: string[] = [];
  const texts = {} as Record<TextField, string>;
  let meetingId = 0;

  async function open(login: string): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, acceptDownloads: true });
    const watch: Watch = { offences: [] };
    // A string, not a function: this file is compiled without the DOM's types.
    await context.addInitScript({
      content: `window.__violations = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));`,
    });
    const page = await context.newPage();
    const own = new URL(app.url).host;
    page.on('dialog', (dialog) => {
      watch.offences.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('framenavigated', (frame) => {
      if (new URL(frame.url()).host !== own) watch.offences.push(`navigated to ${frame.url()}`);
    });
    page.on('request', (request) => {
      const host = new URL(request.url()).host;
      // Base-map tiles are the one outside request the app makes (refused below).
      if (host !== own && host !== 'tile.example.org') watch.offences.push(`request to ${request.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to|attacker|alert/i.test(message.text()))
        watch.offences.push(`console: ${message.text()}`);
    });
    await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    await page.goto(`${app.url}/sign-in`);
    await page.fill('input[name=login]', login);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await passSecondFactor(page, `${app.url} ${login}`);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    return { context, page, watch };
  }

  /** Nothing from the corpus became an element, and the page did nothing it should not have. */
  async function expectInert(page: Page, watch: Watch, where: string) {
    const found = await page.evaluate(() => {
      const count = (selector: string) => document.querySelectorAll(selector).length;
      return {
        hostile: count('[data-hostile]'),
        metaRefresh: count('meta[http-equiv]'),
        imgX: count('img[src="x"]'),
        javascriptLink: count('a[href^="javascript" i]'),
        iframe: count('iframe'),
        svgOnload: count('svg[onload]'),
        inlineScript: [...document.scripts].filter((script) => !script.src).length,
        violations: (window as unknown as { __violations: string[] }).__violations,
      };
    });
    expect(found, where).toEqual({
      hostile: 0,
      metaRefresh: 0,
      imgX: 0,
      javascriptLink: 0,
      iframe: 0,
      svgOnload: 0,
      inlineScript: 0,
      violations: [],
    });
    expect(watch.offences, where).toEqual([]);
  }

  /** Waits until the page shows each text exactly as typed. */
  async function expectText(page: Page, where: string, wanted: string[]) {
    for (const text of wanted) {
      const shown = await page
        .waitForFunction((t) => document.body.textContent?.includes(t), text, PATIENCE)
        .then(() => true)
        .catch(() => false);
      expect(shown, `${where} shows ${JSON.stringify(text.slice(0, 80))} as text`).toBe(true);
    }
  }

  async function visit(page: Page, watch: Watch, route: string, wanted: string[]) {
    await page.goto(`${app.url}${route}`);
    await expectText(page, route, wanted);
    await expectInert(page, watch, route);
  }

  beforeAll(async () => {
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    db = await freshDatabase('embedded');
    await seedDemo(db.knex);
    // The second factor is not what this test is about: every role signs in with a password here.
    app = await startApp(db, { webDist, authPolicy: { mfaRequiredRoles: [] } });
    browser = await launchChromium();

    people.admin = await account(db, 'admin', 'admin-hostile', `Әкімші ${CORPUS[2]}`);
    const admin = api(app.url, people.admin.token);
    texts.agency = exactly(300);
    texts.category = `${CORPUS[0]} санат`;
    const agency = await admin('POST', '/api/agencies', { code: 'hostile_agency', ...named(texts.agency) });
    const category = await admin('POST', '/api/categories', {
      code: 'hostile_cat',
      ...named(texts.category),
      colour: '#aa0000',
    });
    expect([agency.status, category.status]).toEqual([201, 201]);
    people.prosecutor = await account(db, 'prosecutor', 'prosecutor-hostile', exactly(200));
    people.akimat = await account(db, 'akimat', 'akimat-hostile', `${CORPUS[4]} Сәуле`, 'hostile_agency');

    // An imported boundary around the hotspots, its names hostile.
    texts.area = `${CORPUS[6]} ${CORPUS[1]} ауылы`;
    const { lon, lat } = CENTER;
    const ring = [
      [lon - AREA_HALF.lon, lat - AREA_HALF.lat],
      [lon + AREA_HALF.lon, lat - AREA_HALF.lat],
      [lon + AREA_HALF.lon, lat + AREA_HALF.lat],
      [lon - AREA_HALF.lon, lat + AREA_HALF.lat],
      [lon - AREA_HALF.lon, lat - AREA_HALF.lat],
    ];
    const boundary = await fetch(`${app.url}/api/areas/imports?level=settlement`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${people.admin.token}`, 'Content-Type': 'application/geo+json' },
      body: JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: named(texts.area), geometry: { type: 'Polygon', coordinates: [ring] } },
        ],
      }),
    });
    expect(boundary.status, await boundary.clone().text()).toBe(201);

    const prosecutor = api(app.url, people.prosecutor.token);
    const today = (await prosecutor('GET', '/api/config')).body.today as string;
    const daysFrom = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
    titles.push(...CORPUS.map((entry, i) => `${entry} №${i}`), exactly(300));
    texts.description = exactly(20_000);
    for (const [i, title] of titles.entries()) {
      const { lon: x, lat: y } = spot(i);
      const created = await prosecutor('POST', '/api/hotspots', {
        title,
        description: i === 0 ? texts.description : ALL,
        category: 'hostile_cat',
        severity: 'high',
        agency: 'hostile_agency',
        source: CORPUS[3],
        geometry: { type: 'Point', coordinates: [x, y] },
        registered_on: daysFrom(-10),
        due_on: daysFrom(-1),
      });
      expect(created.status, title).toBe(201);
      ids.push(created.body.id as string);
    }
    texts.comment = `${CORPUS[2]} ${CORPUS[9]}`;
    texts.progress = `${CORPUS[0]} жұмыс басталды`;
    texts.resolution = `${CORPUS[5]} шешілді ${CORPUS[7]}`;
    const steps = [
      prosecutor('POST', `/api/hotspots/${ids[0]}/comments`, { note: texts.comment }),
      prosecutor('POST', `/api/hotspots/${ids[0]}/comments`, { note: exactly(5000) }),
      prosecutor('POST', `/api/hotspots/${ids[0]}/transitions`, { to: 'in_progress', note: texts.progress }),
      prosecutor('POST', `/api/hotspots/${ids[1]}/transitions`, { to: 'in_progress', note: texts.progress }),
    ];
    for (const step of steps) expect((await step).status).toBeLessThan(300);
    const resolved = await prosecutor('POST', `/api/hotspots/${ids[1]}/transitions`, {
      to: 'resolved',
      note: texts.resolution,
    });
    expect(resolved.status).toBeLessThan(300);

    texts.meeting = `${CORPUS[0]} кеңес`;
    texts.topic = `${CORPUS[6]} тақырып`;
    texts.agendaNotes = `${CORPUS[3]} ${CORPUS[8]}`;
    texts.minutes = `${ALL}\n${exactly(2000)}`;
    const meeting = await prosecutor('POST', '/api/meetings', {
      held_on: today,
      kind: 'interagency_prosecutor',
      title: texts.meeting,
      chair: `${CORPUS[1]} төраға`,
      agencies: ['hostile_agency'],
      minutes: texts.minutes,
      agenda: [
        { hotspot_id: ids[0], notes: texts.agendaNotes },
        { topic: texts.topic, notes: texts.agendaNotes },
      ],
    });
    expect(meeting.status).toBe(201);
    meetingId = meeting.body.id as number;
    texts.instruction = `${CORPUS[4]} тапсырма ${CORPUS[10]}`;
    const instruction = await prosecutor('POST', `/api/meetings/${meetingId}/instructions`, {
      text: texts.instruction,
      due_on: daysFrom(7),
      agencies: ['hostile_agency'],
      hotspot_id: ids[0],
    });
    expect(instruction.status).toBe(201);
    const part = `/api/instructions/${instruction.body.id}/assignments/hostile_agency`;
    const akimat = api(app.url, people.akimat.token);
    texts.returnNote = `${CORPUS[2]} қайтарылды`;
    texts.report = `${CORPUS[0]} есеп ${CORPUS[9]}`;
    expect((await akimat('POST', `${part}/report`, { report: `${CORPUS[5]} бірінші есеп` })).status).toBe(200);
    expect((await prosecutor('POST', `${part}/return`, { note: texts.returnNote })).status).toBe(200);
    expect((await akimat('POST', `${part}/report`, { report: texts.report })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  const selection = `category=hostile_cat&period=all&at=${ZOOM}/${CENTER.lat}/${CENTER.lon}`;

  it('the map: hovering each hotspot and the area shows its name as text; the list and the panel too', async () => {
    const { context, page, watch } = await open(people.prosecutor.login);
    await page.goto(`${app.url}/?${selection}&layers=%2Bchoropleth`);
    await page.waitForSelector('[data-testid=map][data-ready=true]');
    await expect.poll(() => page.getByTestId('map').getAttribute('data-drawn'), PATIENCE).toBe(String(titles.length));
    await expectText(page, 'the list', titles);
    // Leaflet keeps the size it measured first; a resize makes it measure again and keep the centre there.
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    await page.waitForTimeout(300);
    const box = (await page.locator('.leaflet-container').boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const hover = async (place: { lon: number; lat: number }, text: string, where: string) => {
      const { dx, dy } = offset(place);
      // Leaflet's canvas drops a mouse move that comes within 32 ms of the last: move, pause, move again.
      await page.mouse.move(centre.x + dx, centre.y + dy);
      await page.waitForTimeout(50);
      await page.mouse.move(centre.x + dx + 1, centre.y + dy + 1);
      const tooltip = page.locator('.leaflet-tooltip', { hasText: text.slice(0, 40) });
      await tooltip.waitFor(PATIENCE);
      expect(await tooltip.textContent(), where).toContain(text);
      await expectInert(page, watch, where);
    };
    for (const [i, title] of titles.entries()) await hover(spot(i), title, `the tooltip of hotspot ${i}`);
    // Up and to the left: the layer panel covers the right of the map.
    const inArea = { lon: CENTER.lon - AREA_HALF.lon * 0.85, lat: CENTER.lat + AREA_HALF.lat * 0.85 };
    await hover(inArea, `${texts.area}: ${titles.length}`, 'the tooltip of the area');

    await visit(page, watch, `/?${selection}&h=${ids[0]}`, [
      titles[0]!,
      texts.description,
      texts.comment,
      texts.progress,
      texts.category,
      texts.agency,
      texts.area,
      CORPUS[3]!,
      exactly(200), // the prosecutor's name, as the actor of each event
    ]);
    await visit(page, watch, `/?${selection}&h=${ids[1]}`, [titles[1]!, texts.resolution, texts.progress]);
    await context.close();
  });

  it('print view, meeting mode, dashboard, meetings, instructions and discipline show the texts as typed', async () => {
    const { context, page, watch } = await open(people.prosecutor.login);
    await visit(page, watch, `/print?${selection}`, [...titles, texts.category]);
    await visit(page, watch, `/meeting?${selection}`, [texts.category]);
    await visit(page, watch, `/meeting?meeting=${meetingId}`, [titles[0]!, texts.meeting]);
    await visit(page, watch, `/dashboard?category=hostile_cat&period=all`, [texts.category, texts.area, titles[2]!]);
    await visit(page, watch, '/meetings', [texts.meeting]);
    await visit(page, watch, `/meetings/${meetingId}`, [
      texts.meeting,
      texts.minutes,
      texts.topic,
      texts.agendaNotes,
      texts.instruction,
      texts.report,
      titles[0]!,
    ]);
    await visit(page, watch, '/instructions', [texts.instruction, texts.agency]);
    await visit(page, watch, '/discipline', [texts.agency]);
    await context.close();
  });

  it('the akimat’s tasks show the instruction, the return note and the report as typed', async () => {
    const { context, page, watch } = await open(people.akimat.login);
    await visit(page, watch, '/tasks', [texts.instruction, texts.report]);
    await context.close();
  });

  it('administration and imports show names, the audit trail and chosen file names as typed', async () => {
    const { context, page, watch } = await open(people.admin.login);
    await visit(page, watch, '/admin/users', [exactly(200), `${CORPUS[4]} Сәуле`]);
    await visit(page, watch, '/admin/categories', [texts.category]);
    await visit(page, watch, '/admin/agencies', [texts.agency]);
    await visit(page, watch, '/admin/boundaries', [texts.area]);
    await visit(page, watch, '/admin/audit', [exactly(200)]);

    const boundaryFile = `${CORPUS[2]}.geojson`;
    await page.goto(`${app.url}/admin/boundaries`);
    const square = [
      [CENTER.lon, CENTER.lat],
      [CENTER.lon + 0.01, CENTER.lat],
      [CENTER.lon + 0.01, CENTER.lat + 0.01],
      [CENTER.lon, CENTER.lat],
    ];
    await page.locator('input[type=file]').setInputFiles({
      name: boundaryFile,
      mimeType: 'application/geo+json',
      buffer: Buffer.from(
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: named(CORPUS[4]!), geometry: { type: 'Polygon', coordinates: [square] } },
          ],
        }),
      ),
    });
    await expectText(page, 'the boundary upload', [boundaryFile]);
    await expectInert(page, watch, 'the boundary upload');

    await page.goto(`${app.url}/imports`);
    const importFile = `${CORPUS[4]} ${CORPUS[9]}.csv`;
    await page.locator('input[type=file]').setInputFiles({
      name: importFile,
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `external_ref,title,category,severity,lon,lat\nh-1,"${CORPUS[2]}",hostile_cat,high,68.28,43.3\n`,
      ),
    });
    await expectText(page, 'the import page', [importFile]);
    await expectInert(page, watch, 'the import page');
    await context.close();
  });
});
