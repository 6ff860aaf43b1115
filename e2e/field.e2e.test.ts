// The grid worker's phone page in a real browser (Chromium at 390×844, touch, location granted)
// against the real server: a grid worker of one village lands on /field; a case a duty officer
// assigns to the worker's grid over HTTP shows up in 我的任务 within 2 s; the worker takes it (接单)
// and marks it handled with a photo — the server's case is 待核查 with the photo stored; a refusal
// (the case reassigned under the worker's hands) is shown with the server's reason; 发现上报 with the
// phone's position makes a grid-report case in the worker's grid, its photo stored with it. Header,
// tabs and content never overlap, and nothing covers the maps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CaseDetailResponse, Incident, JurisdictionResponse } from '../server/wire/index.ts';
import { sessionFor } from '../server/test-fixtures/auth.ts';
import { canvasImage } from '../server/test-fixtures/photos.ts';
import { launchChromium } from './support/chromium.ts';
import { getJson, inside, loginCookie, postIncidents } from './support/seed.ts';
import { startServer, type RunningServer } from './support/server.ts';

const PHONE = { width: 390, height: 844 };
/** Per test: a software renderer under load can take seconds per frame. */
const SLOW = 240_000;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let grid: { code: string; at: [number, number] };
let worker: { accountId: number; cookie: string };
let duty: { accountId: number; cookie: string };
const errors: string[] = [];

