// The duty console in two real browsers against the real server: a county duty officer and the
// township's duty officer work one 110 fire alarm. One accepts (with the A key) and the other's
// card and queue follow within a second; both dispatch it at the same moment (S) — one wins, the
// other is told someone changed it and sees its current state; both write a note at once and the
// late one keeps what it wrote; then the server's clock passes the step's limit and the case moves
// under 超时 with a red ring on the map.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { CaseDetailResponse, GridProps, JurisdictionResponse } from '../server/wire/index.ts';
import { launchChromium } from './support/chromium.ts';
import { colorDistance, jumpTo, pixelAt, project, settle, VIEWPORT } from './support/map-page.ts';
import { getJson, inside, loginCookie, postIncidents } from './support/seed.ts';
import { startServer, type RunningServer } from './support/server.ts';

const SLOW = 240_000;
const RESULTS = path.resolve(import.meta.dirname, '../test-results');

/** The server's clock: the test moves it past a time limit (live ticks pop overdue cases by it). */
let clockOffsetMs = 0;
const serverNow = () => Date.now() + clockOffsetMs;

let server: RunningServer;
let browser: Browser;
let adminCookie: string;
let grid: GridProps;
let place: [number, number];
let caseId: string;
const contexts: BrowserContext[] = [];
/** The county's duty officer and the township's (its centre power covers the village case too). */
let county: Page;
let township: Page;

interface Officer { username: string; password: string; jurisdictionCode: string }

async function createOfficer(o: Officer): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: adminCookie },
    body: JSON.stringify({ ...o, role: 'duty-officer', mustChangePassword: false }),
  });
  if (res.status !== 201) throw new Error(`create ${o.username}: ${res.status} ${await res.text()}`);
}

/** A browser context of its own (its own session), signed in, with the map up and the socket live. */
async function openConsole(o: Officer): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => localStorage.setItem('yizhangtu.lang', 'zh-CN'));
  const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: { username: o.username, password: o.password } });
  if (!login.ok()) throw new Error(`login as ${o.username}: ${login.status()} ${await login.text()}`);
  await page.goto(server.url);
  try {
    await page.waitForSelector('[data-testid="connection"][data-state="connected"]', { timeout: 90_000 });
    await page.waitForFunction(() => window.__yizhangtu?.map.loaded() === true, null, { timeout: 90_000 });
    await page.getByTestId('case-queue').waitFor({ timeout: 30_000 });
  } catch (err) {
    throw new Error(`the console did not come up for ${o.username}: ${(err as Error).message}; page errors: ${errors.join(' | ') || 'none'}`, { cause: err });
  }
  return page;
}

const card = (p: Page) => p.getByTestId('case-card');
const notice = (p: Page) => p.getByTestId('command-notice');

/** Clears what the last command came to, so the next notice is the next command's. */
async function dismissNotice(p: Page): Promise<void> {
  if (await notice(p).count()) await notice(p).locator('.notice-close').click();
  await expect(notice(p).count()).resolves.toBe(0);
}

/** The ids the map's overdue-ring layer draws. */
function ringedIds(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const overlay = window.__yizhangtu!.deck as unknown as { _props: { layers: { id: string; props: { data: { id: string }[] } }[] } };
    return overlay._props.layers.find((l) => l.id === 'incident-overdue')?.props.data.map((d) => d.id) ?? [];
  });
}

async function caseDetail(): Promise<CaseDetailResponse> {
  return getJson<CaseDetailResponse>(`${server.url}/api/v1/cases/${caseId}`, adminCookie);
}

