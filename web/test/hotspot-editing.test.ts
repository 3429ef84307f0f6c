import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../../api/test/accounts.js';
import { api } from '../../api/test/http.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, mapReady, passSecondFactor, screenshot, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();

interface Feature {
  id: string;
  properties: { title: string; status: string; version: number; confidential: boolean };
}

describeInBrowser('editing hotspots and sessions in Chromium', (db, kind) => {
  let app: RunningApp;
  let browser: Browser;
  let prosecutor: TestAccount;

  async function openHotspot(status: string): Promise<Feature> {
    const list = await api(app.url, prosecutor.token)('GET', `/api/hotspots?status=${status}&limit=50`);
    return (list.body.features as Feature[]).find((feature) => !feature.properties.confidential)!;
  }

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    await seedDemo(db().knex);
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prosecutor-edit');
    app = await startApp(db(), { webDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)('a prosecutor edits a hotspot and the history records who changed it', async () => {
    const target = await openHotspot('registered');
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login, `/?period=all&h=${target.id}`);
    await page.waitForSelector('[data-testid=hotspot-panel]');
    await page.click('[data-action=edit]');
    await page.waitForSelector('.leaflet-container[data-drawing=edit]');
    expect(await page.inputValue('#hotspot-title')).toBe(target.properties.title);
    await page.fill('#hotspot-title', `${target.properties.title} (нақтыланды)`);
    await page.click('.hotspot-form button[type=submit]');
    await page.waitForSelector('[data-testid=hotspot-panel]');
    await expect.poll(() => page.locator('#hotspot-title').textContent()).toContain('(нақтыланды)');
    expect(await page.getByTestId('timeline').textContent()).toContain('өзгертті');
    // The timeline says what changed, from what to what.
    const change = page.locator('[data-testid=event-changes] li[data-field=title]').last();
    expect(await change.textContent()).toContain(
      `${target.properties.title} → ${target.properties.title} (нақтыланды)`,
    );
    await context.close();
  });

  it.skipIf(!canRun)(
    'a prosecutor moves a corner of a hotspot’s area and the new outline is what is saved',
    async () => {
      const list = await api(app.url, prosecutor.token)('GET', '/api/hotspots?limit=100');
      const target = (list.body.features as (Feature & { geometry: GeoJSON.Polygon })[]).find(
        (feature) => feature.geometry.type === 'Polygon' && !feature.properties.confidential,
      )!;
      const ring = target.geometry.coordinates[0]!;
      const lon = ring.reduce((sum, [x]) => sum + x!, 0) / ring.length;
      const lat = ring.reduce((sum, [, y]) => sum + y!, 0) / ring.length;
      const { context, page } = await signedInPage(
        browser,
        app.url,
        prosecutor.login,
        `/?period=all&h=${target.id}&at=15/${lat.toFixed(5)}/${lon.toFixed(5)}`,
      );
      await page.waitForSelector('[data-testid=hotspot-panel]');
      await page.click('[data-action=edit]');
      await page.waitForSelector('.leaflet-container[data-drawing=edit]');
      // leaflet-geoman puts a handle on each corner; drag the first one 60 px right and 40 px down.
      const corner = page.locator('.leaflet-marker-icon.marker-icon:not(.marker-icon-middle)').first();
      const box = (await corner.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 8 });
      await page.mouse.up();
      await expect.poll(() => page.getByTestId('geometry-check').getAttribute('class')).toBe('hint');
      await page.click('.hotspot-form button[type=submit]');
      await page.waitForSelector('[data-testid=hotspot-panel]');
      await expect
        .poll(async () => {
          const after = await api(app.url, prosecutor.token)('GET', `/api/hotspots/${target.id}`);
          return after.body.properties.version as number;
        })
        .toBe(target.properties.version + 1);
      const after = await api(app.url, prosecutor.token)('GET', `/api/hotspots/${target.id}`);
      const moved = (after.body.geometry as GeoJSON.Polygon).coordinates[0]!;
      expect(moved).toHaveLength(ring.length);
      // One corner moved east and south; the others stayed where they were.
      const changed = moved.filter(([x, y], i) => x !== ring[i]![0] || y !== ring[i]![1]);
      expect(changed.length).toBeGreaterThanOrEqual(1);
      expect(changed.length).toBeLessThanOrEqual(2); // the first corner is also the ring's last
      expect(changed[0]![0]).toBeGreaterThan(ring.find((_, i) => moved[i]![0] !== ring[i]![0])![0]!);
      await expect.poll(() => page.locator('[data-testid=event-changes] li[data-field=geometry]').count()).toBe(1);
      await screenshot(page, `${kind}-geometry-edited`);
      await context.close();
    },
  );

  it.skipIf(!canRun)('a change based on an old version is refused and the newer one is shown', async () => {
    const target = await openHotspot('in_progress');
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login, `/?period=all&h=${target.id}`);
    await page.waitForSelector('[data-testid=hotspot-panel]');
    // Someone else renames it meanwhile, through the API.
    const renamed = await api(app.url, prosecutor.token)(
      'PATCH',
      `/api/hotspots/${target.id}`,
      { title: 'Басқа қызметкер өзгерткен атау' },
      { 'If-Match': `"v${target.properties.version}"` },
    );
    expect(renamed.status).toBe(200);
    await page.fill('textarea[name=note]', 'Шешілді деп ойладым');
    await page.click('[data-action=resolved]');
    await expect.poll(() => page.getByTestId('action-message').textContent()).toMatch(/басқа біреу өзгертті/);
    await expect.poll(() => page.locator('#hotspot-title').textContent()).toContain('Басқа қызметкер өзгерткен атау');
    expect(await page.getByTestId('hotspot-panel').getAttribute('data-status')).toBe('in_progress');
    const after = await api(app.url, prosecutor.token)('GET', `/api/hotspots/${target.id}`);
    expect(after.body.properties.status).toBe('in_progress');
    await context.close();
  });

  it.skipIf(!canRun)('when the session ends, sign-in leads back to the same view', async () => {
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login, '/?period=all&category=land');
    await mapReady(page);
    const view = new URL(page.url());
    await db().knex('sessions').del();
    // Changing a filter asks the server, which now answers 401. The page may leave for sign-in at any
    // moment from here (the 401 can come before a click lands), so the clicks wait briefly and the
    // URL decides.
    const briefly = { timeout: 3_000 };
    await page.click('[data-filter=status] summary', briefly).catch(() => undefined);
    await page.click('[data-filter=status] input[value=registered]', briefly).catch(() => undefined);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    // The page says why; a second redirect once dropped this note.
    await expect.poll(() => page.locator('.sign-in [role=status]').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('expired')).toBe('1');
    await page.fill('input[name=login]', prosecutor.login);
    await page.fill('input[name=password]', TEST_PASSWORD);
    expect(await page.locator('.sign-in [role=status]').count()).toBe(1);
    await page.click('button[type=submit]');
    await passSecondFactor(page, `${app.url} ${prosecutor.login}`);
    await page.waitForURL((url) => url.pathname === '/');
    const back = new URL(page.url());
    expect(back.searchParams.get('category')).toBe(view.searchParams.get('category'));
    expect(back.searchParams.get('period')).toBe('all');
    await context.close();
  });

  it.skipIf(!canRun)('a prosecutor deletes a hotspot registered in error, saying why, and undoes it', async () => {
    const target = await openHotspot('registered');
    const call = api(app.url, prosecutor.token);
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login, `/?period=all&h=${target.id}`);
    await page.waitForSelector('[data-testid=hotspot-panel]');
    await page.click('[data-action=delete]');
    await page.waitForSelector('[data-testid=delete-dialog]');
    // Nothing is sent without a reason: the dialog says so beside the choice.
    await page.click('[data-action=confirm-delete]');
    await page.waitForSelector('#delete-reason-error');
    await page.getByLabel('Қате тіркелген').check();
    await page.fill('[data-testid=delete-dialog] textarea', 'Басқа ауданның ісі');
    await page.click('[data-action=confirm-delete]');
    await page.waitForSelector('[data-testid=deleted-notice]');
    expect((await call('GET', `/api/hotspots/${target.id}`)).status).toBe(404);
    const row = await db().knex('hotspots').where({ id: target.id }).first('deleted_reason', 'deleted_note');
    expect(row).toEqual({ deleted_reason: 'registered_in_error', deleted_note: 'Басқа ауданның ісі' });
    await screenshot(page, `${kind}-hotspot-deleted`);
    await page.click('[data-action=undo-delete]');
    await page.waitForSelector('[data-testid=hotspot-panel]');
    const restored = await call('GET', `/api/hotspots/${target.id}`);
    expect(restored.status).toBe(200);
    expect(restored.body.history.at(-1).kind).toBe('restored');
    expect(await page.getByTestId('timeline').textContent()).toContain('қалпына келтірді');
    await context.close();
  });

  it.skipIf(!canRun)(
    'registering near an open hotspot of the category warns, and a duplicate marked there names it',
    async () => {
      const original = await api(app.url, prosecutor.token)('POST', '/api/hotspots', {
        ...{ title: 'Бастапқы: көшеде жарық жоқ', category: 'utilities', severity: 'medium' },
        ...{
          agency: 'housing_utilities',
          due_on: '2027-01-15',
          geometry: { type: 'Point', coordinates: [68.4401, 43.4401] },
        },
      });
      expect(original.status).toBe(201);
      const { context, page } = await signedInPage(browser, app.url, prosecutor.login, '/?period=all&new=point');
      await page.waitForSelector('.hotspot-form');
      const entry = page.getByTestId('place-entry');
      await entry.fill('68.4402 43.4402');
      await expect.poll(() => page.locator('.place-entry [role=option]').first().textContent()).toContain('43.4402');
      await entry.press('Enter');
      const title = 'Қайталау: көшеде жарық жоқ';
      await page.fill('#hotspot-title', title);
      await page.selectOption('#hotspot-category', 'utilities');
      await page.selectOption('#hotspot-agency', 'housing_utilities');
      const warning = page.getByTestId('nearby-warning');
      await warning.waitFor();
      const item = warning.locator('li', { hasText: 'Бастапқы: көшеде жарық жоқ' });
      expect(await item.textContent()).toContain(original.body.properties.reference);
      await item.locator('[data-action=mark-duplicate]').click();
      await page.click('.hotspot-form button[type=submit]');
      await page.waitForSelector('[data-testid=duplicate-of]');
      const saved = await db().knex('hotspots').where({ title }).first('duplicate_of');
      expect(saved.duplicate_of).toBe(original.body.id);
      await context.close();
    },
  );

  it.skipIf(!canRun)('signing out ends the session on the server, not only in the page', async () => {
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login, '/dashboard');
    const open = async () => Number((await db().knex('sessions').whereNull('ended_at').count({ n: '*' }))[0]!.n);
    const before = await open();
    await page.click('[data-action=sign-out]');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await open()).toBe(before - 1);
    await page.goto(`${app.url}/dashboard`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await context.close();
  });

  it.skipIf(!canRun)('the map page works on a 1024 px wide tablet and by keyboard', async () => {
    const { context, page } = await signedInPage(browser, app.url, prosecutor.login, '/?period=all');
    await page.setViewportSize({ width: 1024, height: 768 });
    await mapReady(page);
    // The browser's globals, as strings: this file is type-checked for Node, without the DOM library.
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(Number(overflow)).toBeLessThanOrEqual(0);
    // The first Tab reaches the skip link; the list's rows are buttons reachable by keyboard.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).toBe('skip-link');
    await page.focus('.rows li button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=hotspot-panel]');
    // The map itself (focusable for keyboard panning) has a name a screen reader can announce.
    expect(await page.locator('.leaflet-container').first().getAttribute('aria-label')).toBe('Ошақтар картасы');
    await screenshot(page, `${kind}-tablet-1024`);
    await context.close();
  });
});
