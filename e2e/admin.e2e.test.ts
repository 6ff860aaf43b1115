// The admin page in a real browser against the real server: an admin opens it from the user menu,
// creates a duty officer for one township (its one-time password shown once), sees a refusal's
// reason, creates and revokes a display link, issues an API key shown once, finds the account's
// creation in the audit log and verifies the chain; the new duty officer, after changing the
// one-time password, has no way into the admin page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { JurisdictionResponse } from '../server/wire/index.ts';
import { launchChromium } from './support/chromium.ts';
import { ADMIN } from './support/credentials.ts';
import { VIEWPORT } from './support/map-page.ts';
import { getJson, loginCookie } from './support/seed.ts';
import { startServer, type RunningServer } from './support/server.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
let township: { code: string; name: string };
const officer = { username: 'e2e-duty', password: '', newPassword: 'Harbour-lantern-7-quiet' };

/** Signs in through the login form, as a user would. */
async function signIn(p: Page, username: string, password: string): Promise<void> {
  const form = p.getByTestId('login-form');
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
}

/** Clicks a two-step (arm, then confirm) button. */
async function confirmClick(p: Page, button: ReturnType<Page['locator']>): Promise<void> {
  await button.click();
  await button.click();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const cookie = await loginCookie(server.url);
  const j = await getJson<JurisdictionResponse>(`${server.url}/api/v1/jurisdiction`, cookie);
  township = j.townships.features[1]!.properties;
  page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  await page.addInitScript(() => localStorage.setItem('yizhangtu.lang', 'zh-CN'));
  await page.goto(server.url);
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByTestId('user-menu').waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the admin page', () => {
  it('opens from the user menu at #/admin', async () => {
    await page.getByTestId('admin-link').click();
    await page.getByTestId('admin-page').waitFor();
    expect(new URL(page.url()).hash).toBe('#/admin');
    await expect(page.getByTestId('admin-page').locator('h1').textContent()).resolves.toBe('系统管理');
  });

  it('creates a duty officer for one township and shows the one-time password once', async () => {
    const form = page.getByTestId('account-form');
    await form.locator('input[name="username"]').fill(officer.username);
    await form.locator('select[name="role"]').selectOption('duty-officer');
    await form.locator('select[name="jurisdiction"]').selectOption(township.code);
    await form.locator('button[type="submit"]').click();
    const secret = page.getByTestId('one-time-secret');
    await expect(secret.textContent()).resolves.toContain(officer.username);
    officer.password = await secret.getByTestId('secret-value').inputValue();
    expect(officer.password.length).toBeGreaterThanOrEqual(12);
    const row = page.getByTestId(`account-${officer.username}`);
    await row.waitFor();
    await expect(row.locator('select[aria-label="角色"]').inputValue()).resolves.toBe('duty-officer');
    await expect(row.locator('select[aria-label="辖区"]').inputValue()).resolves.toBe(township.code);
    await expect(row.textContent()).resolves.toContain('待修改密码');
    await page.getByRole('button', { name: '我已保存' }).click();
    await expect(page.getByTestId('one-time-secret').count()).resolves.toBe(0);
    await expect(page.content()).resolves.not.toContain(officer.password);
  });

  it('shows the server\'s reason when a change is refused', async () => {
    const form = page.getByTestId('account-form');
    await form.locator('input[name="username"]').fill(officer.username);
    await form.locator('button[type="submit"]').click();
    await expect(page.getByTestId('admin-error').textContent()).resolves.toMatch(/409.*taken/);
    // The admin cannot disable their own account either, and is told why.
    await page.getByTestId(`account-${ADMIN.username}`).getByRole('button', { name: '停用' }).click();
    await expect(page.getByTestId('admin-error').textContent()).resolves.toMatch(/409.*your own account/);
  });

  it('creates a display link, shows its address once, and revokes it', async () => {
    await page.getByTestId('admin-tab-links').click();
    const section = page.getByTestId('admin-links');
    await section.locator('input[name="label"]').fill('e2e-wall');
    await section.locator('button[type="submit"]').click();
    const url = await page.getByTestId('secret-value').inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/display/[A-Za-z0-9_-]+$`));
    const row = page.getByTestId('link-e2e-wall');
    await expect(row.getByTestId('status').textContent()).resolves.toBe('有效');
    await confirmClick(page, row.getByRole('button', { name: /撤销/ }));
    await page.waitForFunction(() => document.querySelector('[data-testid="link-e2e-wall"] [data-testid="status"]')?.textContent === '已撤销');
    const redeemed = await fetch(url, { redirect: 'manual' });
    expect(redeemed.status).toBe(404);
  });

  it('issues an API key for a source and shows it once', async () => {
    await page.getByTestId('admin-tab-keys').click();
    const section = page.getByTestId('admin-keys');
    await section.locator('input[name="source"]').fill('camera-ai');
    await section.locator('button[type="submit"]').click();
    await expect(page.getByTestId('one-time-secret').textContent()).resolves.toContain('camera-ai');
    const key = await page.getByTestId('secret-value').inputValue();
    expect(key.length).toBeGreaterThanOrEqual(24);
    // The key is a real one: the server accepts it (a junk key would be 401).
    const posted = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: '[]',
    });
    expect([401, 403]).not.toContain(posted.status);
    await page.getByRole('button', { name: '我已保存' }).click();
    await expect(section.locator('tbody').textContent()).resolves.toContain('camera-ai');
    await expect(page.content()).resolves.not.toContain(key);
  });

  it('lists the account creation in the audit log, verifies the chain and links the exports', async () => {
    await page.getByTestId('admin-tab-audit').click();
    const created = page.locator('[data-testid="audit-rows"] tr[data-action="account.created"]');
    await created.first().waitFor();
    await expect(created.first().textContent()).resolves.toContain(officer.username);
    await expect(created.first().textContent()).resolves.toContain(ADMIN.username);
    await page.getByTestId('audit-verify').click();
    await expect(page.getByTestId('audit-verdict').textContent()).resolves.toMatch(/哈希链完整：已校验 \d+ 条记录/);
    const csv = await page.request.get(new URL((await page.getByTestId('audit-csv').getAttribute('href'))!, server.url).href);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('account.created');
    await expect(page.getByTestId('audit-ndjson').getAttribute('href')).resolves.toBe('/api/v1/audit/export?format=ndjson');
  });

  it('goes back to the map', async () => {
    await page.getByTestId('admin-close').click();
    await expect(page.getByTestId('admin-page').count()).resolves.toBe(0);
    expect(new URL(page.url()).hash).toBe('');
  });

  it('gives the new duty officer, after the forced password change, no admin link and no admin page', async () => {
    await page.getByTestId('user-menu').getByRole('button', { name: '退出' }).click();
    await signIn(page, officer.username, officer.password);
    const inputs = page.locator('form input[type="password"]');
    await inputs.nth(2).waitFor();
    await inputs.nth(0).fill(officer.password);
    await inputs.nth(1).fill(officer.newPassword);
    await inputs.nth(2).fill(officer.newPassword);
    await page.locator('form button[type="submit"]').click();
    const menu = page.getByTestId('user-menu');
    // Either the app comes up, or the form says why not (which then fails the test with the reason).
    await menu.or(page.locator('.auth-error')).waitFor({ timeout: 60_000 });
    await expect(page.locator('.auth-error').count()).resolves.toBe(0);
    await expect(menu.textContent()).resolves.toContain(officer.username);
    await expect(menu.textContent()).resolves.toContain('值班员');
    await expect(page.getByTestId('admin-link').count()).resolves.toBe(0);
    await page.goto(`${server.url}/#/admin`);
    await page.getByTestId('user-menu').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('admin-page').count()).resolves.toBe(0);
  });
});
