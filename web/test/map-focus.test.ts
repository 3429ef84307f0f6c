/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate runs this file's callbacks in the browser)
/**
 * The map keeps the person oriented: a selected hotspot's panel opens where they are looking, with
 * the focus on it, and the map shows the hotspot with its surroundings (not a blank close-up); a
 * base map whose tile requests hang says so, as one whose requests fail does; and the printed
 * report and the count layer carry a legend in numbers.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { createAccount, type TestAccount } from '../../api/test/accounts.js';
import { api } from '../../api/test/http.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, mapReady, screenshot, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();
const WHOLE_DEMO = 'period=all&at=9/43.2/68.4';

/** Where the selected hotspot's panel is, against the window and the side column it sits in. */
async function panelPlace(page: Page) {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-testid=hotspot-panel]')!.getBoundingClientRect();
    const side = document.querySelector('.side')!.getBoundingClientRect();
    return {
      top: panel.top,
      sideTop: side.top,
      sideBottom: side.bottom,
      windowHeight: window.innerHeight,
      focused: document.activeElement?.id ?? '',
    };
  });
}

async function expectPanelInView(page: Page): Promise<void> {
  await expect.poll(async () => (await panelPlace(page)).focused, { timeout: 10_000 }).toBe('hotspot-title');
  const place = await panelPlace(page);
  // The panel's top (its heading) is inside the column's visible part and inside the window.
  expect(place.top, JSON.stringify(place)).toBeGreaterThanOrEqual(place.sideTop - 1);
  expect(place.top, JSON.stringify(place)).toBeLessThan(Math.min(place.sideBottom, place.windowHeight) - 40);
}

/** The map's view as the page writes it into the address (`at=zoom/lat/lon`). */
function viewOf(page: Page): { zoom: number; lat: number; lon: number } {
  const [zoom, lat, lon] = (new URL(page.url()).searchParams.get('at') ?? '').split('/').map(Number);
  return { zoom: zoom!, lat: lat!, lon: lon! };
}