beforeAll(async () => {
  server = await startServer({}, { now: serverNow });
  browser = await launchChromium();
  await mkdir(RESULTS, { recursive: true });
  adminCookie = await loginCookie(server.url);
  const j = await getJson<JurisdictionResponse>(`${server.url}/api/v1/jurisdiction`, adminCookie);
  const cell = j.grids.features[3]!;
  grid = cell.properties;
  place = inside(cell);
  const officers: Officer[] = [
    { username: 'e2e-county-duty', password: 'County-duty-lantern-4829', jurisdictionCode: j.county.properties.code },
    { username: 'e2e-town-duty', password: 'Town-duty-harbour-7351', jurisdictionCode: grid.townshipCode },
  ];
  for (const o of officers) await createOfficer(o);
  // An urgent fire alarm from 110: accept within 5 min, handle within 2 h (data/time-limits.json).
  const posted = await postIncidents(server.url, [{
    source: 'alarm-110', sourceId: 'e2e-console-fire-1', category: 'fire', priority: 'urgent',
    lng: place[0], lat: place[1], occurredAt: new Date(serverNow()).toISOString(), description: '厂房冒烟，有人被困',
  }]);
  caseId = posted.accepted[0]!.id;
  [county, township] = await Promise.all(officers.map(openConsole)) as [Page, Page];
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
});

