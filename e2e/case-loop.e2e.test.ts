// The whole closed loop (闭环) in real browsers against the real server: a 12345 case arrives; the
// county's duty officer accepts it and dispatches it to the grid's worker at the desk (1920×1080);
// the grid worker's phone (390×844) shows the task within 2 s, the worker takes it and marks it
// handled with a photo; the officer verifies it and archives it with an evaluation — and a second
// officer's console (the township's) saw every step live, within a second, without touching it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CaseDetailResponse, CaseStage, JurisdictionResponse } from '../server/wire/index.ts';
import { sessionFor } from '../server/test-fixtures/auth.ts';
import { canvasImage } from '../server/test-fixtures/photos.ts';
import { launchChromium } from './support/chromium.ts';
import { VIEWPORT } from './support/map-page.ts';
import { getJson, inside, loginCookie, postIncidents } from './support/seed.ts';
import { startServer, type RunningServer } from './support/server.ts';

const SLOW = 240_000;
const PHONE = { width: 390, height: 844 };

let server: RunningServer;
let browser: Browser;
/** The phone is another device: its own browser, so its renderer and GPU process are not the desk's. */
let phoneBrowser: Browser;
let adminCookie: string;
let caseId: string;
let gridCode: string;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
/** The county's duty officer works the case; the township's only watches. */
let officer: Page;
let watcher: Page;
let phone: Page;
/** When the watcher saw each stage (ms after the acting browser's action). */
const watched: string[] = [];

