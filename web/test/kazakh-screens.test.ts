/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate runs this file's callbacks in the browser)
/**
 * Every screen a person reaches speaks their language. Each role signs in with its account set to
 * Kazakh and then to Russian, walks every page its navigation offers (and the administration's
 * sections), opens the forms it may and submits them empty to see their errors, and collects the
 * visible words in Latin script: apart from a short list (codes, units, names of standards and
 * software, logins), such a word is English that reached a Kazakh or Russian screen. In Russian,
 * headings, buttons and labels must not be Kazakh either (Kazakh-only letters give it away).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { createAccount, type TestAccount } from '../../api/test/accounts.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, screenshot, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();
const ROLES = ['admin', 'prosecutor', 'akimat', 'viewer'] as const;
const LANGUAGES = ['kk', 'ru'] as const;

/**
 * Latin-script words allowed on a Kazakh or Russian screen: names of formats, standards and
 * software, units, credits of map data. Anything with a digit (2026-018, 1366px) or an @ passes too,
 * as do the logins of the accounts shown.
 */
const ALLOWED = new Set(
  [
    'API',
    'CSV',
    'XLSX',
    'GeoJSON',
    'JSON',
    'OGC',
    'WKT',
    'UTF',
    'PDF',
    'QR',
    'TOTP',
    'Excel',
    'OSM',
    'OpenStreetMap',
    'contributors',
    'ODbL',
    'Leaflet',
    'Oshaq',
    'km',
    'm',
    'ha',
    'lon',
    'lat',
    'wkt',
    'geometry',
    'demo',
    // The language switch names each language by its code.
    'KK',
    'RU',
    'EN',
    'WGS',
    'FeatureCollection',
    // Literals of the file formats the import help explains (what to type in a column).
    'POINT',
    'POLYGON',
    'MULTIPOLYGON',
    'YYYY-MM-DD',
    // Hemisphere letters of written coordinates (43°18′07″N 68°16′13″E), as the place entry's hint gives them.
    'N',
    'E',
    'S',
    'W',
    'true',
    'false',
    'properties',
    // Who set the test accounts up, as the audit trail records it.
    'test',
    'set-up',
  ].map((word) => word.toLowerCase()),
);
/** The first hint of drawing an area, in the words of web/src/map/locales.ts. */
const DRAW_HINT = { kk: 'Бірінші бұрышты қою үшін басыңыз', ru: 'Щёлкните, чтобы поставить первую вершину' };
const KAZAKH_ONLY = /[әғқңөұүһі]/i;

/**
 * Latin words of the page's visible text that are not allowed, and in Russian, Kazakh chrome. Text
 * marked as another language (`lang`, as a reference entry's English name is) and literal text
 * (`code`, `kbd`, `samp`: a column to type, a key to press) is left out: it is not the interface's.
 */
async function foreignWords(page: Page, language: string, logins: string[]): Promise<string[]> {
  const { text, skipped, chrome } = await page.evaluate((lang) => {
    const visible = (element: Element) => (element as HTMLElement).innerText ?? '';
    const other = [...document.body.querySelectorAll('code, kbd, samp, [lang]')].filter(
      (element) =>
        !['CODE', 'KBD', 'SAMP'].includes(element.tagName) || !element.parentElement?.closest('code, kbd, samp'),
    );
    const foreign = other.filter((element) => !element.hasAttribute('lang') || element.getAttribute('lang') !== lang);
    const chromeText = [...document.querySelectorAll('h1, h2, nav a, th, legend')].map(visible).join('\n');
    return { text: document.body.innerText, skipped: foreign.map(visible), chrome: chromeText };
  }, language);
  const words = (value: string) =>
    value.match(/[\p{Script=Latin}0-9@._-]*\p{Script=Latin}[\p{Script=Latin}0-9@._-]*/gu) ?? [];
  const left = new Map<string, number>();
  for (const word of words(text)) left.set(word, (left.get(word) ?? 0) + 1);
  for (const word of skipped.flatMap(words)) left.set(word, (left.get(word) ?? 0) - 1);
  const allowed = new Set([...ALLOWED, ...logins.map((login) => login.toLowerCase())]);
  const latin = [...left]
    .filter(([, times]) => times > 0)
    .map(([word]) => word)
    .filter(
      (word) =>
        !/[0-9@]/.test(word) &&
        !word.startsWith('.') &&
        !allowed.has(word.toLowerCase()) &&
        !allowed.has(word.replace(/[._-]+$/, '').toLowerCase()),
    );
  const kazakh = language === 'ru' ? (chrome.match(/\S*[әғқңөұүһі]\S*/giu) ?? []) : [];
  return [...new Set([...latin, ...kazakh.filter((word) => KAZAKH_ONLY.test(word))])];
}

