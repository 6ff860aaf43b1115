// The product as a new user first meets it: the demo feed on, signing in through the form, the
// whole county live at 1920×1080 (screenshots kept in test-results/), and a dropped connection said
// out loud.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { ADMIN } from './support/credentials.ts';
import { openApp, settle, VIEWPORT } from './support/map-page.ts';
import { startServer, type RunningServer } from './support/server.ts';

const RESULTS = path.resolve(import.meta.dirname, '../test-results');

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  // Two hours of back-filled history (incidents and their loop) is plenty for what this file checks.
  server = await startServer({ demoFeed: true }, { demo: { backfillHours: 2 } });
  browser = await launchChromium();
  await mkdir(RESULTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until the demo feed's pins, units and counts are on the page and the map is still. */
async function waitForLiveCounty(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.incident-row').length >= 20, null, { timeout: 60_000 });
  await page.waitForFunction(() => /[1-9]/.test(document.querySelector('[data-testid="kpi-incidents"] .kpi-value')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.evaluate(() => window.__yizhangtu!.map.fire('moveend'));
  await settle(page);
  await page.waitForTimeout(1500);
}

/**
 * The duty officer's pick from the live list: with the pointer over the list, the rows hold still
 * while the demo feed keeps posting (the new ones are counted, not inserted above the pointer), so
 * the first row is the one clicked; the map flies to it and shows its details.
 */
async function pickFromHeldList(page: Page): Promise<void> {
  await page.getByTestId('incident-list').hover({ position: { x: 200, y: 8 } });
  await page.waitForSelector('[data-testid="incident-list"][data-held="true"]', { timeout: 10_000 });
  const aimed = await page.locator('.incident-row').first().getAttribute('data-incident-id');
  // The demo feed posts about one incident every 2 s (fewer at night): wait for one to arrive.
  await page.getByTestId('incidents-waiting').waitFor({ timeout: 120_000 });
  expect(await page.locator('.incident-row').first().getAttribute('data-incident-id')).toBe(aimed);
  await page.locator('.incident-row').first().click();
  await page.getByTestId('details').waitFor();
  expect(await page.locator('.incident-row.selected').getAttribute('data-incident-id')).toBe(aimed);
  await settle(page);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: path.join(RESULTS, 'yizhangtu-1920x1080-incident.png') });
}

describe('the demo county, first start', () => {
  it('signs in through the login form and labels the demo data', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    await page.goto(server.url);
    const form = page.getByTestId('login-form');
    await form.locator('input[name="username"]').fill(ADMIN.username);
    await form.locator('input[name="password"]').fill('not the password');
    await form.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('用户名或密码错误');
    await form.locator('input[name="password"]').fill(ADMIN.password);
    await form.getByRole('button', { name: '登录' }).click();
    await page.waitForSelector('[data-testid="connection"][data-state="connected"]', { timeout: 90_000 });
    await expect(page.getByTestId('demo-badge').textContent()).resolves.toBe('演示数据');
    await expect(page.getByTestId('user-menu').textContent()).resolves.toContain(ADMIN.username);
    await page.close();
  }, 180_000);

  // Slow in a software renderer: each page renders the whole live county at 1920×1080. Pages are
  // closed even when a check fails, so a failure does not leave a live county rendering beside the
  // next test's page.
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shows the whole county live at 1920×1080 in ${lang} (screenshots in test-results/)`, async () => {
      const page = await openApp(browser, server.url, lang);
      try {
        await waitForLiveCounty(page);
        expect(await page.locator('.incident-row').count()).toBeGreaterThanOrEqual(20);
        // Patrol units of the demo feed are on the map.
        await expect(page.locator('.kpi').nth(1).locator('.kpi-value').textContent()).resolves.toMatch(/^[1-9]\d*\//);
        await page.screenshot({ path: path.join(RESULTS, `yizhangtu-1920x1080-${lang}.png`) });
        if (lang === 'zh-CN') await pickFromHeldList(page);
      } finally {
        await page.close();
      }
    }, 300_000);
  }

  it('says when the live connection is lost', async () => {
    const page = await openApp(browser, server.url);
    try {
      await server.close();
      await page.waitForSelector('[data-testid="connection"][data-state="reconnecting"]', { timeout: 60_000 });
      await expect(page.getByTestId('connection').textContent()).resolves.toContain('重连中');
      await expect(page.getByTestId('as-of').getAttribute('class')).resolves.toContain('stale');
    } finally {
      await page.close();
    }
  }, 180_000);
});