describeInBrowser('the map keeps the person oriented', (db, kind) => {
  let app: RunningApp;
  let browser: Browser;
  let prosecutor: TestAccount;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    await seedDemo(db().knex);
    prosecutor = await createAccount(db().knex, 'prosecutor', 'focus-ui');
    app = await startApp(db(), { webDist, jurisdiction: '611000000' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)(
    'choosing a hotspot low in the list opens its panel in view, focused, with the map around it',
    async () => {
      const { context, page } = await signedInPage(browser, app.url, prosecutor.login, `/?${WHOLE_DEMO}`);
      await page.setViewportSize({ width: 1366, height: 768 });
      await mapReady(page);
      const rows = page.locator('[data-testid=hotspot-list] li button');
      await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(12);
      // A row well below the fold: bringing it into view once pushed the panel out of sight.
      const row = rows.nth(11);
      await row.scrollIntoViewIfNeeded();
      await row.click();
      await page.waitForSelector('[data-testid=hotspot-panel] h2');
      await expectPanelInView(page);

      const id = new URL(page.url()).searchParams.get('h')!;
      const detail = await api(app.url, prosecutor.token)('GET', `/api/hotspots/${id}`);
      const geometry = detail.body.geometry as GeoJSON.Geometry;
      // The map moved to the hotspot, and stopped short of a close-up where nothing else shows.
      await expect.poll(() => viewOf(page).zoom, { timeout: 10_000 }).toBeGreaterThanOrEqual(12);
      const view = viewOf(page);
      expect(view.zoom).toBeLessThanOrEqual(14);
      if (geometry.type === 'Point') {
        const [lon, lat] = geometry.coordinates as [number, number];
        expect(Math.abs(view.lat - lat)).toBeLessThan(0.01);
        expect(Math.abs(view.lon - lon)).toBeLessThan(0.01);
      }
      // The chosen row stays in sight too, in the list under the panel.
      const rowPlace = await page.evaluate(() => {
        const list = document.querySelector('.hotspot-list')!.getBoundingClientRect();
        const selected = document.querySelector('.hotspot-list li.selected')!.getBoundingClientRect();
        return { listTop: list.top, listBottom: list.bottom, top: selected.top, bottom: selected.bottom };
      });
      expect(rowPlace.top, JSON.stringify(rowPlace)).toBeGreaterThanOrEqual(rowPlace.listTop - 1);
      expect(rowPlace.bottom, JSON.stringify(rowPlace)).toBeLessThanOrEqual(rowPlace.listBottom + 1);
      await screenshot(page, `${kind}-focus-from-list`);

      // The same hotspot chosen on the map (it is now in the map's middle): its panel opens in view too.
      await page.click('[data-testid=hotspot-panel] .panel-head button');
      await expect.poll(() => new URL(page.url()).searchParams.get('h')).toBeNull();
      const map = (await page.locator('.leaflet-container').boundingBox())!;
      await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
      await expect.poll(() => new URL(page.url()).searchParams.get('h')).toBe(id);
      await page.waitForSelector('[data-testid=hotspot-panel] h2');
      await expectPanelInView(page);

      // Another one, further down still: the panel is replaced and again in view.
      const further = rows.nth(15);
      await further.scrollIntoViewIfNeeded();
      await further.click();
      await expect.poll(() => new URL(page.url()).searchParams.get('h')).not.toBe(id);
      await page.waitForFunction(
        (previous) => !document.querySelector('#hotspot-title')?.textContent?.includes(previous),
        (detail.body.properties as { reference: string }).reference,
      );
      await expectPanelInView(page);
      await context.close();
    },
  );

  it.skipIf(!canRun)('after saving a new hotspot its panel is in view and holds the focus', async () => {
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login, `/?${WHOLE_DEMO}`);
    await page.setViewportSize({ width: 1366, height: 768 });
    await mapReady(page);
    await page.click('[data-action=new-point]');
    await page.waitForSelector('.leaflet-container[data-drawing=point]');
    // Zoomed in on the city, so a click lands inside it.
    await page.goto(`${app.url}/?period=all&at=13/43.2977/68.2517&new=point`);
    await page.waitForSelector('.leaflet-container[data-drawing=point]');
    const box = (await page.locator('.leaflet-container').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.fill('#hotspot-title', 'Аулада жарық жоқ: тұрғындар шағымданды');
    await page.selectOption('#hotspot-category', 'utilities');
    await page.selectOption('#hotspot-agency', 'housing_utilities');
    await page.click('.hotspot-form button[type=submit]');
    await page.waitForSelector('[data-testid=hotspot-panel] h2');
    await expectPanelInView(page);
    await context.close();
  });

  it.skipIf(!canRun)(
    'an edit someone else overtook says so above Save, with the focus, and opens the current version to save on',
    async () => {
      const list = await api(app.url, prosecutor.token)('GET', '/api/hotspots?status=in_progress&limit=1');
      const target = list.body.features[0] as { id: string; properties: { version: number } };
      const { context, page } = await signedInPage(browser, app.url, prosecutor.login, `/?period=all&h=${target.id}`);
      await page.waitForSelector('[data-testid=hotspot-panel] h2');
      await page.click('[data-action=edit]');
      await page.waitForSelector('.hotspot-form');
      // Someone else renames it meanwhile, through the API.
      const renamed = await api(app.url, prosecutor.token)(
        'PATCH',
        `/api/hotspots/${target.id}`,
        { title: 'Басқа қызметкер өзгерткен атау' },
        { 'If-Match': `"v${target.properties.version}"` },
      );
      expect(renamed.status).toBe(200);
      await page.fill('.hotspot-form textarea', 'Менің сипаттамам');
      await page.click('.hotspot-form button[type=submit]');

      const notice = page.getByTestId('form-failure');
      await notice.waitFor();
      expect(await notice.getAttribute('data-stale')).toBe('true');
      // Beside the button pressed: the row of buttons follows the notice, in the same form.
      expect(
        await notice.evaluate((element) => element.nextElementSibling?.querySelector('button[type=submit]') !== null),
      ).toBe(true);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('form-failure');

      await page.click('[data-action=reload-current]');
      await expect
        .poll(() => page.inputValue('.hotspot-form input[name=title]'))
        .toBe('Басқа қызметкер өзгерткен атау');
      await page.fill('.hotspot-form textarea', 'Менің сипаттамам');
      await page.click('.hotspot-form button[type=submit]');
      await page.waitForSelector('[data-testid=hotspot-panel] h2');
      const after = await api(app.url, prosecutor.token)('GET', `/api/hotspots/${target.id}`);
      expect(after.body.properties.title).toBe('Басқа қызметкер өзгерткен атау');
      expect(after.body.properties.description).toBe('Менің сипаттамам');
      await context.close();
    },
  );

  it.skipIf(!canRun)('tile requests that hang are noticed, and the map goes on without them', async () => {
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login);
    // Later routes take precedence: tile requests now get no answer at all (an offline network that
    // swallows them), rather than the quick refusal of app-helpers.
    const hanging: string[] = [];
    await page.route(/tile\.example\.org/, (route) => {
      hanging.push(route.request().url());
    });
    await page.goto(`${app.url}/?${WHOLE_DEMO}`);
    await mapReady(page);
    await expect.poll(() => hanging.length).toBeGreaterThan(0);
    expect(await page.getByTestId('tiles-unavailable').count()).toBe(0);
    await page.getByTestId('tiles-unavailable').waitFor({ timeout: 15_000 });
    // Still a working map: hotspots drawn, the list and a selection answer.
    expect(Number(await page.getByTestId('map').getAttribute('data-drawn'))).toBeGreaterThan(0);
    await page.locator('[data-testid=hotspot-list] li button').first().click();
    await page.waitForSelector('[data-testid=hotspot-panel] h2');
    await context.close();
  });

  it.skipIf(!canRun)(
    'the count layer and the printed report show their legend, with class breaks in numbers',
    async () => {
      const { context, page } = await signedInPage(browser, app.url, prosecutor.login);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${app.url}/?${WHOLE_DEMO}&layers=%2Bchoropleth`);
      await mapReady(page);
      const scale = page.getByTestId('layer-panel').getByTestId('choropleth-scale');
      await scale.waitFor();
      const steps = await scale.locator('li').allTextContents();
      // "0" first, then ranges such as "1–3", up to the largest count of an area.
      expect(steps[0]).toBe('0');
      expect(steps.length).toBeGreaterThan(1);
      for (const step of steps) expect(step).toMatch(/^\d+(–\d+)?$/);
      const byArea = await api(app.url, prosecutor.token)('GET', '/api/stats');
      const counts = (byArea.body.by_area as { entered: number }[]).map((row) => row.entered);
      const last = steps[steps.length - 1]!.split('–').pop();
      expect(counts).toContain(Number(last));

      await page.goto(`${app.url}/print?${WHOLE_DEMO}&layers=-resolved,%2Bchoropleth`);
      const legend = page.getByTestId('map-legend');
      await legend.waitFor();
      await legend.getByTestId('choropleth-scale').locator('li').first().waitFor();
      const text = await legend.innerText();
      // The layers shown, in the interface's language; the resolved layer was hidden, so not explained.
      expect(text).toContain('Шартты белгілер');
      expect(text).toContain('Ашық (тіркелген, жұмыста)');
      expect(text).not.toContain('Шешілген');
      expect(text).toContain('Әкімшілік шекаралар');
      await screenshot(page, `${kind}-print-legend`);
      await context.close();
    },
  );
});
