// Driving the map page like a user, with the read-only test handle window.__yizhangtu to turn
// coordinates into screen positions and to wait until the map has drawn.
import type { Browser, Page } from 'playwright-core';
import { ADMIN } from './credentials.ts';

export const VIEWPORT = { width: 1920, height: 1080 };

/** Opens the app at 1920×1080 and waits until the jurisdiction is on the map and the socket is live. */
export async function openApp(browser: Browser, url: string, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript((l) => localStorage.setItem('yizhangtu.lang', l), lang);
  // Log in through the API: the session cookie is then the page's, as after the login form.
  const login = await page.request.post(`${url}/api/v1/auth/login`, { data: ADMIN });
  if (!login.ok()) throw new Error(`login as ${ADMIN.username}: ${login.status()} ${await login.text()}`);
  await page.goto(url);
  try {
    await page.waitForSelector('[data-testid="connection"][data-state="connected"]', { timeout: 90_000 });
    await page.waitForSelector('.county-name', { timeout: 90_000 });
    await page.waitForFunction(() => window.__yizhangtu?.map.loaded() === true, null, { timeout: 90_000 });
    await settle(page);
  } catch (err) {
    throw new Error(`the app did not come up: ${(err as Error).message}; page errors: ${errors.join(' | ') || 'none'}`, { cause: err });
  }
  return page;
}

/** Waits until the map stopped moving and deck.gl has drawn a frame after it. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const h = window.__yizhangtu;
    if (!h) throw new Error('no test handle');
    if (h.map.isMoving()) await new Promise<void>((resolve) => h.map.once('moveend', () => resolve()));
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  });
  // Layer data updates are applied on deck.gl's next animation frames.
  await page.waitForTimeout(300);
}

/** Screen position of a WGS-84 coordinate (the map fills the page, so page = map coordinates). */
export async function project(page: Page, lng: number, lat: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([x, y]) => {
    const p = window.__yizhangtu!.map.project([x, y]);
    return { x: p.x, y: p.y };
  }, [lng, lat] as const);
}

/** Moves the map without animation and waits for it to draw. */
export async function jumpTo(page: Page, lng: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(([x, y, z]) => window.__yizhangtu!.map.jumpTo({ center: [x, y], zoom: z, bearing: 0 }), [lng, lat, zoom] as const);
  await settle(page);
}

/** The colour of the composited page (map + layers + panels) at one pixel. */
export async function pixelAt(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return page.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bitmap = await createImageBitmap(blob);
    const ctx = new OffscreenCanvas(1, 1).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0] as [number, number, number];
  }, png.toString('base64'));
}

/** Largest channel difference between two colours. */
export function colorDistance(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? 0))));
}

/** What deck.gl would pick at a screen position: the layer id and the object's id or code. */
export async function pickAt(page: Page, x: number, y: number): Promise<{ layer: string; id: string } | null> {
  return page.evaluate(([px, py]) => {
    const info = window.__yizhangtu!.deck.pickObject({ x: px, y: py, radius: 2 });
    if (!info?.layer || !info.object) return null;
    const o = info.object as { id?: string; properties?: { code?: string } };
    return { layer: info.layer.id, id: o.id ?? o.properties?.code ?? '' };
  }, [x, y] as const);
}

/** Polls picking at a coordinate until `layer` has object `id` there; returns how long it took, ms. */
export async function waitForPick(page: Page, lng: number, lat: number, layer: string, id: string, timeoutMs: number): Promise<number> {
  const start = Date.now();
  for (;;) {
    const { x, y } = await project(page, lng, lat);
    const hit = await pickAt(page, x, y);
    if (hit?.layer === layer && hit.id === id) return Date.now() - start;
    if (Date.now() - start > timeoutMs) {
      throw new Error(`no ${layer} object ${id} at ${lng},${lat} within ${timeoutMs} ms (found ${hit ? `${hit.layer} ${hit.id}` : 'nothing'})`);
    }
    await page.waitForTimeout(50);
  }
}

/** Switches a layer in the layer panel on or off, as a user would. */
export async function setLayer(page: Page, layer: string, on: boolean): Promise<void> {
  const toggle = page.getByTestId(`layer-${layer}`);
  const checked = await toggle.locator('input').isChecked();
  if (checked !== on) await toggle.click();
  await settle(page);
}
