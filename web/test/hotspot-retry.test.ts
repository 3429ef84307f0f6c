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
const TITLE = 'Жауабы жоғалған ошақ';

describeInBrowser('saving a new hotspot again after its answer was lost, in Chromium', (db) => {
  let app: RunningApp;
  let browser: Browser;
  let prosecutor: TestAccount;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    await seedDemo(db().knex);
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prosecutor-retry');
    app = await startApp(db(), { webDist, jurisdiction: '611000000' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)('registers one hotspot when the first Save committed but its answer became a 503', async () => {
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login);
    await mapReady(page);
    // The first POST reaches the API and commits; the browser is told 503, as when the re-read fails.
    const keys: string[] = [];
    await page.route('**/api/hotspots', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push((await route.request().allHeaders())['idempotency-key'] ?? '');
      const answer = await route.fetch();
      if (keys.length > 1) return route.fulfill({ response: answer });
      const problem = { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Try again.' };
      return route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify(problem) });
    });
    const box = (await page.locator('.leaflet-container').boundingBox())!;
    await page.click('[data-action=new-point]');
    await page.waitForSelector('.leaflet-container[data-drawing=point]');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('geometry-check').textContent()).toMatch(/Түркістан/);
    await page.fill('#hotspot-title', TITLE);
    await page.selectOption('#hotspot-category', 'utilities');
    await page.selectOption('#hotspot-agency', 'housing_utilities');
    await page.click('.hotspot-form button[type=submit]');
    await page.waitForSelector('.hotspot-form .error');
    await page.click('.hotspot-form button[type=submit]');
    await page.waitForSelector('[data-testid=hotspot-panel]');
    expect(await page.locator('#hotspot-title').textContent()).toContain(TITLE);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe('');
    expect(keys[1]).toBe(keys[0]);
    const [counted] = await db().knex('hotspots').where({ title: TITLE }).count({ n: '*' });
    expect(Number(counted?.n)).toBe(1);
    await context.close();
  });
});