describe('the duty console, two officers on one case', () => {
  it('lists the new case under 待受理 with its count, and opens its card from the queue', async () => {
    for (const p of [county, township]) {
      await expect.poll(() => p.getByTestId('queue-count-new').textContent(), { timeout: 10_000 }).toBe('1');
      const row = p.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
      await row.locator('.case-row').click();
      await expect(card(p).getAttribute('data-stage')).resolves.toBe('intake');
      await expect(p.getByTestId('details-description').textContent()).resolves.toBe('厂房冒烟，有人被困');
      await expect(p.locator('[data-testid="case-stepper"] [data-step="accept"]').getAttribute('data-status')).resolves.toBe('current');
      await expect(p.getByTestId('case-countdown').getAttribute('data-overdue')).resolves.toBe('false');
      // Exactly the commands the server offers: at intake no dispatch yet.
      await p.locator('[data-command="accept"]').waitFor();
      await expect(p.locator('[data-command="assign"]').count()).resolves.toBe(0);
    }
  }, SLOW);

  it('accepts with the A key; the other officer\'s card and queue show it within a second', async () => {
    await county.locator('[data-command="accept"]').waitFor();
    const started = Date.now();
    await county.keyboard.press('a');
    await township.waitForSelector('[data-testid="case-card"][data-stage="accepted"]', { timeout: 5_000 });
    const cardMs = Date.now() - started;
    await expect.poll(() => township.getByTestId('queue-count-open').textContent(), { timeout: 5_000 }).toBe('1');
    const queueMs = Date.now() - started;
    console.log(`accept → other officer's card ${cardMs} ms, queue counts ${queueMs} ms`);
    expect(cardMs).toBeLessThan(1000);
    expect(queueMs).toBeLessThan(1000);
    await expect(township.getByTestId('queue-count-new').textContent()).resolves.toBe('0');
    await expect.poll(() => township.getByTestId('step-who-accept').textContent()).toBe('e2e-county-duty');
    await expect(township.getByTestId('case-owner').textContent()).resolves.toContain('e2e-county-duty');
    await expect(notice(county).getAttribute('data-kind')).resolves.toBe('done');
  }, SLOW);

  it('both dispatch at once with the same version: one is applied, the other sees 409 and the current state', async () => {
    for (const p of [county, township]) await p.locator('[data-command="assign"]').waitFor();
    const seen = await Promise.all([county, township].map((p) => card(p).getAttribute('data-version')));
    expect(seen).toEqual(['2', '2']);
    for (const p of [county, township]) await dismissNotice(p);
    await Promise.all([county.keyboard.press('s'), township.keyboard.press('s')]);
    const kinds = await Promise.all([county, township].map(async (p) => {
      await notice(p).waitFor({ timeout: 10_000 });
      return notice(p).getAttribute('data-kind');
    }));
    expect([...kinds].sort()).toEqual(['done', 'stale']);
    const late = kinds[0] === 'stale' ? county : township;
    await expect(notice(late).textContent()).resolves.toContain('有人刚刚更改了此案件');
    await expect(late.getByTestId('command-reason').textContent()).resolves.toMatch(/someone changed it|changed while/);
    // The late officer's card shows the case as it is now: dispatched to the grid's worker.
    await late.waitForSelector('[data-testid="case-card"][data-stage="dispatched"][data-version="3"]', { timeout: 5_000 });
    await expect(late.getByTestId('case-assignee').textContent()).resolves.toContain(grid.worker.name);
    const detail = await caseDetail();
    expect(detail.events.filter((e) => e.type === 'assigned')).toHaveLength(1);
    expect(detail.case.version).toBe(3);
    await late.screenshot({ path: path.join(RESULTS, 'cases-console-409.png') });
  }, SLOW);

  it('a note refused as stale keeps what the officer wrote, and goes through when sent again', async () => {
    for (const p of [county, township]) {
      await dismissNotice(p);
      await p.locator('[data-command="note"]').waitFor();
      await p.keyboard.press('n');
      await p.getByTestId('form-note').locator('textarea').fill(p === county ? '已联系消防中队' : '已通知村委会疏散群众');
    }
    // Sent at the same moment (Ctrl+Enter in the note box), before either hears of the other.
    await Promise.all([county, township].map((p) => p.keyboard.press('Control+Enter')));
    const kinds = await Promise.all([county, township].map(async (p) => {
      await notice(p).waitFor({ timeout: 10_000 });
      return notice(p).getAttribute('data-kind');
    }));
    expect([...kinds].sort()).toEqual(['done', 'stale']);
    const late = kinds[0] === 'stale' ? county : township;
    const text = late === county ? '已联系消防中队' : '已通知村委会疏散群众';
    await expect(late.getByTestId('form-note').locator('textarea').inputValue()).resolves.toBe(text);
    await late.waitForSelector('[data-testid="case-card"][data-version="4"]', { timeout: 5_000 });
    await late.getByTestId('form-note').locator('button[type="submit"]').click();
    await expect.poll(() => notice(late).getAttribute('data-kind'), { timeout: 10_000 }).toBe('done');
    const notes = (await caseDetail()).events.flatMap((e) => (e.type === 'note' ? [e.payload.text] : []));
    expect(notes.sort()).toEqual(['已联系消防中队', '已通知村委会疏散群众'].sort());
    await expect.poll(() => county.locator('[data-testid="case-timeline"] [data-event="note"]').count(), { timeout: 5_000 }).toBe(2);
  }, SLOW);

  it('past the step\'s limit by the server\'s clock, the case is under 超时 and its ring on the map turns red', async () => {
    const page = township;
    await jumpTo(page, place[0], place[1], 16);
    const { x, y } = await project(page, place[0], place[1]);
    // On the ring: an urgent pin's radius (10 px) plus the ring's gap (3 px), above the pin (the
    // grid's name is drawn across it and its count under it).
    const ringPixel = () => pixelAt(page, x, y - 13);
    const red = [239, 68, 68];
    expect(colorDistance(await ringPixel(), red)).toBeGreaterThan(60);
    expect(await ringedIds(page)).not.toContain(caseId);

    const { case: c } = await caseDetail();
    clockOffsetMs = Date.parse(c.stepDueAt!) - Date.now() + 60_000;
    await expect.poll(() => page.getByTestId('queue-count-overdue').textContent(), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => ringedIds(page), { timeout: 10_000 }).toContain(caseId);
    await expect(page.getByTestId('case-countdown').getAttribute('data-overdue')).resolves.toBe('true');
    await expect(page.getByTestId('case-step-due').textContent()).resolves.toMatch(/^超时 /);
    await settle(page);
    expect(colorDistance(await ringPixel(), red)).toBeLessThan(40);

    await page.getByTestId('queue-tab-overdue').click();
    await page.locator(`[data-testid="case-rows"] [data-case-id="${caseId}"]`).waitFor({ timeout: 10_000 });
    await expect(page.locator('[data-testid="case-row"]').count()).resolves.toBe(1);
    // The county's 卡点 layer counts it in its township.
    await expect.poll(() => county.evaluate(() => {
      const overlay = window.__yizhangtu!.deck as unknown as { _props: { layers: { id: string; props: { data: { id: string; overdue: number }[] } }[] } };
      return overlay._props.layers.find((l) => l.id === 'stuck-cases')?.props.data ?? [];
    }), { timeout: 10_000 }).toEqual([expect.objectContaining({ id: grid.townshipCode, overdue: 1 })]);
    await page.screenshot({ path: path.join(RESULTS, 'cases-console-overdue.png') });
  }, SLOW);
});
