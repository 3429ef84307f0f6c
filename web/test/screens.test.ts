/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// (page.evaluate runs this file's callbacks in the browser)
/**
 * The screens at the sizes they are used at: a laptop in Kazakh (1366×768), the meeting room's
 * projector in Russian (1920×1080) and a phone in Kazakh (390×844). Each page is photographed (into
 * test-artifacts/screenshots, which git ignores, for a person to look at) and held to the layout
 * rules: no sideways scrolling, tables that fit, counts that are not cut, the layers panel folded
 * up to 1366 px and open beyond, and the navigation in one row on a laptop.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { createAccount, type TestAccount } from '../../api/test/accounts.js';
import { api } from '../../api/test/http.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { BROWSER_LOCALE, chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, screenshot, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();

const SIZES = [
  { language: 'kk', width: 1366, height: 768 },
  { language: 'ru', width: 1920, height: 1080 },
  { language: 'kk', width: 390, height: 844 },
] as const;

const PAGES = [
  '/?period=all',
  // A hotspot selected: its panel over the list (the id is filled in from the API).
  '/?period=all&h=:hotspot',
  '/dashboard?period=all',
  '/meetings',
  // The demo's meeting history: one held meeting with its agenda and instructions, and meeting
  // mode over its agenda (ids filled in from the API).
  '/meetings/:meeting',
  '/meetings/new',
  '/meeting?period=all',
  '/meeting?meeting=:meeting',
  '/print?period=all',
  '/discipline',
  '/instructions',
  '/imports',
  '/admin',
  '/account',
] as const;

/** What breaks the layout rules on the page as it stands, one line per problem. */
async function layoutProblems(page: Page, width: number): Promise<string[]> {
  return page.evaluate((wide) => {
    const problems: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className ? '.' + String(element.className).split(' ').join('.') : ''}`;
    if (root.scrollWidth > window.innerWidth) {
      // Name the outermost elements that stick out and that no scrolling box clips, so the failure says where to look.
      // (An absolutely placed element is clipped only by boxes from its containing block outwards.)
      const clipped = (element: Element) => {
        let absolute = ['absolute', 'fixed'].includes(getComputedStyle(element).position);
        for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
          const style = getComputedStyle(box);
          if (absolute && style.position !== 'static') absolute = false;
          if (!absolute && style.overflowX !== 'visible' && box.getBoundingClientRect().right <= window.innerWidth + 1)
            return true;
        }
        return false;
      };
      const sticking = [...document.body.querySelectorAll('*')].filter(
        (element) => element.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(element),
      );
      const out = sticking.filter((element) => !sticking.includes(element.parentElement as Element));
      problems.push(
        `scrolls sideways: ${root.scrollWidth} > ${window.innerWidth} (${out.slice(0, 3).map(describe).join(', ')})`,
      );
    }
    // On a laptop or a projector a table fits the page: no scrolling inside it either.
    if (wide >= 1366)
      for (const table of document.querySelectorAll('main table, table')) {
        const box = table.getBoundingClientRect();
        if (box.width === 0) continue;
        let holder = table.parentElement;
        while (holder && holder !== document.body) {
          if (holder.scrollWidth > holder.clientWidth + 1 && getComputedStyle(holder).overflowX !== 'visible')
            problems.push(`table in ${describe(holder)} overflows: ${holder.scrollWidth} > ${holder.clientWidth}`);
          holder = holder.parentElement;
        }
        if (box.right > window.innerWidth + 1) problems.push(`table ends at ${Math.round(box.right)}`);
      }
    // A count a meeting quotes is shown whole and large enough to read.
    for (const value of document.querySelectorAll('.count-value')) {
      const element = value as HTMLElement;
      if (element.scrollWidth > element.clientWidth + 1) problems.push(`count cut: ${element.textContent}`);
      if (parseFloat(getComputedStyle(element).fontSize) < 14) problems.push(`count too small: ${element.textContent}`);
      const box = element.getBoundingClientRect();
      if (box.right > window.innerWidth + 1 || box.left < -1) problems.push(`count off screen: ${element.textContent}`);
    }
    // Text in a table can be read: its colour stands out from the background behind it (a class
    // clash once made the discipline report's overdue table white on white).
    const channels = (value: string) => (value.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const linear = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
    };
    for (const cell of document.querySelectorAll('td, th')) {
      const text = (cell.textContent ?? '').trim();
      if (!text || cell.getBoundingClientRect().width < 2) continue;
      let background = [255, 255, 255];
      for (let box: Element | null = cell; box; box = box.parentElement) {
        const colour = channels(getComputedStyle(box).backgroundColor);
        if (colour.length === 3 || (colour[3] ?? 0) > 0) {
          background = colour;
          break;
        }
      }
      const [lighter, darker] = [luminance(channels(getComputedStyle(cell).color)), luminance(background)].sort(
        (a, b) => b - a,
      );
      const contrast = (lighter! + 0.05) / (darker! + 0.05);
      if (contrast < 3) problems.push(`unreadable (${contrast.toFixed(1)}:1) ${describe(cell)}: ${text.slice(0, 30)}`);
    }
    // A date a person reads is in the interface's form (день месяц год / 7 желтоқсан 2026), never American.
    const american = document.body.innerText.match(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/);
    if (american) problems.push(`date in mm/dd/yyyy: ${american[0]}`);
    return problems;
  }, width);
}

/**
 * Meeting mode on a wide screen: stepping through the whole agenda, each item's heading and facts
 * (category, agency, dates) are seen whole inside the card, not cut at its bottom edge. (At 1366×768
 * the agency and the dates were cut off.) A long description below them may scroll.
 */
async function meetingCardProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const position = (await page.getByTestId('agenda-position').textContent()) ?? '';
  const steps = Number(position.split('/')[1]?.trim() ?? 1);
  for (let step = 1; step <= steps; step++) {
    if (step > 1) {
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.getByTestId('agenda-position').textContent()).toMatch(new RegExp(`^${step}\\s*/`));
    }
    const cut = await page.getByTestId('agenda-current').evaluate((card) => {
      const box = card.getBoundingClientRect();
      const parts = [...card.querySelectorAll('.meeting-current-line, .meeting-current-title, .meeting-facts dd')];
      return parts
        .filter((part) => part.getBoundingClientRect().bottom > box.bottom + 1)
        .map((part) => part.textContent ?? '');
    });
    for (const text of cut) problems.push(`meeting mode item ${step}: cut at the card's bottom: ${text}`);
  }
  return problems;
}

