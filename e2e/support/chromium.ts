// Headless Debian Chromium for the browser tests. WebGL2 runs in software (SwiftShader), so the map
// and every deck.gl layer really render. A missing browser fails the suite: it is never skipped.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches Chromium, or throws with what to install. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    const where = process.env.CI === 'true' ? 'CI must install it (.ci/run does: apt-get install chromium)' : 'install it: apt-get install chromium fonts-noto-cjk';
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; the browser tests need it and are never skipped — ${where}, or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