/**
 * Waits until no request of the page has been in flight for half a second, however long ago the
 * page loaded. Playwright's `networkidle` fires once per navigation: a request a slow render
 * starts after it (meeting mode asks for the names of categories and agencies only once its
 * agenda has arrived) would otherwise be read half-loaded, the more so with walks side by side.
 */
function quietNetwork(page: Page): () => Promise<void> {
  let inFlight = 0;
  let changed = Date.now();
  const started = () => {
    inFlight += 1;
    changed = Date.now();
  };
  const ended = () => {
    inFlight = Math.max(0, inFlight - 1);
    changed = Date.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (inFlight > 0 || Date.now() - changed < 500)) await page.waitForTimeout(50);
  };
}

describeInBrowser('Kazakh and Russian on every screen', (db, kind) => {
  let app: RunningApp;
  let browser: Browser;
  const accounts: Record<string, TestAccount> = {};

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    const knex = db().knex;
    // With the demo's meetings: the meetings, instructions, tasks and discipline pages are read full.
    await seedDemo(knex, undefined, { meetings: true });
    for (const language of LANGUAGES)
      for (const role of ROLES) {
        const account = await createAccount(knex, role, `${language}-${role}`);
        // Names as people here have them: a Latin "Test admin" would be data, not interface.
        await knex('users')
          .where({ id: account.id })
          .update({ language, full_name: `Асан Тестов ${role.length}` });
        accounts[`${language}-${role}`] = account;
      }
    app = await startApp(db(), { webDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Submits each form on the page empty (or as it stands), to see its errors, unless it would act. */
  async function openErrors(page: Page): Promise<void> {
    const forms = page.locator('form:not([role=search]):not([data-no-empty-submit])');
    for (let i = 0; i < (await forms.count()); i++) {
      const submit = forms.nth(i).locator('button[type=submit]').first();
      if (!(await submit.isVisible().catch(() => false)) || !(await submit.isEnabled())) continue;
      // Only forms whose fields are empty: an empty form is refused, so nothing is changed.
      const filled = await forms
        .nth(i)
        .locator('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea')
        .evaluateAll((inputs) => inputs.some((input) => (input as HTMLInputElement).value !== ''));
      const empty = await forms.nth(i).locator('input, textarea').count();
      if (filled || !empty) continue;
      await submit.click();
      await page.waitForTimeout(300);
    }
  }

  // The eight walks run side by side, each in its own context with its own account: most of a
  // walk is waiting for the network to settle, and nothing a walk does (empty forms are refused)
  // changes what another sees. (Context's `expect`: concurrent tests must not share one.)
  for (const language of LANGUAGES)
    for (const role of ROLES)
      it.skipIf(!canRun).concurrent(
        `${role} in ${language} sees no English`,
        { timeout: 300_000 },
        async ({ expect }) => {
          const account = accounts[`${language}-${role}`]!;
          const logins = Object.values(accounts).map((a) => a.login);
          const { context, page } = await signedInPage(browser, app.url, account.login, '/', language);
          const found: string[] = [];
          const quiet = quietNetwork(page);
          const check = async (where: string) => {
            await page.waitForLoadState('networkidle').catch(() => undefined);
            await page.waitForTimeout(300);
            await quiet();
            for (const word of await foreignWords(page, language, logins)) found.push(`${where}: ${word}`);
          };
          await page.waitForSelector('nav');
          const paths = await page
            .locator('header nav a[href], nav a[href]')
            .evaluateAll((links) => [
              ...new Set(links.map((link) => new URL((link as HTMLAnchorElement).href).pathname)),
            ]);
          const visit = [...new Set(['/', ...paths, '/meetings/new', '/print', '/meeting'])];
          for (const where of visit) {
            await page.goto(`${app.url}${where}`);
            await check(where);
            if (where === '/admin' || where.startsWith('/admin')) {
              const sections = await page
                .locator('[data-section]')
                .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
              for (const section of sections) {
                await page.goto(`${app.url}${section}`);
                await check(section);
                await openErrors(page);
                await check(`${section} (errors)`);
              }
            }
            if (where === '/meetings' || where === '/meeting' || where === '/print') continue;
            await openErrors(page);
            await check(`${where} (errors)`);
          }
          // Drawing a new area: leaflet-geoman's hint beside the pointer follows the language.
          await page.goto(`${app.url}/`);
          const add = page.locator('[data-action=new-polygon]');
          if (await add.isVisible().catch(() => false)) {
            await add.click();
            const box = (await page.getByTestId('map').boundingBox())!;
            await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
            await page.mouse.move(box.x + box.width / 3 + 10, box.y + box.height / 2 + 10);
            const hint = page.locator('.leaflet-tooltip').first();
            await expect.poll(() => hint.innerText().catch(() => '')).toBe(DRAW_HINT[language]);
            await check('/ (drawing)');
          }
          await screenshot(page, `${kind}-language-${language}-${role}`);
          await context.close();
          expect(found, `${role} in ${language}`).toEqual([]);
        },
      );
});
