import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Launches Chromium, or fails with what to install: a browser test that cannot run must say
 * so, never pass by skipping.
 */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM} (Debian: apt-get install chromium ` +
        'fonts-noto-cjk; .ci/run installs both), or CHROMIUM_PATH naming another Chromium.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
