import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { summarise, type Timing } from './measure.js';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserView {
  name: string;
  /** Navigation to a ready map (hotspots or clusters drawn), in ms. */
  readyMs: number;
  /** requestAnimationFrame intervals while the map is dragged, in ms. */
  panFrames: Timing;
  drawn: string | null;
}

const FRAME_RECORDER = `(() => {
  const frames = [];
  window.benchFrames = frames;
  let last = performance.now();
  const tick = (now) => {
    frames.push(now - last);
    last = now;
    if (frames.length < 100000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Times the web app in Debian's Chromium (headless, software rendering): from navigation to the map
 * reporting data-ready, then the frame intervals while the map is dragged for about two seconds.
 * The session cookie is set up front, so the sign-in page is not part of the figure.
 */
export async function timeBrowser(
  url: string,
  cookie: string,
  views: { name: string; at: string }[],
): Promise<BrowserView[]> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  try {
    const [name, value] = cookie.split('=') as [string, string];
    const results: BrowserView[] = [];
    for (const view of views) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 850 } });
      await context.addCookies([{ name, value, url }]);
      const page = await context.newPage();
      // No tiles from outside: the figure is the app's own, not the tile server's.
      await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
      const started = performance.now();
      await page.goto(`${url}/?at=${view.at}`);
      const map = page.locator('[data-testid=map][data-ready=true]');
      await map.waitFor({ timeout: 120_000 });
      const readyMs = performance.now() - started;
      const drawn = await map.getAttribute('data-drawn');
      const box = await page.locator('[data-testid=map]').boundingBox();
      if (!box) throw new Error('the map has no size');
      // A string, not a function: tsx would wrap named functions in a helper the page lacks.
      await page.evaluate(FRAME_RECORDER);
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      for (let step = 0; step < 120; step += 1) {
        // Two seconds of dragging back and forth, a step per 16 ms.
        await page.mouse.move(x + Math.sin(step / 12) * 250, y + Math.cos(step / 15) * 120);
        await page.waitForTimeout(16);
      }
      await page.mouse.up();
      const frames = (await page.evaluate('window.benchFrames.slice(1)')) as number[];
      results.push({ name: view.name, readyMs, panFrames: summarise(frames), drawn });
      await context.close();
    }
    return results;
  } finally {
    await browser.close();
  }
}
