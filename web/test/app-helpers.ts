import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { TEST_PASSWORD } from '../../api/test/accounts.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDist = path.join(root, 'web/dist');
/** Screenshots of the main screens, kept by CI as artifacts (git ignores the folder). */
export const artifacts = path.join(root, 'test-artifacts/screenshots');

/** A fresh browser context (own cookies and storage) signed in through the sign-in page. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  login: string,
  next = '/',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, acceptDownloads: true });
  const page = await context.newPage();
  // Nothing may be fetched from outside the app: tiles go to an unreachable host and are refused here.
  await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(`${baseUrl}/sign-in?next=${encodeURIComponent(next)}`);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return { context, page };
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
