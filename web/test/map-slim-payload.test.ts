import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { createAccount, type TestAccount } from '../../api/test/accounts.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, mapReady, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();
const WHOLE_DEMO = 'period=all&at=9/43.2/68.4';
/** All a feature of the map's request carries (the contract's HotspotMapFeature). */
const MAP_PROPERTIES = ['category', 'reference', 'severity', 'status', 'title', 'version'];

interface Feature {
  id: string;
  geometry: { type: string };
  properties: Record<string, unknown>;
}

/** Whether a response is one of the map's own requests for hotspots (the list's are view=full). */
function isMapRequest(response: Response): boolean {
  const url = new URL(response.url());
  return url.pathname === '/api/hotspots' && url.searchParams.get('view') === 'map';
}

/*
 * Issue 14: the map asks for hotspots in the list's slim form (view=map) and draws them as before;
 * what it does not carry — the description, the history — comes when a hotspot is opened, from
 * GET /api/hotspots/{id}, so the panel shows everything it did.
 */
describeInBrowser('the map draws from its slim request and opens hotspots in full, in Chromium', (db) => {
  let app: RunningApp;
  let browser: Browser;
  let prosecutor: TestAccount;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    await seedDemo(db().knex);
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prosecutor-slim-map');
    app = await startApp(db(), { webDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)(
    'draws every hotspot of its view=map answer, labels it, and a click opens its full panel',
    async () => {
      const { context, page } = await signedInPage(browser, app.url, prosecutor.login, `/?${WHOLE_DEMO}`);
      const answers: { url: URL; features: Feature[] }[] = [];
      page.on('response', (response) => {
        if (!isMapRequest(response) || response.status() !== 200) return;
        void response
          .json()
          .then((body: { features: Feature[] }) =>
            answers.push({ url: new URL(response.url()), features: body.features }),
          )
          .catch(() => undefined);
      });
      await page.reload();
      await mapReady(page);
      await expect.poll(() => answers.length).toBeGreaterThan(0);
      const last = answers.at(-1)!;
      expect(last.url.searchParams.get('limit')).toBe('500');
      expect(last.url.searchParams.get('bbox')).toMatch(/^[-\d.]+(,[-\d.]+){3}$/);
      expect(last.features.length).toBeGreaterThan(5);
      for (const feature of last.features) expect(Object.keys(feature.properties).sort()).toEqual(MAP_PROPERTIES);
      // Everything it answered is drawn (all layers are on by default).
      await expect.poll(() => page.getByTestId('map').getAttribute('data-drawn')).toBe(String(last.features.length));

      // A point hotspot brought to the middle of the map: its label on hover, its full panel on click.
      const point = last.features.find((feature) => feature.geometry.type === 'Point') as Feature & {
        geometry: { coordinates: [number, number] };
      };
      const [lon, lat] = point.geometry.coordinates;
      await page.goto(`${app.url}/?period=all&at=15/${lat}/${lon}`);
      await mapReady(page);
      const map = (await page.locator('.leaflet-container').boundingBox())!;
      await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
      await expect(page.locator('.leaflet-tooltip').textContent()).resolves.toBe(
        `${point.properties.reference} · ${point.properties.title}`,
      );

      const detail = page.waitForResponse(
        (response) => new URL(response.url()).pathname === `/api/hotspots/${point.id}`,
      );
      await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
      const full = (await (await detail).json()) as { properties: { description: string }; history: unknown[] };
      await expect.poll(() => new URL(page.url()).searchParams.get('h')).toBe(point.id);
      // What the map's answer never carried, shown from the hotspot's own request.
      expect(full.properties.description.length).toBeGreaterThan(0);
      await page.waitForSelector('[data-testid=hotspot-panel] .description');
      expect(await page.locator('[data-testid=hotspot-panel] .description').textContent()).toBe(
        full.properties.description,
      );
      expect(await page.locator('[data-testid=timeline] li').count()).toBe(full.history.length);
      await context.close();
    },
  );
});
