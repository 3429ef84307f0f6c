import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { createAccount, type TestAccount } from '../../api/test/accounts.js';
import { api } from '../../api/test/http.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import {
  count,
  describeInBrowser,
  expectCount,
  listTotal,
  mapReady,
  screenshot,
  signedInPage,
  tick,
  webDist,
} from './app-helpers.js';

const canRun = chromiumAvailable();
const WHOLE_DEMO = 'period=all&at=9/43.2/68.4';
const ALL_IN_VIEW = 'period=all&at=7/42.4/68.8';

describeInBrowser('the map application in Chromium', (db, kind) => {
  let app: RunningApp;
  let browser: Browser;
  const accounts: Record<'viewer' | 'akimat' | 'prosecutor' | 'admin', TestAccount> = {} as never;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    await seedDemo(db().knex);
    for (const role of ['viewer', 'akimat', 'prosecutor', 'admin'] as const)
      accounts[role] = await createAccount(db().knex, role, `${role}-ui`);
    app = await startApp(db(), { webDist, jurisdiction: '611000000' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)('each role signs in and sees only the actions it may take', async () => {
    for (const role of ['viewer', 'akimat', 'prosecutor', 'admin'] as const) {
      const { context, page } = await signedInPage(browser, app.url, accounts[role].login);
      await mapReady(page);
      const creates = await page.locator('[data-action=new-point]').count();
      expect(creates, role).toBe(role === 'prosecutor' || role === 'admin' ? 1 : 0);
      // Without reachable tiles the map still works, and says so.
      if (role === 'viewer') {
        await page.waitForSelector('[data-testid=tiles-unavailable]');
        await screenshot(page, `${kind}-map-viewer`);
      }
      await context.close();
    }
  });

  it.skipIf(!canRun)('a prosecutor creates one hotspot by clicking the map and one by drawing a polygon', async () => {
    const { context, page } = await signedInPage(browser, app.url, accounts.prosecutor.login);
    await mapReady(page);
    const entered = await count(page, 'entered');
    const box = (await page.locator('.leaflet-container').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;

    await page.click('[data-action=new-point]');
    await page.waitForSelector('.leaflet-container[data-drawing=point]');
    await page.mouse.click(cx, cy);
    await expect.poll(() => page.getByTestId('geometry-check').textContent()).toMatch(/Түркістан/);
    await page.fill('#hotspot-title', 'Су құбырындағы апат: тұрғындар наразы');
    await page.selectOption('#hotspot-category', 'utilities');
    await page.selectOption('#hotspot-agency', 'housing_utilities');
    await page.click('.hotspot-form button[type=submit]');
    await page.waitForSelector('[data-testid=hotspot-panel]');
    expect(await page.locator('#hotspot-title').textContent()).toContain('Су құбырындағы апат');
    await expectCount(page, 'entered', entered + 1);

    await page.click('[data-action=new-polygon]');
    await page.waitForSelector('.leaflet-container[data-drawing=polygon]');
    const corners = [
      [-60, -40],
      [60, -40],
      [60, 40],
      [-60, 40],
      [-60, -40],
    ];
    for (const [dx, dy] of corners) await page.mouse.click(cx + dx!, cy + dy!);
    await expect.poll(() => page.getByTestId('geometry-check').textContent()).toMatch(/Түркістан/);
    await page.fill('#hotspot-title', 'Базар маңындағы жер дауы');
    await page.selectOption('#hotspot-category', 'land');
    await page.selectOption('#hotspot-agency', 'housing_utilities');
    // The category's default deadline for the severity is proposed; registering requires one.
    expect(await page.inputValue('#hotspot-due_on')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await page.click('.hotspot-form button[type=submit]');
    await page.waitForSelector('[data-testid=hotspot-panel]');
    await expectCount(page, 'entered', entered + 2);
    await screenshot(page, `${kind}-hotspot-created`);

    const created = await api(app.url, accounts.prosecutor.token)(
      'GET',
      '/api/hotspots?q=' + encodeURIComponent('Базар маңындағы'),
    );
    expect(created.body.features[0].geometry.type).toBe('Polygon');
    await context.close();
  });

  it.skipIf(!canRun)('filtering by category and status: the map, the list and the counts agree', async () => {
    const { context, page } = await signedInPage(browser, app.url, accounts.prosecutor.login, `/?${WHOLE_DEMO}`);
    await mapReady(page);
    await tick(page, 'category', 'utilities');
    // Ticked in this order, written in the list's order: the address does not depend on the clicks.
    await tick(page, 'status', 'in_progress');
    await tick(page, 'status', 'registered');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('registered,in_progress');
    await mapReady(page);
    const fromApi = await api(app.url, accounts.prosecutor.token)(
      'GET',
      '/api/hotspots?category=utilities&status=in_progress,registered&limit=1',
    );
    const expected = fromApi.body.numberMatched as number;
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => listTotal(page)).toBe(expected);
    await expectCount(page, 'entered', expected);
    await expect.poll(() => page.getByTestId('map').getAttribute('data-drawn')).toBe(String(expected));
    // The same view opens from its link.
    const shared = await context.newPage();
    await shared.goto(page.url());
    await mapReady(shared);
    await expect.poll(() => listTotal(shared)).toBe(expected);
    await screenshot(page, `${kind}-filtered`);
    await context.close();
  });

  it.skipIf(!canRun)(
    'layers: a hidden category or status leaves the map but not the list; the count layer shows its scale',
    async () => {
      // Zoomed out to hold Keles district too, so every hotspot is in view.
      const { context, page } = await signedInPage(browser, app.url, accounts.prosecutor.login, `/?${ALL_IN_VIEW}`);
      await mapReady(page);
      const matched = async (query: string) =>
        (await api(app.url, accounts.prosecutor.token)('GET', `/api/hotspots?limit=1${query}`)).body
          .numberMatched as number;
      const total = await matched('');
      const utilities = await matched('&category=utilities');
      const resolvedElsewhere =
        (await matched('&status=resolved')) - (await matched('&status=resolved&category=utilities'));
      expect(utilities).toBeGreaterThan(0);
      expect(resolvedElsewhere).toBeGreaterThan(0);
      const drawn = () => page.getByTestId('map').getAttribute('data-drawn');
      await expect.poll(drawn).toBe(String(total));

      const panel = page.getByTestId('layer-panel');
      // Folded up to a 1366 px laptop (so it does not cover the map): open it as a person would.
      if (!(await panel.evaluate((details) => (details as HTMLDetailsElement).open)))
        await panel.locator('summary').click();
      // The address, not the click, decides a layer's state (as with the filters): click, then wait for it.
      const toggle = async (layer: string, on: boolean) => {
        const box = panel.locator(`input[data-layer=${layer}]`);
        await box.click();
        await expect.poll(() => box.isChecked()).toBe(on);
      };
      await toggle('category-utilities', false);
      await expect.poll(drawn).toBe(String(total - utilities));
      await toggle('status-resolved', false);
      await expect.poll(drawn).toBe(String(total - utilities - resolvedElsewhere));
      // Layers change what is drawn, not the selection: the list and the counts still hold every hotspot.
      expect(await listTotal(page)).toBe(total);

      await toggle('choropleth', true);
      await page.getByTestId('choropleth-scale').waitFor();
      // The layers are in the address: the same link opens the same map.
      await expect.poll(() => new URL(page.url()).searchParams.get('layers')).toBe('-utilities,-resolved,+choropleth');
      const shared = await context.newPage();
      await shared.goto(page.url());
      await mapReady(shared);
      await expect
        .poll(() => shared.getByTestId('map').getAttribute('data-drawn'))
        .toBe(String(total - utilities - resolvedElsewhere));
      // In the shared page the panel starts folded again: the scale is there, not shown.
      await shared.getByTestId('choropleth-scale').waitFor({ state: 'attached' });
      await shared.close();
      await screenshot(page, `${kind}-layers`);
      await context.close();
    },
  );

  it.skipIf(!canRun)(
    'an akimat user resolves their agency’s hotspot with a note and "resolved" goes up by one',
    async () => {
      const open = await api(app.url, accounts.prosecutor.token)(
        'GET',
        '/api/hotspots?agency=housing_utilities&status=registered,in_progress&limit=50',
      );
      const target = (
        open.body.features as { id: string; properties: { confidential: boolean; status: string } }[]
      ).find((feature) => !feature.properties.confidential);
      expect(target).toBeDefined();
      const { context, page } = await signedInPage(
        browser,
        app.url,
        accounts.akimat.login,
        `/?period=all&h=${target!.id}`,
      );
      await page.waitForSelector('[data-testid=hotspot-panel]');
      if (target!.properties.status === 'registered') {
        await page.click('[data-action=in_progress]');
        await expect.poll(() => page.getByTestId('hotspot-panel').getAttribute('data-status')).toBe('in_progress');
      }
      const resolved = await count(page, 'resolved');
      expect(await page.locator('[data-action=edit]').count()).toBe(0);
      expect(await page.locator('[data-action=dismissed]').count()).toBe(0);
      await page.fill('textarea[name=note]', 'Құбыр ауыстырылды, тұрғындармен кездесу өтті.');
      await page.click('[data-action=resolved]');
      await expect.poll(() => page.getByTestId('hotspot-panel').getAttribute('data-status')).toBe('resolved');
      await expectCount(page, 'resolved', resolved + 1);
      expect(await page.getByTestId('timeline').textContent()).toContain('Құбыр ауыстырылды');
      await context.close();
    },
  );

  it.skipIf(!canRun)('a viewer does not see confidential hotspots anywhere on the page', async () => {
    const all = await api(app.url, accounts.prosecutor.token)('GET', '/api/hotspots?limit=1000');
    const secret = (all.body.features as { id: string; properties: { confidential: boolean; title: string } }[]).find(
      (feature) => feature.properties.confidential,
    )!;
    const { context, page } = await signedInPage(browser, app.url, accounts.viewer.login, `/?${WHOLE_DEMO}`);
    await mapReady(page);
    const visible = await api(app.url, accounts.viewer.token)('GET', '/api/hotspots?limit=1');
    await expect.poll(() => listTotal(page)).toBe(visible.body.numberMatched);
    expect(visible.body.numberMatched).toBeLessThan(all.body.numberMatched);
    // The headline counts include them, and say so, so the short list is not a mystery.
    const hidden = all.body.numberMatched - visible.body.numberMatched;
    await expect.poll(() => page.getByTestId('count-confidential').textContent()).toContain(String(hidden));
    expect(await page.content()).not.toContain(secret.properties.title);
    await page.goto(`${app.url}/?h=${secret.id}`);
    await page.waitForSelector('.hotspot-panel [role=alert]');
    expect(await page.content()).not.toContain(secret.properties.title);
    await context.close();
  });

  it.skipIf(!canRun)('the language switches at once and is remembered for the account', async () => {
    const { context, page } = await signedInPage(browser, app.url, accounts.admin.login);
    expect(await page.locator('nav a').first().textContent()).toBe('Карта');
    await page.click('.top-bar .language-switch button[lang=en]');
    await expect.poll(() => page.locator('nav a').nth(1).textContent()).toBe('Statistics');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.click('.top-bar .language-switch button[lang=ru]');
    await expect.poll(() => page.locator('nav a').nth(1).textContent()).toBe('Статистика');
    await screenshot(page, `${kind}-map-russian`);
    await context.close();
    // A new browser (no local storage) gets the account's language after signing in.
    const again = await signedInPage(browser, app.url, accounts.admin.login);
    await expect.poll(() => again.page.locator('[data-action=sign-out]').textContent()).toBe('Выйти');
    await again.page.click('.top-bar .language-switch button[lang=kk]');
    await again.context.close();
  });

  it.skipIf(!canRun)('meeting mode steps through the agenda with the keyboard', async () => {
    const { context, page } = await signedInPage(browser, app.url, accounts.prosecutor.login, '/meeting?period=all');
    await page.waitForSelector('[data-testid=agenda-position]');
    // The position shows 0 / 0 until the agenda has loaded.
    await expect.poll(() => page.getByTestId('agenda-position').textContent()).toMatch(/^1\s*\/\s*[1-9]/);
    const firstTitle = await page.getByTestId('agenda-current').textContent();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('agenda-position').textContent()).toMatch(/^2\s*\/\s*\d+/);
    expect(await page.getByTestId('agenda-current').textContent()).not.toBe(firstTitle);
    expect(new URL(page.url()).searchParams.get('item')).toBe('2');
    await screenshot(page, `${kind}-meeting`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid=map]');
    await context.close();
  });

  it.skipIf(!canRun)('exports download the current selection', async () => {
    const { context, page } = await signedInPage(
      browser,
      app.url,
      accounts.prosecutor.login,
      '/?period=all&category=utilities',
    );
    await mapReady(page);
    // The file follows the list's order and speaks the interface's language (Kazakh by default).
    await page.selectOption('.hotspot-list select[name=sort]', 'title');
    await expect
      .poll(() => page.getAttribute('[data-testid=export-csv]', 'href'))
      .toMatch(/sort=title.*lang=kk|lang=kk.*sort=title/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const file = await download.path();
    const [header, ...lines] = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(header?.split(',')[0]).toBe('Тіркеу нөмірі');
    const expected = await api(app.url, accounts.prosecutor.token)(
      'GET',
      '/api/hotspots?category=utilities&sort=title',
    );
    expect(lines.map((line) => line.split(',')[0])).toEqual(
      (expected.body.features as { properties: { reference: string } }[]).map(
        (feature) => feature.properties.reference,
      ),
    );
    await context.close();
  });

  it.skipIf(!canRun)('the dashboard and the print view show the same selection', async () => {
    const { context, page } = await signedInPage(browser, app.url, accounts.prosecutor.login, '/dashboard?period=all');
    await page.waitForSelector('[data-testid=trend-chart]');
    await page.waitForSelector('[data-testid=breakdown-category]');
    await screenshot(page, `${kind}-dashboard`);
    await page.goto(`${app.url}/print?period=all`);
    await page.waitForSelector('[data-testid=print-view]');
    await screenshot(page, `${kind}-print`);
    await context.close();
  });
});
