import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { createAccount, type TestAccount } from '../../api/test/accounts.js';
import { api } from '../../api/test/http.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, screenshot, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();
/** A word only the imported hotspots' titles hold, to find them by search afterwards. */
const WORD = 'Импортсынақ';
const HEADER =
  'external_ref,title,description,category,severity,agency,registered_on,due_on,source,confidential,lon,lat';
const DISTRICT = {
  KATO: '611099999',
  name_kk: 'Сынақ ауданы',
  name_ru: 'Тестовый район',
  name_en: 'Test district',
};

describeInBrowser('importing hotspots and boundaries from files in Chromium', (db, kind) => {
  let app: RunningApp;
  let browser: Browser;
  let admin: TestAccount;
  let prosecutor: TestAccount;
  let folder: string;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    await seedDemo(db().knex);
    admin = await createAccount(db().knex, 'admin', 'admin-file-imports');
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prosecutor-file-imports');
    app = await startApp(db(), { webDist, jurisdiction: '611000000' });
    browser = await launchChromium();
    folder = mkdtempSync(path.join(os.tmpdir(), 'oshaq-file-imports-'));
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it.skipIf(!canRun)(
    'a prosecutor checks a CSV, sees the bad row, imports the corrected file, and the same file again changes nothing',
    async () => {
      const call = api(app.url, prosecutor.token);
      const categories = (await call('GET', '/api/categories')).body as { code: string }[];
      const agencies = (await call('GET', '/api/agencies')).body as { code: string }[];
      const category = categories[0]?.code;
      const agency = agencies[0]?.code;
      expect(category).toBeTruthy();
      expect(agency).toBeTruthy();
      const row = (ref: string, title: string, code: string, lon: number) =>
        [
          ref,
          title,
          'Файлдан әкелінген',
          code,
          'medium',
          agency,
          '2026-11-02',
          '',
          'Ескі тізілім',
          'false',
          lon,
          43.3,
        ].join(',');
      const bad = path.join(folder, 'hotspots-bad.csv');
      writeFileSync(
        bad,
        [
          HEADER,
          row('file-1', `${WORD} бірінші`, category!, 68.25),
          row('file-2', `${WORD} екінші`, 'no_such_category', 68.26),
        ]
          .join('\n')
          .concat('\n'),
      );
      const good = path.join(folder, 'hotspots.csv');
      writeFileSync(
        good,
        [HEADER, row('file-1', `${WORD} бірінші`, category!, 68.25), row('file-2', `${WORD} екінші`, category!, 68.26)]
          .join('\n')
          .concat('\n'),
      );

      const { context, page } = await signedInPage(browser, app.url, prosecutor.login, '/imports');
      await page.getByTestId('imports-page').waitFor();
      const importButton = page.locator('[data-action=import]');

      // A file with a bad category: the check names the row and the field, and nothing can be imported.
      await page.setInputFiles('#import-file', bad);
      await page.getByTestId('import-file-chosen').waitFor();
      await page.click('[data-action=check]');
      const problems = page.getByTestId('import-problems');
      await problems.waitFor();
      const problemRows = problems.locator('tbody tr');
      expect(await problemRows.count()).toBe(1);
      expect(await problemRows.locator('td').nth(0).textContent()).toBe('2');
      expect(await problemRows.locator('td').nth(1).textContent()).toBe('category');
      expect(await importButton.isDisabled()).toBe(true);

      // The corrected file checks clean and imports both rows.
      await page.setInputFiles('#import-file', good);
      await expect.poll(() => page.getByTestId('import-check').count()).toBe(0);
      await page.click('[data-action=check]');
      await expect.poll(() => page.getByTestId('import-created').textContent()).toBe('2');
      expect(await page.getByTestId('import-problems').count()).toBe(0);
      await expect.poll(() => importButton.isEnabled()).toBe(true);
      await importButton.click();
      const done = page.getByTestId('import-done');
      await done.waitFor();
      expect(await done.textContent()).toContain('Құрылған ошақтар: 2, өзгеріссіз қалғандары: 0');
      await screenshot(page, `${kind}-imports`);

      const found = (await call('GET', `/api/hotspots?q=${encodeURIComponent(WORD)}`)).body as {
        features: { properties: { title: string; category: string } }[];
      };
      expect(found.features.map((feature) => feature.properties.title).sort()).toEqual([
        `${WORD} бірінші`,
        `${WORD} екінші`,
      ]);
      expect(found.features.every((feature) => feature.properties.category === category)).toBe(true);

      // The same file chosen again: its check finds both rows already there. The input fires no change
      // for a file the input already holds, so the choice is cleared first, as a person re-opening the
      // picker would replace it.
      await page.setInputFiles('#import-file', []);
      await expect.poll(() => page.getByTestId('import-file-chosen').count()).toBe(0);
      await page.setInputFiles('#import-file', good);
      await page.getByTestId('import-file-chosen').waitFor();
      await expect.poll(() => page.getByTestId('import-done').count()).toBe(0);
      await page.click('[data-action=check]');
      await expect.poll(() => page.getByTestId('import-unchanged').textContent()).toBe('2');
      expect(await page.getByTestId('import-created').textContent()).toBe('0');
      await context.close();
    },
    60_000,
  );

  it.skipIf(!canRun)(
    'an admin checks and imports a district from a GeoJSON file; the page, the API and the audit log show it',
    async () => {
      const file = path.join(folder, 'district.geojson');
      writeFileSync(
        file,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: DISTRICT,
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [68.2, 43.26],
                    [68.3, 43.26],
                    [68.3, 43.34],
                    [68.2, 43.34],
                    [68.2, 43.26],
                  ],
                ],
              },
            },
          ],
        }),
      );

      const { context, page } = await signedInPage(browser, app.url, admin.login, '/admin/boundaries');
      await page.setInputFiles('#boundary-file', file);
      await page.locator('#boundary-level').waitFor();
      await page.selectOption('#boundary-level', 'district');
      // The property selects offer the file's own keys.
      const options = await page.locator('#boundary-code option').all();
      const offered = await Promise.all(options.map((option) => option.getAttribute('value')));
      expect(offered.filter(Boolean).sort()).toEqual(Object.keys(DISTRICT).sort());
      await page.selectOption('#boundary-code', 'KATO');
      await page.selectOption('#boundary-name_kk', 'name_kk');
      await page.selectOption('#boundary-name_ru', 'name_ru');
      await page.selectOption('#boundary-name_en', 'name_en');

      await page.click('[data-action=check-boundaries]');
      const report = page.getByTestId('boundary-report');
      await report.waitFor();
      expect(await report.locator('[data-count=added] dd').textContent()).toBe('1');
      expect(await report.locator('[data-count=problems] dd').textContent()).toBe('0');
      expect(await page.getByTestId('boundary-problems').count()).toBe(0);

      const importButton = page.locator('[data-action=import-boundaries]');
      await expect.poll(() => importButton.isEnabled()).toBe(true);
      await importButton.click();
      const imported = page.getByTestId('boundary-imported');
      await imported.waitFor();
      expect(await imported.textContent()).toContain('1 аумақ қосылды');

      const row = page.locator('[data-testid=areas-table] tr', {
        has: page.locator('td.code', { hasText: DISTRICT.KATO }),
      });
      await expect.poll(() => row.locator('th').textContent(), { timeout: 10_000 }).toBe(DISTRICT.name_kk);
      await row.scrollIntoViewIfNeeded();
      await screenshot(page, `${kind}-boundaries`);

      const areas = (await api(app.url, admin.token)('GET', '/api/areas')).body as {
        features: { properties: { code: string | null; level: string; name_kk: string; name_ru: string } }[];
      };
      expect(areas.features.find((area) => area.properties.code === DISTRICT.KATO)?.properties).toMatchObject({
        level: 'district',
        name_kk: DISTRICT.name_kk,
        name_ru: DISTRICT.name_ru,
      });
      const audit = await db().knex('audit_log').where({ action: 'area.import' });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        user_id: admin.id,
        entity: 'area',
        after: { level: 'district', added: 1, updated: 0 },
      });
      await context.close();
    },
    60_000,
  );
});
