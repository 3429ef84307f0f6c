import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../../api/test/accounts.js';
import { api } from '../../api/test/http.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, screenshot, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();
/** The account the administrator creates; later tests look for it (the tests run in order). */
const PERSON = { login: 'a.nurlanqyzy', full_name: 'Әсел Нұрланқызы' };
const RENAMED = 'Коммуналдық қызметтер: су, жарық, жылу';

describeInBrowser('the administrators’ screens in Chromium', (db, kind) => {
  let app: RunningApp;
  let browser: Browser;
  let admin: TestAccount;
  let prosecutor: TestAccount;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    await seedDemo(db().knex);
    admin = await createAccount(db().knex, 'admin', 'admin-screens');
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prosecutor-screens');
    app = await startApp(db(), { webDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)(
    'an admin creates an akimat account that can sign in, then deactivates it and its session ends',
    async () => {
      const { context, page } = await signedInPage(browser, app.url, admin.login, '/admin');
      // /admin opens on the users section.
      await page.waitForURL((url) => url.pathname === '/admin/users');
      await page.waitForSelector(`[data-testid=users-table] tr[data-login="${admin.login}"]`);
      await page.click('[data-action=new-user]');
      const form = page.getByTestId('user-form');
      await form.locator('input[name=login]').fill(PERSON.login);
      await form.locator('input[name=full_name]').fill(PERSON.full_name);
      await form.locator('select[name=role]').selectOption('akimat');
      await form.locator('input[name=password]').fill(TEST_PASSWORD);
      // An akimat account without an agency is refused before anything is sent.
      await form.locator('button[type=submit]').click();
      await form.locator('#new-user-agency-error[role=alert]').waitFor();
      await form.locator('select[name=agency]').selectOption('housing_utilities');
      // A weak password is refused by the server, whose reason is shown beside the field.
      await form.locator('input[name=password]').fill('password1234');
      await form.locator('button[type=submit]').click();
      await expect
        .poll(() => form.locator('#new-user-password-error[role=alert]').textContent())
        // The API's code, worded in the interface's Kazakh (its English is for API users).
        .toMatch(/Бұл құпиясөзді табу оңай/);
      await form.locator('input[name=password]').fill(TEST_PASSWORD);
      await form.locator('button[type=submit]').click();

      const row = page.locator(`[data-testid=users-table] tr[data-login="${PERSON.login}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain(PERSON.full_name);
      expect(await row.textContent()).toContain('Әкімдік');
      expect(await page.getByTestId('user-form').count()).toBe(0);
      await screenshot(page, `${kind}-admin-users`);
      const stored = (await api(app.url, admin.token)('GET', '/api/users')).body as { login: string }[];
      expect(stored.find((user) => user.login === PERSON.login)).toMatchObject({
        full_name: PERSON.full_name,
        role: 'akimat',
        agency: 'housing_utilities',
        active: true,
      });

      // The new person signs in in their own browser and is greeted by name.
      const person = await signedInPage(browser, app.url, PERSON.login);
      await expect.poll(() => person.page.getByTestId('signed-in-as').textContent()).toContain(PERSON.full_name);

      await row.locator('[data-action=edit]').click();
      await page.getByTestId('user-editor').locator('[data-action=deactivate]').click();
      await expect.poll(() => row.getAttribute('data-active')).toBe('false');

      // Their next request finds the session ended and sends them to sign in, where they are refused.
      // A background refetch may already have sent them to sign-in, detaching the link: either way ends there.
      await person.page
        .locator('.top-bar nav a[href^="/dashboard"]')
        .click({ timeout: 5000 })
        .catch(() => undefined);
      await person.page.waitForURL((url) => url.pathname === '/sign-in');
      await person.page.fill('input[name=login]', PERSON.login);
      await person.page.fill('input[name=password]', TEST_PASSWORD);
      await person.page.click('button[type=submit]');
      await person.page.waitForSelector('.sign-in [role=alert]');
      expect(new URL(person.page.url()).pathname).toBe('/sign-in');
      await person.context.close();
      await context.close();
    },
  );

  it.skipIf(!canRun)(
    'an admin renames a category in Kazakh and the map’s category filter shows the new name',
    async () => {
      const { context, page } = await signedInPage(browser, app.url, admin.login, '/admin/categories');
      const row = page.locator('[data-testid=categories-table] tr[data-code=utilities]');
      await row.locator('[data-action=edit]').click();
      const form = page.getByTestId('reference-form');
      await form.locator('input[name=name_kk]').fill(RENAMED);
      await form.locator('[data-action=save-reference]').click();
      await expect.poll(() => row.locator('td[lang=kk]').textContent()).toBe(RENAMED);

      // Through the app's own navigation, not a reload: the rename must reach the map through the shared cache.
      await page.click('.top-bar nav a[href="/"]');
      await page.click('[data-filter=category] summary');
      const option = page.locator('[data-filter=category] label', { has: page.locator('input[value=utilities]') });
      await expect.poll(() => option.textContent()).toBe(RENAMED);
      const categories = (await api(app.url, admin.token)('GET', '/api/categories')).body as { code: string }[];
      expect(categories.find((category) => category.code === 'utilities')).toMatchObject({ name_kk: RENAMED });
      await context.close();
    },
  );

  it.skipIf(!canRun)(
    'a prosecutor visiting /admin sees no administrators’ screen and asks for no accounts',
    async () => {
      const { context, page } = await signedInPage(browser, app.url, prosecutor.login);
      const asked: string[] = [];
      page.on('request', (request) => asked.push(new URL(request.url()).pathname));
      await page.goto(`${app.url}/admin`);
      await page.getByTestId('signed-in-as').waitFor();
      await page.waitForSelector('main [role=alert]');
      expect(await page.getByTestId('users-table').count()).toBe(0);
      expect(await page.getByTestId('user-form').count()).toBe(0);
      expect(asked.filter((pathname) => pathname.startsWith('/api/users'))).toEqual([]);
      await context.close();
    },
  );

  it.skipIf(!canRun)('the audit log lists the account’s creation, and its CSV link keeps the filter', async () => {
    const { context, page } = await signedInPage(browser, app.url, admin.login, '/admin/audit');
    await page.waitForSelector('[data-testid=audit-table]');
    // Every number in the hints is filled in.
    expect(await page.locator('.admin-section').innerText()).not.toMatch(/\{\{|\}\}/);
    await page.selectOption('.admin-filters select[name=action]', 'user.create');
    await page.click('[data-action=apply-filters]');
    await expect.poll(() => new URL(page.url()).searchParams.get('action')).toBe('user.create');
    const created = page.locator('[data-testid=audit-table] tbody tr', { hasText: PERSON.login });
    await expect.poll(() => created.count()).toBe(1);
    const text = (await created.textContent()) ?? '';
    // The action in words of the interface's language, not its code.
    expect(text).toContain('Тіркелгі жасалды');
    expect(text).not.toContain('user.create');
    expect(text).toContain(admin.login);
    // Only creations are listed.
    const actions = await page
      .locator('[data-testid=audit-table] tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action-code')));
    expect(new Set(actions)).toEqual(new Set(['user.create']));

    const href = (await page.getByTestId('audit-csv').getAttribute('href')) ?? '';
    expect(new URL(href, app.url).searchParams.get('action')).toBe('user.create');
    const csv = await api(app.url, admin.token)('GET', href);
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain(PERSON.login);
    await context.close();
  });
});
