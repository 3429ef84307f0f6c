import { existsSync } from 'node:fs';
import path from 'node:path';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccount, TEST_PASSWORD, type TestAccount } from '../../api/test/accounts.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, screenshot, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();
const PERIOD = 30;
const step = () => Math.floor(Date.now() / 1000 / PERIOD);
const codeAt = (secret: string, at: number) => generate({ secret, epoch: at * PERIOD + 1 });

const WORDS = {
  kk: { enrol: 'Екінші факторды қосу', totp: 'Құпиясөз + қолданба коды', recovery: 'Құпиясөз + қалпына келтіру коды' },
  ru: {
    enrol: 'Подключение второго фактора',
    totp: 'Пароль + код приложения',
    recovery: 'Пароль + код восстановления',
  },
} as const;

async function typePassword(page: Page, baseUrl: string, login: string, language: 'kk' | 'ru') {
  await page.goto(`${baseUrl}/sign-in`);
  if (language !== 'kk') await page.click(`.language-switch button[lang=${language}]`);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.getByTestId('mfa-step').waitFor();
}

async function sessionMethodShown(page: Page): Promise<string> {
  await page.goto(`${page.url().split('/').slice(0, 3).join('/')}/account`);
  const current = page.locator('[data-testid=account-sessions] tr[data-current] [data-testid=session-method]');
  await current.waitFor();
  return (await current.textContent()) ?? '';
}

async function signOut(page: Page) {
  await page.click('[data-action=sign-out]');
  await page.waitForURL((url) => url.pathname.startsWith('/sign-in'));
}

describeInBrowser('the second factor in Chromium', (db) => {
  let app: RunningApp;
  let browser: Browser;
  let admin: TestAccount;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    admin = await createAccount(db().knex, 'admin', 'admin-mfa-ui');
    app = await startApp(db(), { webDist });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const language of ['kk', 'ru'] as const) {
    it.skipIf(!canRun)(
      `a prosecutor enrols at first sign-in, then signs in with a code and with a recovery code (${language})`,
      async () => {
        const person = await createAccount(db().knex, 'prosecutor', `prokuror-mfa-${language}`);
        await db().knex('users').where({ id: person.id }).update({ language });
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());

        await typePassword(page, app.url, person.login, language);
        expect(await page.locator('#mfa-title').textContent()).toBe(WORDS[language].enrol);
        // The QR code is drawn by the API (a data: URL), never fetched from elsewhere.
        expect(await page.locator('.enrolment-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
        expect(await page.locator('input[name=code]').getAttribute('autocomplete')).toBe('one-time-code');
        expect(await page.locator('input[name=code]').getAttribute('inputmode')).toBe('numeric');
        const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '');
        await page.fill('input[name=code]', '000000');
        await page.click('[data-testid=mfa-step] button[type=submit]');
        await page.locator('[data-testid=mfa-step] [role=alert]').waitFor();
        const enrolledAt = step();
        await page.fill('input[name=code]', await codeAt(secret, enrolledAt));
        await page.click('[data-testid=mfa-step] button[type=submit]');
        const list = page.getByTestId('recovery-codes');
        await list.waitFor();
        if (language === 'kk') await screenshot(page, 'mfa-recovery-codes');
        const codes = await list.locator('li code').allTextContents();
        expect(codes).toHaveLength(10);
        // Going on needs the box ticked: the codes are never shown again.
        expect(await list.locator('[data-action=recovery-done]').isDisabled()).toBe(true);
        await list.locator('input[name=saved]').check();
        await list.locator('[data-action=recovery-done]').click();
        await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
        expect(await sessionMethodShown(page)).toContain(WORDS[language].totp);
        await signOut(page);

        await typePassword(page, app.url, person.login, language);
        // A step after the enrolment's (a code is taken once per step), and not yet past on a slow machine.
        await page.fill('input[name=code]', await codeAt(secret, Math.max(enrolledAt + 1, step())));
        await page.click('[data-testid=mfa-step] button[type=submit]');
        await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
        expect(await sessionMethodShown(page)).toContain(WORDS[language].totp);
        await signOut(page);

        await typePassword(page, app.url, person.login, language);
        await page.click('[data-action=toggle-recovery]');
        expect(await page.locator('input[name=code]').getAttribute('autocomplete')).toBe('off');
        await page.fill('input[name=code]', codes[0]!);
        await page.click('[data-testid=mfa-step] button[type=submit]');
        await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
        expect(await sessionMethodShown(page)).toContain(WORDS[language].recovery);
        await expect.poll(() => page.getByTestId('mfa-status').textContent()).toMatch(/: 9\.$/);
        if (language === 'kk') await screenshot(page, 'account-page');
        // An API token needs the password and a code again (here a recovery code); its secret shows once.
        const tokens = page.getByTestId('token-form');
        await tokens.locator('input[name=name]').fill('QGIS');
        await tokens.locator('input[name=password]').fill(TEST_PASSWORD);
        await tokens.locator('input[name=code]').fill(codes[1]!);
        await tokens.locator('button[type=submit]').click();
        await expect.poll(() => page.locator('[data-testid=token-secret] code').textContent()).toMatch(/^oshaq_/);
        await expect.poll(() => page.getByTestId('mfa-status').textContent()).toMatch(/: 8\.$/);
        await context.close();
      },
    );
  }

  it.skipIf(!canRun)('an administrator sees who has a factor and resets a lost one', async () => {
    const person = await createAccount(db().knex, 'prosecutor', 'prokuror-lost-phone');
    const own = await signedInPage(browser, app.url, person.login);
    await own.context.close();
    const { context, page } = await signedInPage(browser, app.url, admin.login, '/admin/users');
    const row = page.locator(`[data-testid=users-table] tr[data-login="${person.login}"]`);
    await row.waitFor();
    const enrolledWord = (await row.getByTestId('user-mfa').textContent()) ?? '';
    await row.locator('[data-action=edit]').click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('[data-testid=admin-mfa] [data-action=reset-mfa]');
    await page.locator('[data-testid=admin-mfa] [role=status]').waitFor();
    await expect.poll(async () => row.getByTestId('user-mfa').textContent()).not.toBe(enrolledWord);
    const audit = await db()
      .knex('audit_log')
      .where({ action: 'user.mfa_reset', entity_id: String(person.id) })
      .first();
    expect(audit).toMatchObject({ user_id: admin.id });
    await context.close();
  });
});
