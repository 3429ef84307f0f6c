import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether browser tests can run; under CI=true a missing Chromium is a failure, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true')
    throw new Error(`CI=true but Chromium is missing at ${CHROMIUM_PATH} (apt-get install chromium)`);
  console.warn(
    `Skipping browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
  return false;
}

/** The locale a person's browser has for each interface language (a Kazakh office's, by default). */
export const BROWSER_LOCALE = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' } as const;

/**
 * Debian's Chromium, headless, with nothing that reaches outside this machine, in Kazakh (--lang):
 * left to itself it is American, and its screenshots (date inputs, number formats) are not what an
 * office here sees. (Chromium renders date inputs in its own locale only when Debian's
 * chromium-l10n is installed; without it they stay mm/dd/yyyy whatever the page or context says.)
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--lang=${BROWSER_LOCALE.kk}`,
    ],
  });
}