/** A browser context signed in with `cookie` (a session of its own), showing `path`. */
async function open(cookie: string, path: string, options: Parameters<Browser['newContext']>[0], on = browser): Promise<Page> {
  const context = await on.newContext(options);
  contexts.push(context);
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  await context.addInitScript(() => localStorage.setItem('yizhangtu.lang', 'zh-CN'));
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${path}: ${e.message}`));
  await page.goto(`${server.url}${path}`);
  await page.waitForSelector('[data-testid="connection"][data-state="connected"]', { timeout: 90_000 });
  return page;
}

/** A console at the desk's size, or a smaller window for the officer who only watches (cheaper to render in software). */
async function openConsole(cookie: string, viewport = VIEWPORT): Promise<Page> {
  const page = await open(cookie, '/', { viewport, deviceScaleFactor: 1 });
  await page.getByTestId('case-queue').waitFor({ timeout: 30_000 });
  await page.locator(`[data-testid="case-row"][data-case-id="${caseId}"] .case-row`).click({ timeout: 30_000 });
  await page.waitForSelector(`[data-testid="case-card"][data-case-id="${caseId}"], [data-testid="case-card"]`);
  return page;
}

const detail = () => getJson<CaseDetailResponse>(`${server.url}/api/v1/cases/${caseId}`, adminCookie);

/** Waits until the watcher's card shows `stage`, and records how long after `since` it did. */
async function watcherSees(stage: CaseStage, since: number): Promise<number> {
  await watcher.waitForSelector(`[data-testid="case-card"][data-stage="${stage}"]`, { timeout: 5_000 });
  const ms = Date.now() - since;
  watched.push(`${stage} ${ms} ms`);
  return ms;
}

/**
 * Presses a command's button in the officer's console once it is offered (the shortcuts are the
 * console test's), and answers when the press landed: the clock of "seen within" starts there, not
 * while a software-rendered page is still busy with its first frames.
 */
async function press(command: string): Promise<number> {
  const button = officer.locator(`[data-command="${command}"]`);
  await button.waitFor({ timeout: 10_000 });
  await button.click();
  return Date.now();
}

beforeAll(async () => {
  server = await startServer();
  [browser, phoneBrowser] = await Promise.all([launchChromium(), launchChromium()]);
  adminCookie = await loginCookie(server.url);
  const j = await getJson<JurisdictionResponse>(`${server.url}/api/v1/jurisdiction`, adminCookie);
  const cell = j.grids.features[7]!;
  gridCode = cell.properties.code;
  const [lng, lat] = inside(cell);
  const posted = await postIncidents(server.url, [{
    source: 'hotline-12345', sourceId: 'e2e-loop-1', category: 'environment', priority: 'normal',
    lng, lat, occurredAt: new Date().toISOString(), description: '小区门口垃圾堆积，散发异味',
  }]);
  caseId = posted.accepted[0]!.id;
  const county = await sessionFor(server.server, { role: 'duty-officer', jurisdictionCode: j.county.properties.code, username: 'e2e-loop-county' });
  const township = await sessionFor(server.server, { role: 'duty-officer', jurisdictionCode: cell.properties.townshipCode, username: 'e2e-loop-town' });
  const worker = await sessionFor(server.server, { role: 'grid-worker', jurisdictionCode: cell.properties.villageCode, username: 'e2e-loop-worker' });
  [officer, watcher] = await Promise.all([openConsole(county.cookie), openConsole(township.cookie, { width: 1280, height: 800 })]);
  phone = await open(worker.cookie, '/field', {
    viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true,
    geolocation: { longitude: lng, latitude: lat, accuracy: 10 }, permissions: ['geolocation'],
  }, phoneBrowser);
  await phone.getByTestId('tasks-empty').waitFor({ timeout: 30_000 });
}, SLOW);

afterAll(async () => {
  console.log(`case loop: the second officer saw ${watched.join(', ')}`);
  for (const c of contexts) await c.close().catch(() => undefined);
  await Promise.all([browser?.close(), phoneBrowser?.close()]);
  await server?.close();
});

describe('the closed loop, desk to phone and back', () => {
  it('the officer accepts the new case; the other officer sees it within a second', async () => {
    await expect(officer.getByTestId('case-card').getAttribute('data-stage')).resolves.toBe('intake');
    expect(await watcherSees('accepted', await press('accept'))).toBeLessThan(1000);
  }, SLOW);

  it('dispatches it to the grid\'s worker: the phone shows the task within 2 s', async () => {
    const started = await press('assign');
    const task = phone.getByTestId(`task-${caseId}`);
    await task.waitFor({ timeout: 2_000 });
    const phoneMs = Date.now() - started;
    console.log(`case loop: dispatched → on the worker's phone after ${phoneMs} ms`);
    expect(phoneMs).toBeLessThan(2000);
    expect(await watcherSees('dispatched', started)).toBeLessThan(1000);
    await expect(task.textContent()).resolves.toContain('小区门口垃圾堆积');
    expect((await detail()).case.assignee).toEqual({ kind: 'grid', gridCode });
  }, SLOW);

  it('the worker takes it and marks it handled with a photo; both consoles follow', async () => {
    await phone.getByTestId(`task-${caseId}`).click();
    await phone.getByTestId('task-detail').waitFor();
    await phone.getByTestId('cmd-accept').click();
    let started = Date.now();
    expect(await watcherSees('handling', started)).toBeLessThan(1000);
    await phone.getByTestId('cmd-handle').click();
    const form = phone.getByTestId('form-handle');
    await form.locator('textarea').fill('已联系物业清运，现场已清理');
    await form.getByTestId('photo-input').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: Buffer.from(await canvasImage('image/png', 64, 48)) });
    await form.locator('.field-thumb img').waitFor();
    await form.getByTestId('form-submit').click();
    started = Date.now();
    expect(await watcherSees('verifying', started)).toBeLessThan(1000);
    await phone.screenshot({ path: 'test-results/case-loop-phone.png' });
    // The officer's timeline shows the worker's photo, served to the officer.
    const photo = officer.locator('[data-testid="case-timeline"] img').first();
    await photo.waitFor({ timeout: 10_000 });
    await officer.waitForFunction(() => (document.querySelector('[data-testid="case-timeline"] img') as HTMLImageElement | null)?.naturalWidth === 64);
  }, SLOW);

  it('the officer verifies and archives with an evaluation; the phone drops the task', async () => {
    expect(await watcherSees('verified', await press('verify'))).toBeLessThan(1000);
    await press('archive');
    const form = officer.getByTestId('form-archive');
    await form.locator('label', { hasText: '基本满意' }).click();
    await expect(form.locator('input[name="satisfaction"][value="basically-satisfied"]').isChecked()).resolves.toBe(true);
    await form.locator('select[name="disposition"]').selectOption('resolved');
    await form.locator('textarea').fill('群众回访基本满意');
    await form.locator('button[type="submit"]').click();
    const started = Date.now();
    expect(await watcherSees('archived', started)).toBeLessThan(1000);
    await officer.screenshot({ path: 'test-results/case-loop-console.png' });

    const { case: c, events } = await detail();
    expect(c.stage).toBe('archived');
    expect(c.evaluation).toMatchObject({ satisfaction: 'basically-satisfied', disposition: 'resolved' });
    expect(events.map((e) => e.type)).toEqual(['created', 'accepted', 'assigned', 'accepted', 'handled', 'verified', 'archived']);
    const who = events.map((e) => (e.actor.type === 'account' ? e.actor.name : e.actor.type));
    expect(who).toEqual(['source', 'e2e-loop-county', 'e2e-loop-county', 'e2e-loop-worker', 'e2e-loop-worker', 'e2e-loop-county', 'e2e-loop-county']);
    // 我的任务 holds open tasks only: the archived case leaves the phone's list.
    await phone.goto(`${server.url}/field`);
    await phone.getByTestId('tasks-empty').waitFor({ timeout: 10_000 });
    expect(errors).toEqual([]);
  }, SLOW);
});
