import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { createAccount, type TestAccount } from '../../api/test/accounts.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, mapReady, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();

/*
 * Issue 14: the map waited in a waterfall — statistics (seconds at a million hotspots) to decide
 * whether to cluster, then clusters, then hotspots. Now the hotspots in view are asked at once, and
 * an answer without a `next` link draws the map by itself: with the statistics and the clusters
 * held back, the map must still be drawn.
 */
describeInBrowser('the map is drawn by its first request, in Chromium', (db) => {
  let app: RunningApp;
  let browser: Browser;
  let prosecutor: TestAccount;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    await seedDemo(db().knex);
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prosecutor-first-request');
    app = await startApp(db(), { webDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)('draws the hotspots in view while the statistics and the clusters have not answered', async () => {
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login);
    await mapReady(page);
    const drawnBefore = await page.getByTestId('map').getAttribute('data-drawn');
    expect(Number(drawnBefore)).toBeGreaterThan(0);

    // Held, never answered: only the hotspots themselves can draw the map now.
    const held: string[] = [];
    await page.route(/\/api\/(stats|hotspots\/clusters)(\?|$)/, (route) => {
      held.push(new URL(route.request().url()).pathname);
    });
    await page.goto(page.url());
    await mapReady(page);
    expect(await page.getByTestId('map').getAttribute('data-drawn')).toBe(drawnBefore);
    expect(held).toContain('/api/stats');
    await context.close();
  });
});