async function command(caseId: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${server.url}/api/v1/cases/${caseId}/commands`, {
    method: 'POST', headers: { cookie: duty.cookie, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
}

const caseOf = (id: string) => getJson<CaseDetailResponse>(`${server.url}/api/v1/cases/${id}`, duty.cookie);

/** A hotline case at the worker's grid, accepted by the duty officer (version 2), not yet assigned. */
async function acceptedCase(n: number, description: string): Promise<string> {
  const [lng, lat] = grid.at;
  const posted = await postIncidents(server.url, [{
    source: 'hotline-12345', sourceId: `e2e-field-${n}`, category: 'environment', priority: 'normal',
    lng: lng + 0.0004 * n, lat, occurredAt: new Date().toISOString(), description,
  }]);
  const id = posted.accepted[0]!.id;
  const res = await command(id, { type: 'accept', expectedVersion: 1 });
  expect(res.status, await res.clone().text()).toBe(200);
  return id;
}

/** Boxes of the page's header, tab bar and content, and whether they stay apart and inside the phone. */
async function layout(p: Page) {
  return p.evaluate(() => {
    const box = (id: string) => document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
    const [header, tabs, main] = ['field-header', 'field-tabs', 'field-main'].map(box) as [DOMRect, DOMRect, DOMRect];
    return {
      header: { top: header.top, bottom: header.bottom }, tabs: { top: tabs.top, bottom: tabs.bottom },
      main: { top: main.top, bottom: main.bottom },
      scrollWidth: document.documentElement.scrollWidth,
      // Every visible control narrower or lower than a finger.
      small: [...document.querySelectorAll<HTMLElement>('.field button, .field a.field-btn, .field-chips label, .field-thumb-add')]
        .filter((el) => el.offsetParent !== null && !el.closest('.maplibregl-ctrl'))
        .map((el) => ({ el: el.textContent ?? el.className, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.height < 44 || r.width < 44)
        .map(({ el, r }) => `${el} ${Math.round(r.width)}×${Math.round(r.height)}`),
    };
  });
}

/** True when the centre of a map is the map itself (no panel or header over it). */
async function mapUncovered(p: Page, testId: string): Promise<boolean> {
  return p.evaluate((id) => {
    const map = document.querySelector(`[data-testid="${id}"]`)!;
    const r = map.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.height >= 150 && r.width >= 300 && hit !== null && map.contains(hit);
  }, testId);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const admin = await loginCookie(server.url);
  const j = await getJson<JurisdictionResponse>(`${server.url}/api/v1/jurisdiction`, admin);
  const g = j.grids.features[5]!;
  grid = { code: g.properties.code, at: inside(g) };
  worker = await sessionFor(server.server, { role: 'grid-worker', jurisdictionCode: grid.code.slice(0, 12) });
  duty = await sessionFor(server.server, { role: 'duty-officer', jurisdictionCode: j.county.properties.code });
  const [lng, lat] = grid.at;
  context = await browser.newContext({
    viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    geolocation: { longitude: lng - 0.0006, latitude: lat - 0.0004, accuracy: 12 }, permissions: ['geolocation'],
  });
  const [name, value] = worker.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  await context.addInitScript(() => localStorage.setItem('yizhangtu.lang', 'zh-CN'));
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="connection"][data-state="connected"]', { timeout: 90_000 });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the grid worker on a phone', () => {
  it('lands on /field from /, with header, tabs and content apart and nothing wider than the phone', async () => {
    expect(new URL(page.url()).pathname).toBe('/field');
    await page.getByTestId('tasks-empty').waitFor();
    const l = await layout(page);
    expect(l.header.top).toBeGreaterThanOrEqual(0);
    expect(l.header.bottom).toBeLessThanOrEqual(l.tabs.top);
    expect(l.tabs.bottom).toBeLessThanOrEqual(l.main.top);
    expect(l.main.bottom).toBeLessThanOrEqual(PHONE.height);
    expect(l.scrollWidth).toBeLessThanOrEqual(PHONE.width);
    expect(l.small).toEqual([]);
    expect(errors).toEqual([]);
  }, SLOW);

  it('shows a case in 我的任务 within 2 s of the duty officer assigning it to the grid', async () => {
    const id = await acceptedCase(1, '河道漂浮垃圾');
    const started = Date.now();
    const res = await command(id, { type: 'assign', expectedVersion: 2, assignee: { kind: 'grid', gridCode: grid.code } });
    expect(res.status, await res.clone().text()).toBe(200);
    await page.getByTestId(`task-${id}`).waitFor({ timeout: 2000 });
    const ms = Date.now() - started;
    console.log(`field: assigned case on the phone after ${ms} ms`);
    expect(ms).toBeLessThan(2000);
    await expect(page.getByTestId(`task-${id}`).textContent()).resolves.toContain('河道漂浮垃圾');
    await expect(page.getByTestId(`task-${id}`).getAttribute('data-stage')).resolves.toBe('dispatched');
    await page.getByTestId('tasks-map').locator('[data-testid="marker-case"]').first().waitFor();
    await expect(page.getByTestId(`task-${id}`).getByTestId('way-to').textContent()).resolves.toMatch(/距您 \d+ 米，(东北|北|东)方向/);
    expect(await mapUncovered(page, 'tasks-map')).toBe(true);
    await page.screenshot({ path: '/tmp/field-tasks.png' });
  }, SLOW);

  it('takes the task and marks it handled with a photo: the case is 待核查 with the photo stored', async () => {
    const card = page.locator('[data-testid^="task-"][data-stage]').first();
    const id = (await card.getAttribute('data-testid'))!.slice('task-'.length);
    await card.click();
    await page.getByTestId('task-detail').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/field/task/${id}`);
    await page.getByTestId('task-map').locator('[data-testid="marker-case"]').waitFor();
    await page.getByTestId('task-map').locator('[data-testid="marker-me"]').waitFor();
    expect(await mapUncovered(page, 'task-map')).toBe(true);
    await expect(page.getByTestId('navigate').getAttribute('href')).resolves.toMatch(/^geo:32\.\d{6},119\.\d{6}\?q=/);

    await page.getByTestId('cmd-accept').click();
    await expect(page.getByTestId('task-message').textContent()).resolves.toBe('已接单');
    await page.getByTestId('cmd-handle').waitFor();
    expect((await caseOf(id)).case.stage).toBe('handling');

    await page.getByTestId('cmd-handle').click();
    const form = page.getByTestId('form-handle');
    await form.locator('textarea').fill('垃圾已清理，河面干净');
    const png = Buffer.from(await canvasImage('image/png', 64, 48));
    await form.getByTestId('photo-input').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: png });
    await form.locator('.field-thumb img').waitFor();
    await page.screenshot({ path: '/tmp/field-handle.png' });
    await form.getByTestId('form-submit').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="task-message"]')?.textContent === '已办结，等待核查');

    const done = await caseOf(id);
    expect(done.case.stage).toBe('verifying');
    const handled = done.events.find((e) => e.type === 'handled');
    expect(handled?.type === 'handled' && handled.payload).toMatchObject({ note: '垃圾已清理，河面干净', photos: [expect.any(String)] });
    const photoId = handled?.type === 'handled' ? handled.payload.photos[0]! : '';
    const photo = await fetch(`${server.url}/api/v1/cases/${id}/photos/${photoId}`, { headers: { cookie: duty.cookie } });
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/png');
    // The record on the phone shows the step with its photo, loaded from the server.
    const shown = page.getByTestId('task-timeline').locator('img[data-testid="timeline-photo"]').first();
    await shown.waitFor();
    await page.waitForFunction(() => (document.querySelector('img[data-testid="timeline-photo"]') as HTMLImageElement | null)?.naturalWidth === 64);
    await page.screenshot({ path: '/tmp/field-task.png', fullPage: true });
    const l = await layout(page);
    expect(l.header.bottom).toBeLessThanOrEqual(l.tabs.top);
    expect(l.tabs.bottom).toBeLessThanOrEqual(l.main.top);
    expect(l.scrollWidth).toBeLessThanOrEqual(PHONE.width);
    expect(l.small).toEqual([]);
  }, SLOW);

  it('says why when the server refuses: the task was reassigned while the worker wrote', async () => {
    const id = await acceptedCase(2, '占道经营');
    expect((await command(id, { type: 'assign', expectedVersion: 2, assignee: { kind: 'grid', gridCode: grid.code } })).status).toBe(200);
    await page.getByTestId('field-header').waitFor();
    await page.goBack(); // the list, as the phone's back button does
    await page.getByTestId(`task-${id}`).click();
    await page.getByTestId('cmd-feedback').click();
    await page.getByTestId('form-feedback').locator('textarea').fill('正在劝离');
    const res = await command(id, { type: 'assign', expectedVersion: 3, assignee: { kind: 'account', accountId: duty.accountId, name: '值班员' } });
    expect(res.status, await res.clone().text()).toBe(200);
    // The reassignment reaches the open card live (its form stays open with the worker's words).
    await page.locator('[data-testid="task-detail"][data-version="4"]').waitFor({ timeout: 2000 });
    await page.getByTestId('form-submit').click();
    const message = page.getByTestId('task-message');
    await message.waitFor();
    await expect(message.textContent()).resolves.toMatch(/^未执行（403）：.*not assigned to you/);
    await expect(message.getAttribute('role')).resolves.toBe('alert');
    expect((await caseOf(id)).events.some((e) => e.type === 'feedback')).toBe(false);
  }, SLOW);

  it('reports a new issue at the phone\'s position (发现上报): a grid-report case in the worker\'s grid, its photo stored', async () => {
    await page.getByTestId('tab-report').click();
    expect(new URL(page.url()).pathname).toBe('/field/report');
    const where = page.getByTestId('report-location');
    await page.waitForFunction(() => document.querySelector('[data-testid="report-location"]')?.getAttribute('data-source') === 'gps');
    await expect(where.textContent()).resolves.toBe('当前定位（±12 米）');
    expect(await mapUncovered(page, 'report-map')).toBe(true);
    // A tap on the map picks the place instead; the worker can go back to the position.
    const box = (await page.getByTestId('report-map').boundingBox())!;
    await page.touchscreen.tap(box.x + box.width * 0.3, box.y + box.height * 0.6);
    await expect(where.getAttribute('data-source')).resolves.toBe('map');
    await page.getByRole('button', { name: '改用当前定位' }).click();
    await expect(where.getAttribute('data-source')).resolves.toBe('gps');

    await page.getByTestId('category-public-order').click();
    await page.locator('textarea[name="description"]').fill('路口有人聚集争吵');
    const jpeg = Buffer.from(await canvasImage('image/jpeg', 80, 60));
    await page.getByTestId('photo-input').setInputFiles({ name: 'crowd.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.locator('.field-thumb img').waitFor();
    await page.screenshot({ path: '/tmp/field-report.png', fullPage: true });
    const l = await layout(page);
    expect(l.scrollWidth).toBeLessThanOrEqual(PHONE.width);
    expect(l.small).toEqual([]);

    const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && /\/cases\/[^/]+\/photos$/.test(r.url()));
    await page.getByTestId('report-submit').click();
    const photoRes = await uploaded;
    expect(photoRes.status()).toBe(201);
    const result = page.getByTestId('report-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain('1 张照片已上传');
    await page.screenshot({ path: '/tmp/field-report-sent.png' });
    const id = (await result.getAttribute('data-case-id'))!;

    const incident = await getJson<Incident>(`${server.url}/api/v1/incidents/${id}`, duty.cookie);
    expect(incident).toMatchObject({ source: 'grid-report', category: 'public-order', description: '路口有人聚集争吵', villageCode: grid.code.slice(0, 12) });
    // Attributed to the account: its sourceId lies in the account's own namespace.
    expect(incident.sourceId.startsWith(`a${worker.accountId}.`)).toBe(true);
    const [lng, lat] = grid.at;
    expect(Math.abs(incident.lng - (lng - 0.0006))).toBeLessThan(1e-6);
    expect(Math.abs(incident.lat - (lat - 0.0004))).toBeLessThan(1e-6);
    expect((await caseOf(id)).case).toMatchObject({ stage: 'intake', source: 'grid-report', centreCode: grid.code.slice(0, 12) });
    const { photo } = (await photoRes.json()) as { photo: { id: string } };
    const stored = await fetch(`${server.url}/api/v1/cases/${id}/photos/${photo.id}`, { headers: { cookie: duty.cookie } });
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-type')).toBe('image/jpeg');
    // …and in the case's record: the reporter's note carries it, so the duty officer sees it.
    const detail = await caseOf(id);
    expect(detail.case.reporterAccountId).toBe(worker.accountId);
    const note = detail.events.find((e) => e.type === 'note');
    expect(note).toMatchObject({ actor: { type: 'account', id: worker.accountId }, payload: { photos: [photo.id] } });
    expect(errors).toEqual([]);
  }, SLOW);
});
