import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importPlaces, seedDemo } from '@oshaq/db';
import { createAccount, type TestAccount } from '../../api/test/accounts.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();

const place = (lon: number, lat: number, kind: string, names: Record<string, string>, id: number) => ({
  type: 'Feature',
  properties: { ...names, place: kind, osm_type: 'nodes', osm_id: id },
  geometry: { type: 'Point', coordinates: [lon, lat] },
});
// Places of the demo's Keles district, as OpenStreetMap has them (no ../shared/geodata needed).
const PLACES = {
  type: 'FeatureCollection',
  features: [
    place(68.92144, 41.35851, 'village', { name: 'Шұқырсай' }, 11576398047),
    place(68.93308, 41.36412, 'village', { name: 'Біртілек' }, 11576398043),
  ],
};

/** The map's view as the address keeps it (`at=zoom/lat/lon`). */
function viewOf(page: Page): { zoom: number; lat: number; lon: number } {
  const [zoom, lat, lon] = (new URL(page.url()).searchParams.get('at') ?? '').split('/').map(Number);
  return { zoom: zoom!, lat: lat!, lon: lon! };
}

describeInBrowser('places by keyboard and settlement names without tiles, in Chromium', (db) => {
  let app: RunningApp;
  let browser: Browser;
  let prosecutor: TestAccount;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    await seedDemo(db().knex);
    const report = await importPlaces(db().knex, PLACES, {
      source: 'test',
      licence: '© OpenStreetMap contributors, ODbL 1.0',
    });
    expect(report.added).toBe(2);
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prosecutor-places');
    app = await startApp(db(), { webDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)(
    'typed coordinates and a settlement chosen by name each place the point and centre the map; the saved hotspot is there',
    async () => {
      // A view in the address: the map then never fits itself to the city when the outlines arrive,
      // which on a loaded machine can come after the place was typed and move the map away from it.
      const { context, page } = await signedInPage(browser, app.url, prosecutor.login, '/?period=all&at=11/43.3/68.3');
      await page.click('[data-action=new-point]');
      await page.waitForSelector('.hotspot-form');
      const entry = page.getByTestId('place-entry');

      // Longitude first: Kazakhstan's ranges tell the order; Enter places the point, it does not send the form.
      await entry.fill('68.27037 43.30195');
      await expect.poll(() => page.locator('.place-entry [role=option]').first().textContent()).toContain('43.30195');
      await entry.press('Enter');
      await expect.poll(() => page.getByTestId('geometry-check').textContent()).toMatch(/Түркістан/);
      await page.waitForSelector('.leaflet-container[data-drawing=edit]');
      await expect.poll(() => viewOf(page).lat).toBeCloseTo(43.30195, 3);
      expect(viewOf(page).lon).toBeCloseTo(68.27037, 3);
      expect(viewOf(page).zoom).toBeGreaterThanOrEqual(15);
      expect(await page.locator('.hotspot-form').count()).toBe(1);

      // A name: suggestions as the person types (Kazakh letters), chosen with the arrow keys and Enter.
      await entry.fill('шұқ');
      const option = page.locator('.place-entry [role=option]', { hasText: 'Шұқырсай' });
      await option.waitFor();
      expect(await option.textContent()).toContain('Келес ауданы');
      expect(await entry.getAttribute('aria-expanded')).toBe('true');
      await entry.press('ArrowDown');
      expect(await entry.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
      await entry.press('Enter');
      expect(await entry.getAttribute('aria-expanded')).toBe('false');
      await expect.poll(() => page.getByTestId('geometry-check').textContent()).toMatch(/Келес/);
      await expect.poll(() => viewOf(page).lat).toBeCloseTo(41.35851, 3);
      expect(viewOf(page).lon).toBeCloseTo(68.92144, 3);
      expect(await page.getByTestId('place-entry-status').textContent()).toContain('Шұқырсай');

      const title = 'Шұқырсайда ауыз су тапшылығы';
      await page.fill('#hotspot-title', title);
      await page.selectOption('#hotspot-category', 'utilities');
      await page.selectOption('#hotspot-agency', 'housing_utilities');
      await page.click('.hotspot-form button[type=submit]');
      await page.waitForSelector('[data-testid=hotspot-panel]');
      const saved = await db()
        .knex('hotspots')
        .where({ title })
        .first(db().knex.raw('ST_X(geom) AS lon, ST_Y(geom) AS lat'));
      expect(saved).toEqual({ lon: 68.92144, lat: 41.35851 });
      await context.close();
    },
  );

  it.skipIf(!canRun)('refuses coordinates it cannot read, beside the field, and keeps the form unsent', async () => {
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login, '/?period=all&new=point');
    const entry = page.getByTestId('place-entry');
    await entry.fill(`43°61'07"N 68°16'13"E`);
    await expect.poll(() => page.locator('.place-entry [role=alert]').textContent()).toMatch(/60/);
    expect(await entry.getAttribute('aria-invalid')).toBe('true');
    await entry.press('Enter');
    expect(await page.getByTestId('geometry-check').textContent()).not.toMatch(/Түркістан|Келес/);
    await context.close();
  });

  it.skipIf(!canRun)(
    'names the settlements as text over the plain map when tiles do not load, and credits OpenStreetMap',
    async () => {
      // Tiles go to an unreachable host (signedInPage refuses them): the map has no base map.
      const { context, page } = await signedInPage(
        browser,
        app.url,
        prosecutor.login,
        '/?period=all&at=12/41.36/68.92',
      );
      const label = page.locator('.settlement-label', { hasText: 'Шұқырсай' });
      await label.waitFor();
      expect(await label.innerHTML()).toBe('<span>Шұқырсай</span>');
      expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('OpenStreetMap');
      // The layer panel turns them off (and the credit with them).
      await page.locator('[data-testid=layer-panel] summary').click();
      await page.click('[data-layer=settlements]');
      await expect.poll(() => page.locator('.settlement-label').count()).toBe(0);
      expect(await page.locator('.leaflet-control-attribution').textContent()).not.toContain('ODbL');
      await page.click('[data-layer=settlements]');
      await label.waitFor();
      // Zoomed out to the region, villages give way to larger places.
      await page.goto(`${app.url}/?period=all&at=8/41.36/68.92`);
      await page.waitForSelector('[data-testid=map]');
      await expect.poll(() => page.locator('.settlement-label', { hasText: 'Шұқырсай' }).count()).toBe(0);
      await context.close();
    },
  );
});
