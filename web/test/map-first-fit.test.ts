import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { createAccount, type TestAccount } from '../../api/test/accounts.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();

/** The map's view as the address keeps it (`at=zoom/lat/lon`). */
function viewOf(page: Page): { zoom: number; lat: number; lon: number } {
  const [zoom, lat, lon] = (new URL(page.url()).searchParams.get('at') ?? '').split('/').map(Number);
  return { zoom: zoom!, lat: lat!, lon: lon! };
}

/**
 * Holds the city's outlines (GET /api/areas) back until `release` is called, as a loaded machine or
 * a slow line does: the person can act on the map before the first fit to the city would run.
 */
async function holdAreas(page: Page): Promise<{ release: () => Promise<void> }> {
  const held: Route[] = [];
  let released = false;
  await page.route(/\/api\/areas(\?|$)/, async (route) => {
    if (released) await route.continue();
    else held.push(route);
  });
  return {
    release: async () => {
      await expect.poll(() => held.length, { timeout: 15_000 }).toBeGreaterThan(0);
      released = true;
      const answered = page.waitForResponse(/\/api\/areas(\?|$)/);
      for (const route of held.splice(0)) await route.continue();
      await answered;
      // The outlines are drawn (and a fit, were there one, would have run) within a few frames.
      await page.waitForTimeout(1000);
    },
  };
}

describeInBrowser('the map fits itself to the city only until the person has chosen a view, in Chromium', (db) => {
  let app: RunningApp;
  let browser: Browser;
  let prosecutor: TestAccount;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    await seedDemo(db().knex);
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prosecutor-first-fit');
    app = await startApp(db(), { webDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)('a place typed before the city outlines arrive stays in the centre when they arrive', async () => {
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login, '/?period=all');
    const areas = await holdAreas(page);
    // A fresh page without a view in the address: the map would fit itself to the city.
    await page.goto(`${app.url}/?period=all&new=point`);
    const entry = page.getByTestId('place-entry');
    await entry.fill('68.27037 43.30195');
    await expect.poll(() => page.locator('.place-entry [role=option]').first().textContent()).toContain('43.30195');
    await entry.press('Enter');
    await page.waitForSelector('.leaflet-container[data-drawing=edit]');
    await expect.poll(() => viewOf(page).lat).toBeCloseTo(43.30195, 3);

    await areas.release();
    expect(viewOf(page).lat).toBeCloseTo(43.30195, 3);
    expect(viewOf(page).lon).toBeCloseTo(68.27037, 3);
    expect(viewOf(page).zoom).toBeGreaterThanOrEqual(15);
    await context.close();
  });

  it.skipIf(!canRun)('a map nobody has moved still fits itself to the city when the outlines arrive late', async () => {
    // On the plain map and with the new-hotspot form open (nothing at start-up counts as a move).
    for (const address of ['/?period=all', '/?period=all&new=point']) {
      const { context, page } = await signedInPage(browser, app.url, prosecutor.login, '/?period=all');
      const areas = await holdAreas(page);
      await page.goto(`${app.url}${address}`);
      await page.waitForSelector('[data-testid=map]');
      await expect.poll(() => viewOf(page).zoom).toBe(11);
      const before = viewOf(page);
      await areas.release();
      await expect.poll(() => viewOf(page)).not.toEqual(before);
      await context.close();
    }
  });
});
