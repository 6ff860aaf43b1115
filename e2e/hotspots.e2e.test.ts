// Hotspots in a real browser against the real server: a cluster posted into one grid becomes the
// rank-1 hotspot in the ranking panel once the layer is switched on; clicking it fits the map to it
// and opens its numbers; its outline and label are drawn and pickable; pins stay clickable on top;
// the tour steps through the ranking by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { HotspotsResponse, JurisdictionResponse } from '../server/wire/index.ts';
import { launchChromium } from './support/chromium.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { jumpTo, openApp, project, setLayer, settle, waitForPick } from './support/map-page.ts';
import { getJson, inside, loginCookie, postIncidents, scatterIncidents } from './support/seed.ts';

const SLOW = 240_000;

let server: RunningServer;
let browser: Browser;
let page: Page;
let jurisdiction: JurisdictionResponse;
let hot: JurisdictionResponse['grids']['features'][number];
let ranking: HotspotsResponse;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  const cookie = await loginCookie(server.url);
  jurisdiction = await getJson<JurisdictionResponse>(`${server.url}/api/v1/jurisdiction`, cookie);
  // A background spread over the county, and a cluster of 40 in one grid far beyond its share.
  await postIncidents(server.url, scatterIncidents(jurisdiction, 400, 600, 11));
  hot = jurisdiction.grids.features[Math.floor(jurisdiction.grids.features.length / 2)]!;
  const [lng, lat] = inside(hot);
  await postIncidents(server.url, Array.from({ length: 40 }, (_, k) => ({
    source: 'alarm-110', sourceId: `e2e-hot-${k}`, category: 'public-order' as const, priority: 'high' as const,
    lng: lng + ((k % 5) - 2) * 0.0002, lat: lat + (Math.floor(k / 5) % 5 - 2) * 0.0002,
    occurredAt: new Date(Date.now() - k * 60_000).toISOString(), description: `聚集 ${k}`,
  })));
  ranking = await getJson<HotspotsResponse>(`${server.url}/api/v1/hotspots?window=24h`, cookie);
  page = await openApp(browser, server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the hotspot layer', () => {
  it('is off by default: no ranking panel and nothing fetched until switched on', async () => {
    expect(ranking.hotspots[0]?.gridCodes).toContain(hot.properties.code);
    await expect(page.getByTestId('hotspot-ranking').count()).resolves.toBe(0);
    await expect(page.getByTestId('layer-hotspots').locator('input').isChecked()).resolves.toBe(false);
  }, SLOW);

  it('switched on, ranks the cluster first, named by its township and village', async () => {
    await setLayer(page, 'hotspots', true);
    const first = page.getByTestId('hotspot-ranking').locator('.hotspot-row').first();
    await first.waitFor({ timeout: 30_000 });
    await expect(first.getAttribute('data-hotspot-id')).resolves.toBe(ranking.hotspots[0]!.id);
    const township = jurisdiction.townships.features.find((t) => t.properties.code === hot.properties.townshipCode)!;
    await expect(first.textContent()).resolves.toContain(township.properties.name);
  }, SLOW);

  it('clicking the rank-1 row fits the map to it and shows its numbers', async () => {
    const top = ranking.hotspots[0]!;
    await page.getByTestId('hotspot-ranking').locator('.hotspot-row').first().click();
    await settle(page);
    await expect(page.getByTestId('details-title').textContent()).resolves.toContain('第 1 名');
    await expect(page.getByTestId('details-count').textContent()).resolves.toContain(String(top.count));
    const [w, s, e, n] = top.extent;
    const centre = await page.evaluate(() => window.__yizhangtu!.map.getCenter().toArray());
    // Fitted with the side panels as padding, so the centre is near (not at) the extent's middle.
    expect(centre[0]).toBeGreaterThan(w - 0.02);
    expect(centre[0]).toBeLessThan(e + 0.02);
    expect(centre[1]).toBeGreaterThan(s - 0.02);
    expect(centre[1]).toBeLessThan(n + 0.02);
  }, SLOW);

  it('draws the hotspot label where the hotspot is, and clicking it selects the hotspot', async () => {
    const top = ranking.hotspots[0]!;
    for (const layer of ['incidents', 'cameras', 'units']) await setLayer(page, layer, false);
    await page.getByRole('button', { name: '关闭' }).click();
    await jumpTo(page, top.centre[0], top.centre[1], 15);
    await waitForPick(page, top.centre[0], top.centre[1], 'hotspot-labels', top.id, 15_000);
    const { x, y } = await project(page, top.centre[0], top.centre[1]);
    await page.mouse.click(x, y);
    await expect(page.getByTestId('details-title').textContent()).resolves.toContain('第 1 名');
    for (const layer of ['incidents', 'cameras', 'units']) await setLayer(page, layer, true);
  }, SLOW);

  // The 2 s post-to-map budget is proven in map.e2e; here the point is the layer order, so the
  // wait only has to outlast a software-rendered frame or two on a loaded machine.
  it('keeps a new pin inside a hotspot clickable: pins are drawn above hotspots', async () => {
    const [lng, lat] = inside(hot);
    const pinAt = [lng + 0.0011, lat - 0.0011] as const;
    await jumpTo(page, pinAt[0], pinAt[1], 16);
    const posted = Date.now();
    const result = await postIncidents(server.url, [{
      source: 'grid-report', sourceId: `e2e-hot-pin-${posted}`, category: 'fire', priority: 'urgent',
      lng: pinAt[0], lat: pinAt[1], occurredAt: new Date(posted).toISOString(), description: 'e2e：热点内新事件',
    }]);
    await waitForPick(page, pinAt[0], pinAt[1], 'incidents', result.accepted[0]!.id, 10_000);
  }, SLOW);

  it('tours the ranking by itself, from rank 1, and stops when asked', async () => {
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByTestId('hotspot-tour').click();
    await expect(page.getByTestId('hotspot-tour').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.waitForSelector('.hotspot-row.selected', { timeout: 10_000 });
    await expect(page.locator('.hotspot-row.selected').getAttribute('data-hotspot-id')).resolves.toBe(ranking.hotspots[0]!.id);
    await page.getByTestId('hotspot-tour').click();
    await expect(page.getByTestId('hotspot-tour').getAttribute('aria-pressed')).resolves.toBe('false');
  }, SLOW);
});
