import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../../api/test/accounts.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, screenshot, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();

describeInBrowser('sign-in limits in Chromium', (db, kind) => {
  let app: RunningApp;
  let browser: Browser;
  let admin: TestAccount;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    admin = await createAccount(db().knex, 'admin', 'locks-admin');
    await createAccount(db().knex, 'viewer', 'held-back');
    app = await startApp(db(), { webDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)(
    'tells a refused person when to try again, and an admin sees the lock and clears it',
    async () => {
      // Five wrong passwords from this machine's address block the pair (held-back, 127.0.0.1).
      for (let i = 0; i < 5; i++) {
        const response = await fetch(`${app.url}/api/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ login: 'held-back', password: `wrong ${i}` }),
        });
        expect(response.status).toBe(401);
      }
      const person = await browser.newContext({ viewport: { width: 1200, height: 800 } });
      const page = await person.newPage();
      await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
      await page.goto(`${app.url}/sign-in`);
      await page.fill('input[name=login]', 'held-back');
      await page.fill('input[name=password]', TEST_PASSWORD);
      await page.click('button[type=submit]');
      // Kazakh by default: the time to come back, as hours and minutes.
      const alert = page.locator('form [role=alert]');
      await expect.poll(() => alert.textContent()).toMatch(/Қайта кіріп көруге болатын уақыт: \d\d:\d\d/);

      const { context, page: adminPage } = await signedInPage(browser, app.url, admin.login, '/admin/users');
      const row = adminPage.locator('[data-testid=sign-in-locks-table] tr[data-blocked=true]', {
        hasText: 'held-back',
      });
      await row.waitFor();
      expect(await row.textContent()).toContain('127.0.0.1');
      await screenshot(adminPage, `${kind}-admin-sign-in-locks`);
      await row.locator('[data-action=clear-lock]').click();
      await adminPage.locator('[data-testid=sign-in-locks] [role=status]').waitFor();
      await expect.poll(() => row.count()).toBe(0);
      await context.close();

      // Cleared: the right password lets the person in now.
      await page.click('button[type=submit]');
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      await person.close();
    },
    120_000,
  );
});
