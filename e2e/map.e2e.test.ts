// The live map in a real browser against the real server (demo feed off): the page comes up, the
// layers really draw and can be picked, clicking shows details, and a posted incident arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CameraCollection, JurisdictionResponse } from '../server/wire/index.ts';
import { launchChromium } from './support/chromium.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { colorDistance, jumpTo, openApp, pixelAt, project, setLayer, settle, waitForPick } from './support/map-page.ts';
import { getJson, inside, loginCookie, postIncidents } from './support/seed.ts';

/** Per test: a software renderer under load can take seconds per frame. */
const SLOW = 240_000;

let server: RunningServer;
let browser: Browser;
let page: Page;
let jurisdiction: JurisdictionResponse;
let cameras: CameraCollection;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const cookie = await loginCookie(server.url);
  jurisdiction = await getJson<JurisdictionResponse>(`${server.url}/api/v1/jurisdiction`, cookie);
  cameras = await getJson<CameraCollection>(`${server.url}/api/v1/cameras`, cookie);
  page = await openApp(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Metres between two WGS-84 points (flat approximation, fine at county scale). */
function metres(a: readonly number[], b: readonly number[]): number {
  const dx = ((a[0]! - b[0]!) * 111_320) * Math.cos((a[1]! * Math.PI) / 180);
  const dy = (a[1]! - b[1]!) * 111_320;
  return Math.hypot(dx, dy);
}

describe('the live map page', () => {
  it('comes up connected, with the county, its schematic-boundary notice and no demo label', async () => {
    await expect(page.getByTestId('connection').getAttribute('data-state')).resolves.toBe('connected');
    const county = jurisdiction.county.properties;
    await expect(page.locator('.county-name').textContent()).resolves.toContain(county.name);
    expect(county.schematic).toBe(true);
    await expect(page.getByTestId('schematic-notice').textContent()).resolves.toContain('示意边界，不作为法定界线');
    await expect(page.getByTestId('demo-badge').count()).resolves.toBe(0);
    await expect(page.getByTestId('as-of').textContent()).resolves.toMatch(/\d{2}:\d{2}:\d{2}/);
  }, SLOW);

  it('draws the camera layer: clicking a known camera shows its details', async () => {
    const others = cameras.features.map((f) => f.geometry.coordinates);
    // A camera with no other camera close by, so the click can only mean this one.
    const camera = cameras.features.find((f) =>
      f.properties.state === 'online' && others.every((o) => o === f.geometry.coordinates || metres(o, f.geometry.coordinates) > 60))!;
    expect(camera).toBeDefined();
    const [lng, lat] = camera.geometry.coordinates as [number, number];
    await jumpTo(page, lng, lat, 17);
    await waitForPick(page, lng, lat, 'cameras', camera.properties.id, 15_000);
    const { x, y } = await project(page, lng, lat);
    await page.mouse.click(x, y);
    await expect(page.getByTestId('details-title').textContent()).resolves.toContain(camera.properties.name);
    await expect(page.getByTestId('details').textContent()).resolves.toContain('监控点位');
  }, SLOW);

  it('hides a layer switched off in the layer panel: the camera can no longer be clicked', async () => {
    await page.getByRole('button', { name: '关闭' }).click();
    const camera = await page.evaluate(() => window.__yizhangtu!.map.getCenter().toArray());
    await setLayer(page, 'cameras', false);
    const { x, y } = await project(page, camera[0]!, camera[1]!);
    await page.mouse.click(x, y);
    // The click now lands on the grid cell under the camera, not on the camera.
    await expect(page.getByTestId('details').getAttribute('aria-label')).resolves.toMatch(/^网格 /);
    await setLayer(page, 'cameras', true);
  }, SLOW);

  it('draws the grid hierarchy: clicking inside a grid cell names it and its grid worker', async () => {
    const cams = cameras.features.map((f) => f.geometry.coordinates);
    const grid = jurisdiction.grids.features.find((g) => cams.every((c) => metres(c, inside(g)) > 80))!;
    const [lng, lat] = inside(grid);
    await jumpTo(page, lng, lat, 15.2);
    const { x, y } = await project(page, lng, lat);
    await page.mouse.click(x, y);
    await expect(page.getByTestId('details-title').textContent()).resolves.toContain(grid.properties.name);
    await expect(page.getByTestId('details-worker').textContent()).resolves.toContain(grid.properties.worker.name);
  }, SLOW);

  it('draws the township choropleth: a township with incidents is filled, unlike the same spot with the layer off', async () => {
    const township = jurisdiction.townships.features[0]!;
    const [lng, lat] = inside(township);
    // Incidents a little away from where the pixel is read, so the township has a count to show.
    await postIncidents(server.url, [0, 1, 2].map((k) => ({
      source: 'alarm-110', sourceId: `e2e-heat-${k}`, category: 'public-order' as const, priority: 'normal' as const,
      lng: lng + 0.0005 * (k + 1), lat, occurredAt: new Date().toISOString(), description: '',
    })));
    await page.waitForFunction(() => /[1-9]/.test(document.querySelector('[data-testid="kpi-incidents"] .kpi-value')?.textContent ?? ''));
    for (const layer of ['grid', 'cameras', 'routes', 'units', 'incidents']) await setLayer(page, layer, false);
    await jumpTo(page, lng, lat, 12);
    const { x, y } = await project(page, lng, lat);
    const filled = await pixelAt(page, x, y);
    await setLayer(page, 'choropleth', false);
    const unfilled = await pixelAt(page, x, y);
    await setLayer(page, 'choropleth', true);
    expect(colorDistance(filled, unfilled)).toBeGreaterThan(12);
    // The only township with incidents is the busiest: the red end of the ramp.
    expect(filled[0]).toBeGreaterThan(filled[2] + 20);
    for (const layer of ['grid', 'cameras', 'routes', 'units', 'incidents']) await setLayer(page, layer, true);
  }, SLOW);

  it('fills the choropleth for the chosen pin window, like the counts on it: incidents of 3 h ago show under 6 h, not under 1 h', async () => {
    const township = jurisdiction.townships.features[1]!;
    const [lng, lat] = inside(township);
    await postIncidents(server.url, [0, 1, 2].map((k) => ({
      source: 'alarm-110', sourceId: `e2e-heat-3h-${k}`, category: 'fire' as const, priority: 'normal' as const,
      lng: lng + 0.0005 * (k + 1), lat, occurredAt: new Date(Date.now() - 3 * 3_600_000).toISOString(), description: '',
    })));
    for (const layer of ['grid', 'cameras', 'routes', 'units', 'incidents']) await setLayer(page, layer, false);
    try {
      await jumpTo(page, lng, lat, 12);
      const { x, y } = await project(page, lng, lat);
      await page.getByTestId('pins-6h').click();
      // Filled once the live incidents reached the history the counts are rolled up from.
      let sixHours: [number, number, number] = [0, 0, 0];
      for (const start = Date.now(); Date.now() - start < 20_000; await page.waitForTimeout(250)) {
        await settle(page);
        sixHours = await pixelAt(page, x, y);
        if (sixHours[0] > sixHours[2] + 20) break;
      }
      expect(sixHours[0]).toBeGreaterThan(sixHours[2] + 20);
      await page.getByTestId('pins-1h').click();
      await settle(page);
      const oneHour = await pixelAt(page, x, y);
      expect(colorDistance(sixHours, oneHour)).toBeGreaterThan(12);
      expect(oneHour[0]).toBeLessThan(oneHour[2] + 20);
    } finally {
      await page.getByTestId('pins-1h').click();
      for (const layer of ['grid', 'cameras', 'routes', 'units', 'incidents']) await setLayer(page, layer, true);
    }
  }, SLOW);

  it('shows an incident posted over HTTP in the list and on the map within 2 s, and its details on click', async () => {
    const village = jurisdiction.villages.features[3]!;
    const [lng, lat] = inside(village);
    await jumpTo(page, lng, lat, 16);
    const description = `e2e：楼道堆放杂物 ${Date.now()}`;
    const posted = Date.now();
    const result = await postIncidents(server.url, [{
      source: 'grid-report', sourceId: `e2e-${posted}`, category: 'fire', priority: 'urgent',
      lng, lat, occurredAt: new Date(posted).toISOString(), description,
    }]);
    const id = result.accepted[0]!.id;
    expect(result.accepted[0]!.villageCode).toBe(village.properties.code);

    await page.getByTestId('incident-list').getByText(description).waitFor({ timeout: Math.max(1, 2000 - (Date.now() - posted)) });
    await waitForPick(page, lng, lat, 'incidents', id, Math.max(1, 2000 - (Date.now() - posted)));

    const { x, y } = await project(page, lng, lat);
    await page.mouse.click(x, y);
    await expect(page.getByTestId('details-description').textContent()).resolves.toBe(description);
    await expect(page.getByTestId('details-title').textContent()).resolves.toContain('消防');
  }, SLOW);

  it('flies to an incident clicked in the list and selects it', async () => {
    const target = jurisdiction.villages.features[10]!;
    const [lng, lat] = inside(target);
    const description = `e2e：列表定位 ${Date.now()}`;
    await postIncidents(server.url, [{
      source: 'hotline-12345', sourceId: `e2e-list-${Date.now()}`, category: 'dispute', priority: 'high',
      lng, lat, occurredAt: new Date().toISOString(), description,
    }]);
    await jumpTo(page, 119.9, 32.5, 11);
    await page.getByTestId('incident-list').getByText(description).click();
    await settle(page);
    const center = await page.evaluate(() => window.__yizhangtu!.map.getCenter().toArray());
    expect(metres(center, [lng, lat])).toBeLessThan(30);
    await expect(page.getByTestId('details-description').textContent()).resolves.toBe(description);
    await expect(page.locator('.incident-row.selected').textContent()).resolves.toContain(description);
  }, SLOW);

  it('switches the interface to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('schematic-notice').textContent()).resolves.toContain('Schematic boundaries, not legal boundaries');
    await expect(page.getByTestId('connection').textContent()).resolves.toContain('Connected');
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.getByTestId('connection').textContent()).resolves.toContain('已连接');
  }, SLOW);
});
