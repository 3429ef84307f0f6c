import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generate } from 'otplib';
import { expect } from 'vitest';
import type { Database, DatabaseKind } from '@oshaq/db';
import { describeOnEachDatabase } from '@oshaq/db/testing';
import { TEST_PASSWORD } from '../../api/test/accounts.js';
import { BROWSER_LOCALE } from './browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDist = path.join(root, 'web/dist');
/**
 * A browser suite, on the embedded database only: what a browser test checks does not depend on
 * the database (the API tests run on both), and Chromium costs a minute per database.
 */
export function describeInBrowser(title: string, body: (db: () => Database, kind: DatabaseKind) => void): void {
  describeOnEachDatabase(title, body, { only: 'embedded' });
}

/** Screenshots of the main screens, kept by CI as artifacts (git ignores the folder). */
export const artifacts = path.join(root, 'test-artifacts/screenshots');

/**
 * A fresh browser context (own cookies and storage) signed in through the sign-in page, its browser
 * set to the person's language (navigator.language, Intl's default, Accept-Language) as theirs would be.
 */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  login: string,
  next = '/',
  language: keyof typeof BROWSER_LOCALE = 'kk',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 850 },
    acceptDownloads: true,
    locale: BROWSER_LOCALE[language],
  });
  const page = await context.newPage();
  // Nothing may be fetched from outside the app: tiles go to an unreachable host and are refused here.
  await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await passSecondFactor(page, `${baseUrl} ${login}`);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return { context, page };
}

/** What the helper learnt when an account enrolled through the page, per app and login. */
const factors = new Map<string, { secret: string; recoveryCodes: string[]; lastStep: number }>();
const PERIOD = 30;

/**
 * Prosecutors and administrators sign in with a second factor (the production default). The
 * first sign-in enrols as a person would (reads the secret shown in text, types the app's code,
 * saves the recovery codes); later ones type a code. The API refuses a code's time step twice,
 * so each sign-in takes a step not used yet (now or the next, both accepted), and when a test
 * signs in more often than that within half a minute, a recovery code.
 */
export async function passSecondFactor(page: Page, key: string): Promise<void> {
  const step = page.locator('[data-testid=mfa-step]');
  await Promise.race([
    page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
    step.waitFor({ state: 'visible' }),
  ]);
  if (!(await step.isVisible())) return;
  const now = Math.floor(Date.now() / 1000 / PERIOD);
  if (await page.getByTestId('mfa-secret').isVisible()) {
    const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s/g, '');
    await page.fill('input[name=code]', await generate({ secret, epoch: now * PERIOD + 1 }));
    await page.click('[data-testid=mfa-step] button[type=submit]');
    const list = page.getByTestId('recovery-codes');
    await list.waitFor();
    const recoveryCodes = await list.locator('li code').allTextContents();
    factors.set(key, { secret, recoveryCodes, lastStep: now });
    await list.locator('input[name=saved]').check();
    await list.locator('[data-action=recovery-done]').click();
    return;
  }
  const known = factors.get(key);
  if (!known) throw new Error(`${key} has a second factor this helper did not enrol`);
  const free = [now, now + 1].find((candidate) => candidate > known.lastStep);
  if (free === undefined) {
    await page.click('[data-action=toggle-recovery]');
    const code = known.recoveryCodes.shift();
    if (!code) throw new Error(`${key} has used every recovery code`);
    await page.fill('input[name=code]', code);
  } else {
    known.lastStep = free;
    await page.fill('input[name=code]', await generate({ secret: known.secret, epoch: free * PERIOD + 1 }));
  }
  await page.click('[data-testid=mfa-step] button[type=submit]');
}

/** Ticks a box in a filter drop-down; the URL, not the click, decides the state, so wait for it. */
export async function tick(page: Page, filter: string, value: string): Promise<void> {
  const box = page.locator(`[data-filter=${filter}] input[value=${value}]`);
  if (!(await box.isVisible())) await page.click(`[data-filter=${filter}] summary`);
  await box.click();
  await expect.poll(() => box.isChecked()).toBe(true);
}

export async function mapReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=map][data-ready=true]');
}

export async function count(page: Page, name: 'entered' | 'resolved' | 'in_progress' | 'overdue'): Promise<number> {
  const text = await page.getByTestId(`count-${name}`).locator('.count-value').textContent();
  return Number((text ?? '').replace(/\D/g, ''));
}

/** Waits until a count settles on a value (the stats request follows a change). */
export async function expectCount(page: Page, name: Parameters<typeof count>[1], value: number): Promise<void> {
  await expect.poll(() => count(page, name), { timeout: 10_000 }).toBe(value);
}

export async function listTotal(page: Page): Promise<number> {
  const text = (await page.getByTestId('list-range').textContent()) ?? '';
  const numbers = text.match(/\d[\d\s\u00a0\u202f]*/g) ?? [];
  return Number((numbers[numbers.length - 1] ?? '').replace(/\D/g, ''));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}
