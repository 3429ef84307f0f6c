import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const canRun = chromiumAvailable();

describeOnEachDatabase('the web app in Chromium', (db, kind) => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    app = await startApp(db(), { webDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)('shows the Kazakh title and that the database is ready', async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (request) => failed.push(request.url()));
    await page.goto(app.url);
    await expect
      .poll(() => page.getByTestId('readiness').textContent())
      .toBe(`Дерекқор дайын (${kind === 'embedded' ? 'кіріктірілген' : 'сервер'})`);
    expect(await page.locator('h1').textContent()).toBe('Oshaq');
    expect(await page.title()).toContain('әлеуметтік шиеленіс');
    expect(await page.locator('html').getAttribute('lang')).toBe('kk');
    expect(failed).toEqual([]);
    await page.close();
  });

  it.skipIf(!canRun)('serves the app for a client-side route after a reload', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${app.url}/hotspots/2025-018`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Oshaq');
    await page.close();
  });
});
