import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@oshaq/db';
import { createAccount, type TestAccount } from '../../api/test/accounts.js';
import { api } from '../../api/test/http.js';
import { startApp, type RunningApp } from '../../api/test/support.js';
import { chromiumAvailable, launchChromium } from './browser.js';
import { describeInBrowser, screenshot, signedInPage, webDist } from './app-helpers.js';

const canRun = chromiumAvailable();
const AGENCY = 'housing_utilities';
/** Each poll waits for a request or two; on a loaded two-core machine those can take seconds. */
const PATIENCE = { timeout: 20_000 };

interface Feature {
  id: string;
  properties: { reference: string; title: string; confidential: boolean };
}

/** One count of an agency's row in the discipline report (0 while the agency has no row). */
async function disciplineCount(page: Page, agency: string, column: string): Promise<number> {
  const cell = page.locator(`[data-testid=discipline-table] tr[data-agency=${agency}] [data-count=${column}]`);
  if ((await cell.count()) === 0) return 0;
  return Number(((await cell.textContent()) ?? '').replace(/\D/g, ''));
}

async function openDiscipline(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/discipline`);
  await page.waitForSelector('[data-testid=discipline-table]');
}

describeInBrowser('meetings, instructions and executive discipline in Chromium', (db, kind) => {
  let app: RunningApp;
  let browser: Browser;
  let prosecutor: TestAccount;
  let akimat: TestAccount;
  let hotspot: Feature;
  let second: Feature;
  let today: string;

  beforeAll(async () => {
    if (!canRun) return;
    if (!existsSync(path.join(webDist, 'index.html'))) throw new Error('web/dist is missing: run npm run build first');
    await seedDemo(db().knex);
    prosecutor = await createAccount(db().knex, 'prosecutor', 'prosecutor-meetings');
    akimat = await createAccount(db().knex, 'akimat', 'akimat-meetings', AGENCY);
    app = await startApp(db(), { webDist });
    browser = await launchChromium();
    const call = api(app.url, prosecutor.token);
    const list = await call('GET', '/api/hotspots?status=registered&limit=50');
    const open = (list.body.features as Feature[]).filter((feature) => !feature.properties.confidential);
    if (open.length < 2) throw new Error('the demo data should hold two open, non-confidential hotspots');
    [hotspot, second] = open as [Feature, Feature];
    today = (await call('GET', '/api/config')).body.today as string;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.skipIf(!canRun)(
    'a meeting prepared from the map gives an instruction that the agency reports on and the secretary accepts; the discipline report counts it',
    async () => {
      const { context, page } = await signedInPage(browser, app.url, prosecutor.login, `/?period=all&h=${hotspot.id}`);
      await openDiscipline(page, app.url);
      const givenBefore = await disciplineCount(page, AGENCY, 'given');
      const onTimeBefore = await disciplineCount(page, AGENCY, 'done_on_time');

      // From the hotspot's panel on the map to a new meeting with the hotspot on its agenda.
      await page.goto(`${app.url}/?period=all&h=${hotspot.id}`);
      await page.click('[data-testid=hotspot-meetings] [data-action=prepare-meeting]');
      await page.waitForURL((url) => url.pathname === '/meetings/new');
      await expect
        .poll(() => page.getByTestId('agenda-from-map').textContent(), PATIENCE)
        .toContain(hotspot.properties.reference);
      await page.fill('.meeting-form input[name=title]', 'Ведомствоаралық кеңес: жылу және су');
      await page.fill('.meeting-form input[name=chair]', 'Қалалық прокурор');
      await page.check(`.meeting-form input[name=agencies][value=${AGENCY}]`);
      await page.click('[data-action=save-meeting]');
      await page.waitForURL((url) => /^\/meetings\/\d+$/.test(url.pathname));
      const meetingId = Number(new URL(page.url()).pathname.split('/').pop());

      // A second agenda item: a free-text topic.
      await page.fill('input[name=topic]', 'Жылу маусымына дайындық');
      await page.click('[data-action=add-topic]');
      await expect.poll(() => page.locator('[data-testid=agenda-items] > li').count(), PATIENCE).toBe(2);
      expect(await page.getByTestId('agenda-items').textContent()).toContain(hotspot.properties.reference);

      // Meeting mode steps through this meeting's agenda, the free topic included; Esc comes back.
      await page.click('[data-action=open-meeting-mode]');
      await page.waitForURL((url) => url.pathname === '/meeting' && url.searchParams.get('meeting') === `${meetingId}`);
      await expect.poll(() => page.getByTestId('agenda-position').textContent(), PATIENCE).toMatch(/^1\s*\/\s*2$/);
      expect(await page.getByTestId('agenda-current').textContent()).toContain(hotspot.properties.reference);
      expect(await page.getByTestId('meeting-of-agenda').textContent()).toContain('жылу және су');
      await screenshot(page, `${kind}-meeting-agenda`);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.getByTestId('agenda-position').textContent(), PATIENCE).toMatch(/^2\s*\/\s*2$/);
      expect(await page.getByTestId('agenda-current').textContent()).toContain('Жылу маусымына дайындық');
      await page.keyboard.press('Escape');
      await page.waitForURL((url) => url.pathname === `/meetings/${meetingId}`);
      await page.waitForSelector('[data-testid=agenda-items]');

      // An instruction about the hotspot to the agency, due today.
      await page.fill('textarea[name=instruction-text]', 'Су беруді қалпына келтіріп, есеп беру');
      await page.fill('.instruction-form input[name=due_on]', today);
      await page.selectOption('select[name=agenda_item]', { index: 1 });
      await page.check(`.instruction-form input[name=instruction-agencies][value=${AGENCY}]`);
      await page.click('[data-action=give-instruction]');
      const part = page.locator(`[data-testid=instruction] li[data-agency=${AGENCY}]`);
      await expect.poll(() => part.getAttribute('data-status'), PATIENCE).toBe('assigned');
      const meeting = await api(app.url, prosecutor.token)('GET', `/api/meetings/${meetingId}`);
      expect(meeting.body.agenda).toHaveLength(2);
      expect(meeting.body.instructions[0].hotspot.id).toBe(hotspot.id);

      await openDiscipline(page, app.url);
      await expect.poll(() => disciplineCount(page, AGENCY, 'given'), PATIENCE).toBe(givenBefore + 1);

      // The agency reports from its "my tasks" page.
      const agency = await signedInPage(browser, app.url, akimat.login, '/tasks');
      await agency.page.waitForSelector('[data-testid=task-list]');
      const task = agency.page.locator(`[data-testid=task-list] li[data-status=assigned]`).filter({
        hasText: 'Су беруді қалпына келтіріп',
      });
      await task.locator('textarea[name=report]').fill('Су құбыры жөнделді, су берілді.');
      await task.locator('[data-action=report]').click();
      await expect.poll(() => agency.page.getByTestId('task-list').textContent(), PATIENCE).toContain('Есеп берілді');
      await screenshot(agency.page, `${kind}-my-tasks`);
      await agency.context.close();

      // The secretary accepts it on the meeting's page.
      await page.goto(`${app.url}/meetings/${meetingId}`);
      await expect.poll(() => part.getAttribute('data-status'), PATIENCE).toBe('reported');
      expect(await part.getByTestId('assignment-report').textContent()).toContain('Су құбыры жөнделді');
      await part.locator('[data-action=accept]').click();
      await expect.poll(() => part.getAttribute('data-status'), PATIENCE).toBe('accepted');
      await screenshot(page, `${kind}-meeting`);

      await openDiscipline(page, app.url);
      await expect.poll(() => disciplineCount(page, AGENCY, 'done_on_time'), PATIENCE).toBe(onTimeBefore + 1);
      expect(await disciplineCount(page, AGENCY, 'given')).toBe(givenBefore + 1);
      await screenshot(page, `${kind}-discipline`);

      // The hotspot's panel lists the meeting that discussed it.
      await page.goto(`${app.url}/?period=all&h=${hotspot.id}`);
      await expect
        .poll(() => page.getByTestId('hotspot-meetings').textContent(), PATIENCE)
        .toContain('Ведомствоаралық кеңес: жылу және су');
      await screenshot(page, `${kind}-hotspot-meetings`);

      // Another hotspot goes onto the same (coming) meeting's agenda from its panel on the map.
      await page.goto(`${app.url}/?period=all&h=${second.id}`);
      const meetingChoice = page.locator('[data-testid=hotspot-meetings] select[name=meeting]');
      await expect.poll(() => meetingChoice.inputValue(), PATIENCE).toBe(String(meetingId));
      await page.click('[data-testid=hotspot-meetings] [data-action=add-to-agenda]');
      await expect
        .poll(
          async () => (await api(app.url, prosecutor.token)('GET', `/api/meetings/${meetingId}`)).body.agenda.length,
          PATIENCE,
        )
        .toBe(3);
      await context.close();
    },
    // Three people, a dozen pages: well beyond the default minute on a loaded machine.
    240_000,
  );

  it.skipIf(!canRun)(
    "a returned report goes back to the agency's tasks with the secretary's note",
    async () => {
      // Set up through the API: a meeting, an instruction, and the agency's report on it.
      const asProsecutor = api(app.url, prosecutor.token);
      const meeting = await asProsecutor('POST', '/api/meetings', {
        held_on: today,
        kind: 'working_group',
        title: 'Жұмыс тобы: қайтарылған есеп',
      });
      const instruction = await asProsecutor('POST', `/api/meetings/${meeting.body.id}/instructions`, {
        text: 'Аулаға жарық орнату',
        due_on: today,
        agencies: [AGENCY],
      });
      expect(instruction.status).toBe(201);
      const reported = await api(app.url, akimat.token)(
        'POST',
        `/api/instructions/${instruction.body.id}/assignments/${AGENCY}/report`,
        { report: 'Жоспарланды' },
      );
      expect(reported.status).toBe(200);

      const { context, page } = await signedInPage(browser, app.url, prosecutor.login, `/meetings/${meeting.body.id}`);
      const part = page.locator(`[data-instruction="${instruction.body.id}"] li[data-agency=${AGENCY}]`);
      await expect.poll(() => part.getAttribute('data-status'), PATIENCE).toBe('reported');
      await part.locator('textarea[name=decision-note]').fill('Жоспар емес, орындалғанын жазыңыз');
      await part.locator('[data-action=return]').click();
      await expect.poll(() => part.getAttribute('data-status'), PATIENCE).toBe('assigned');
      await context.close();

      const agency = await signedInPage(browser, app.url, akimat.login, '/tasks');
      const task = agency.page.locator(`[data-testid=task-list] li[data-instruction="${instruction.body.id}"]`);
      await expect.poll(() => task.textContent(), PATIENCE).toContain('Жоспар емес, орындалғанын жазыңыз');
      expect(await task.getAttribute('data-status')).toBe('assigned');
      expect(await task.locator('[data-action=report]').count()).toBe(1);
      await agency.context.close();
    },
    120_000,
  );

  it.skipIf(!canRun)(
    'a planned meeting says "planned for"; in meeting mode its long texts wrap and scroll, never cut off, at 1366×768 and 1920×1080',
    async () => {
      const call = api(app.url, prosecutor.token);
      const longWord = 'https://example.org/' + 'өте-ұзын-сілтеме-'.repeat(12);
      const description = `${'Тұрғындар бірнеше апта бойы шағымданып келеді, мәселе әлі шешілмеген. '.repeat(60)}${longWord} СОҢЫ`;
      const dueOn = new Date(Date.parse(`${today}T00:00:00Z`) + 20 * 86_400_000).toISOString().slice(0, 10);
      const created = await call(
        'POST',
        '/api/hotspots',
        {
          ...{ title: 'Ұзын сипаттамасы бар ошақ', description, category: 'utilities', severity: 'high' },
          ...{ geometry: { type: 'Point', coordinates: [68.2515, 43.2973] }, agency: AGENCY, due_on: dueOn },
          ...{ registered_on: today, confidential: true },
        },
        { 'Idempotency-Key': crypto.randomUUID() },
      );
      expect(created.status).toBe(201);
      const heldOn = new Date(Date.parse(`${today}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
      const meeting = await call(
        'POST',
        '/api/meetings',
        {
          ...{ held_on: heldOn, kind: 'interagency_prosecutor', title: 'Жоспарланған кеңес', agencies: [AGENCY] },
          agenda: [{ hotspot_id: created.body.id }, { topic: `Ұзақ мәселе ${'сөз '.repeat(100)}` }],
        },
        { 'Idempotency-Key': crypto.randomUUID() },
      );
      expect(meeting.status).toBe(201);

      const { context, page } = await signedInPage(browser, app.url, prosecutor.login, `/meetings/${meeting.body.id}`);
      await page.waitForSelector('[data-testid=meeting-detail] .meeting-date');
      expect(await page.locator('[data-testid=meeting-detail] .meeting-date').textContent()).toMatch(/^жоспарланған: /);
      expect(await page.locator('[data-testid=agenda-items] [data-confidential]').count()).toBe(1);
      await page.goto(`${app.url}/meetings`);
      const row = page.locator('[data-testid=meetings-table] tr').filter({ hasText: 'Жоспарланған кеңес' });
      await expect.poll(() => row.locator('.meeting-date').textContent(), PATIENCE).toMatch(/^жоспарланған: /);

      for (const [width, height] of [
        [1366, 768],
        [1920, 1080],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.goto(`${app.url}/meeting?meeting=${meeting.body.id}`);
        await expect.poll(() => page.getByTestId('agenda-position').textContent(), PATIENCE).toMatch(/^1\s*\/\s*2$/);
        expect(await page.getByTestId('meeting-of-agenda').textContent()).toContain('жоспарланған: ');
        expect(await page.locator('[data-testid=agenda] [data-confidential]').count()).toBe(1);
        await page.waitForSelector('[data-testid=agenda-current] .meeting-description');
        await screenshot(page, `${kind}-meeting-long-text-${width}`);
        const fit = await page.evaluate(() => {
          const panel = document.querySelector<HTMLElement>('[data-testid=agenda-current]')!;
          const root = document.documentElement;
          const overflowing = [...document.querySelectorAll<HTMLElement>('.meeting-mode *')].filter(
            // The map clips its own panes; everything else must lie within the window.
            (element) =>
              !element.closest('.meeting-map') && element.getBoundingClientRect().right > root.clientWidth + 1,
          );
          panel.scrollTop = panel.scrollHeight;
          const text = panel.querySelector('.meeting-description p')!.getBoundingClientRect();
          const box = panel.getBoundingClientRect();
          return {
            pageScrolls: root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight,
            overflowing: overflowing.map((element) => element.className),
            panelWide: panel.scrollWidth > panel.clientWidth,
            panelInView: box.bottom <= window.innerHeight,
            endReached: text.bottom <= box.bottom + 1,
          };
        });
        expect(fit).toEqual({
          pageScrolls: false,
          overflowing: [],
          panelWide: false,
          panelInView: true,
          endReached: true,
        });
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => page.getByTestId('agenda-position').textContent(), PATIENCE).toMatch(/^2\s*\/\s*2$/);
        expect(await page.getByTestId('agenda-current').textContent()).toContain('Ұзақ мәселе');
      }
      await context.close();
    },
  );

  it.skipIf(!canRun)('an akimat account sees no way to create a meeting', async () => {
    const { context, page } = await signedInPage(browser, app.url, akimat.login, '/meetings');
    await page.waitForSelector('.meetings-page h1');
    expect(await page.locator('[data-action=new-meeting]').count()).toBe(0);
    expect(await page.locator('nav a[href="/tasks"]').count()).toBe(1);
    await context.close();
  });
});