/** The waits a page needs before its picture means anything: data loaded, nothing "loading". */
async function settle(page: Page): Promise<void> {
  await page.waitForSelector('main, .meeting-mode, .print-page, body > div', { state: 'attached' });
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .waitForFunction(() => document.querySelectorAll('.loading, [aria-busy=true]').length === 0, undefined, {
      timeout: 5_000,
    })
    .catch(() => undefined);
  await page.waitForTimeout(400);
}

describeInBrowser('the screens at laptop, projector and phone sizes', (db, kind) => {
  let app: RunningApp;
  let browser: Browser;
  const accounts: Record<string, TestAccount> = {};
  let hotspotId = '';
  let meetingId = '';

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    const knex = db().knex;
    // With the demo's meetings, so the meetings, instructions and discipline pages are photographed full.
    const seeded = await seedDemo(knex, undefined, { meetings: true });
    expect(seeded.meetingsAdded, 'demo meetings').toBeGreaterThan(0);
    // An account per size: the sizes are photographed side by side, and two sign-ins of one
    // account at once would race for its second factor's enrolment.
    for (const { language, width } of SIZES) {
      const account = await createAccount(knex, 'admin', `screens-${language}-${width}`);
      await knex('users').where({ id: account.id }).update({ language, full_name: 'Әсел Сәрсенбайқызы' });
      accounts[`${language}-${width}`] = account;
    }
    const kk = accounts['kk-1366']!;
    app = await startApp(db(), { webDist, jurisdiction: '611000000' });
    // One with a long history and a resolution note: the tallest panel of the demo.
    const resolved = await api(app.url, kk.token)('GET', '/api/hotspots?status=resolved&limit=1');
    hotspotId = resolved.body.features[0].id as string;
    // The held meeting with the longest agenda: the fullest detail page and meeting mode.
    const meetings = await api(app.url, kk.token)('GET', '/api/meetings?limit=50');
    const today = new Date().toISOString().slice(0, 10);
    const held = (meetings.body.meetings as { id: number; held_on: string; agenda_count: number }[])
      .filter((meeting) => meeting.held_on <= today)
      .sort((a, b) => b.agenda_count - a.agenda_count);
    meetingId = String(held[0]!.id);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  // The three sizes run side by side, each in its own context: most of a page's time is waiting
  // for the network to settle, and looking changes nothing. (Context's `expect`: concurrent tests
  // must not share one.)
  for (const { language, width, height } of SIZES)
    it.skipIf(!canRun).concurrent(
      `every main page at ${width}×${height} in ${language} keeps to the layout rules`,
      { timeout: 240_000 },
      async ({ expect }) => {
        const login = accounts[`${language}-${width}`]!.login;
        const { context, page } = await signedInPage(browser, app.url, login, '/', language);
        await page.setViewportSize({ width, height });
        // The browser is the person's, in their language, so what is photographed is what they see.
        expect(await page.evaluate(() => navigator.language)).toBe(BROWSER_LOCALE[language]);
        const problems: string[] = [];
        for (const where of PAGES) {
          await page.goto(`${app.url}${where.replace(':hotspot', hotspotId).replace(':meeting', meetingId)}`);
          await settle(page);
          const shown = where.includes(':hotspot')
            ? '/hotspot'
            : where.includes(':meeting')
              ? where.replace(/[?=]/g, '-').replace(':meeting', 'held')
              : where.replace(/\?.*$/, '');
          const name = `${kind}-${language}-${width}x${height}-${shown.replace(/\//g, '_')}`;
          await screenshot(page, name);
          for (const problem of await layoutProblems(page, width)) problems.push(`${where}: ${problem}`);
          if (where.includes('meeting=:meeting') && width > 900) problems.push(...(await meetingCardProblems(page)));
          // On a phone meeting mode's four counts go two by two, not one under another.
          if (where.startsWith('/meeting?') && width < 600) {
            const rows = await page
              .locator('.meeting-mode .count')
              .evaluateAll(
                (counts) => new Set(counts.map((count) => Math.round(count.getBoundingClientRect().top))).size,
              );
            if (rows > 2) problems.push(`${where}: the counts take ${rows} rows`);
          }
          // A long meeting title in the instructions list takes three lines at most (the row stays short).
          if (where === '/instructions' && width >= 1366) {
            const tallest = await page.locator('.instructions-table td a[href^="/meetings/"]').evaluateAll((links) =>
              Math.max(
                0,
                ...links.map((link) => {
                  const style = getComputedStyle(link);
                  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
                  return link.getBoundingClientRect().height / line;
                }),
              ),
            );
            if (tallest > 3.2) problems.push(`${where}: a meeting's title takes ${tallest.toFixed(1)} lines`);
          }
        }

        await page.goto(`${app.url}/?period=all`);
        await settle(page);
        const panelOpen = await page
          .getByTestId('layer-panel')
          .evaluate((element) => (element as HTMLDetailsElement).open);
        // Folded where it would cover much of the map; open on a projector's width.
        expect(panelOpen, 'layers panel open').toBe(width > 1366);
        if (width === 1366) {
          const rows = await page
            .locator('header nav a')
            .evaluateAll((links) => new Set(links.map((link) => Math.round(link.getBoundingClientRect().top))).size);
          expect(rows, 'rows of navigation').toBe(1);
          // The map's filters too: the less used ones fold behind "More filters".
          const filterRows = await page
            .locator('.filter-bar > *')
            .evaluateAll((items) => new Set(items.map((item) => Math.round(item.getBoundingClientRect().bottom))).size);
          expect(filterRows, 'rows of map filters').toBe(1);
        }
        expect(problems).toEqual([]);
        await context.close();
      },
    );
});
