// The 30-day history in a real browser against the real server: the page asks for incidents.arrow
// at start, draws a month of incidents from it (one from 10 days ago is where it happened and opens
// its details), and shows counts per township / village / grid by zoom band that roll up and grow
// as a live incident arrives. Prints the load's figures (rows, bytes, ms) for the record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CameraCollection, IncidentInput, JurisdictionResponse } from '../server/wire/index.ts';
import { INCIDENT_CATEGORIES, INCIDENT_PRIORITIES } from '../server/wire/index.ts';
import { launchChromium } from './support/chromium.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { colorDistance, jumpTo, openApp, pixelAt, project, setLayer, settle, waitForPick } from './support/map-page.ts';
import { getJson, inside, loginCookie, postIncidents, sequence } from './support/seed.ts';

const SLOW = 240_000;
const DAY = 86_400_000;
/**
 * A month of background incidents, all older than two days (outside every count window).
 * HISTORY_E2E_ROWS sets another size, to measure a bigger month (the figures are printed).
 */
const BULK = Number(process.env.HISTORY_E2E_ROWS ?? 20_000);

let server: RunningServer;
let browser: Browser;
let page: Page;
let j: JurisdictionResponse;
let target: { id: string; lng: number; lat: number; description: string };
let village: { code: string; townshipCode: string; at: [number, number] };
let grids: { code: string; at: [number, number]; n: number }[];
let seededAt: number;

/** Metres between two WGS-84 points (flat approximation). */
function metres(a: readonly number[], b: readonly number[]): number {
  return Math.hypot((a[0]! - b[0]!) * 111_320 * Math.cos((a[1]! * Math.PI) / 180), (a[1]! - b[1]!) * 111_320);
}

function bulkIncidents(): IncidentInput[] {
  const rnd = sequence(30);
  const spots = j.grids.features.map((g) => inside(g));
  const now = Date.now();
  return Array.from({ length: BULK }, (_, k) => {
    const [lng, lat] = spots[Math.floor(rnd() * spots.length)]!;
    return {
      source: 'hotline-12345', sourceId: `e2e-month-${k}`,
      category: INCIDENT_CATEGORIES[Math.floor(rnd() * INCIDENT_CATEGORIES.length)]!,
      priority: INCIDENT_PRIORITIES[Math.floor(rnd() * 4)]!,
      lng: lng + (rnd() - 0.5) * 0.0012, lat: lat + (rnd() - 0.5) * 0.0012,
      occurredAt: new Date(now - 2 * DAY - rnd() * 27 * DAY).toISOString(), description: `历史事件 ${k}`,
    };
  });
}

async function post(items: IncidentInput[]) {
  const accepted = [];
  for (let k = 0; k < items.length; k += 1000) accepted.push(...(await postIncidents(server.url, items.slice(k, k + 1000))).accepted);
  return accepted;
}

beforeAll(async () => {
  server = await startServer();
  const cookie = await loginCookie(server.url);
  j = await getJson<JurisdictionResponse>(`${server.url}/api/v1/jurisdiction`, cookie);
  const cameras = await getJson<CameraCollection>(`${server.url}/api/v1/cameras`, cookie);
  const bulk = bulkIncidents();
  seededAt = Date.now();
  await post(bulk);

  // One incident 10 days ago, somewhere no camera and no other incident is near, to pick it alone.
  const taken = [...bulk.map((b) => [b.lng, b.lat]), ...cameras.features.map((f) => f.geometry.coordinates)];
  const spot = j.villages.features.map((v) => inside(v)).map(([lng, lat]) => [lng + 0.0009, lat - 0.0007] as [number, number])
    .find((p) => taken.every((t) => metres(t, p) > 90))!;
  expect(spot).toBeDefined();
  const description = `e2e：十天前的纠纷 ${Date.now()}`;
  const [old] = await post([{
    source: 'grid-report', sourceId: 'e2e-ten-days', category: 'dispute', priority: 'high',
    lng: spot[0], lat: spot[1], occurredAt: new Date(Date.now() - 10 * DAY).toISOString(), description,
  }]);
  target = { id: old!.id, lng: spot[0], lat: spot[1], description };

  // Half an hour ago, in two grids of one village: 3 + 2, inside the default 1-hour count window.
  const v = j.villages.features.find((f) => j.grids.features.filter((g) => g.properties.villageCode === f.properties.code).length >= 2)!;
  village = { code: v.properties.code, townshipCode: v.properties.townshipCode, at: inside(v) };
  grids = j.grids.features.filter((g) => g.properties.villageCode === village.code).slice(0, 2)
    .map((g, k) => ({ code: g.properties.code, at: inside(g), n: k === 0 ? 3 : 2 }));
  const recent = grids.flatMap((g) => Array.from({ length: g.n }, (_, k): IncidentInput => ({
    source: 'alarm-110', sourceId: `e2e-recent-${g.code}-${k}`, category: 'public-order', priority: 'normal',
    lng: g.at[0] + 0.0002 * k, lat: g.at[1], occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(), description: '',
  })));
  const placed = await post(recent);
  expect(placed.map((p) => p.gridCode)).toEqual(grids.flatMap((g) => Array(g.n).fill(g.code)));
  console.log(`[history] seeded ${BULK + 1 + recent.length} incidents in ${Date.now() - seededAt} ms`);

  browser = await launchChromium();
  page = await openApp(browser, server.url);
  await page.waitForSelector('[data-testid="history-status"][data-state="ready"]', { state: 'attached', timeout: 120_000 });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The count label drawn `below` pixels under a point (where it sits under the area's name). */
async function countAt(p: Page, lng: number, lat: number, below: number): Promise<{ layer: string; id: string; count: number } | null> {
  const { x, y } = await project(p, lng, lat);
  return p.evaluate(([px, py]) => {
    const info = window.__yizhangtu!.deck.pickObject({ x: px, y: py, radius: 4, layerIds: ['counts-township', 'counts-village', 'counts-grid'] });
    const o = info?.object as { id: string; count: number } | undefined;
    return info?.layer && o ? { layer: info.layer.id, id: o.id, count: o.count } : null;
  }, [x, y + below] as const);
}

describe('the 30-day incident history', () => {
  it('is requested as Arrow at start and holds every incident of the month', async () => {
    const requests = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/v1/incidents.arrow'))
      .map((e) => {
        const r = e as PerformanceResourceTiming;
        return { url: r.name, startMs: r.startTime, endMs: r.responseEnd, bytes: r.encodedBodySize };
      }));
    expect(requests).toHaveLength(1);
    expect(new URL(requests[0]!.url).searchParams.get('since')).toBeTruthy();
    const status = page.getByTestId('history-status');
    const rows = Number(await status.getAttribute('data-rows'));
    const bytes = Number(await status.getAttribute('data-bytes'));
    const ms = Number(await status.getAttribute('data-ms'));
    const decodeMs = Number(await status.getAttribute('data-decode-ms'));
    expect(rows).toBe(BULK + 1 + 5);
    expect(bytes).toBeGreaterThan(0);
    const r = requests[0]!;
    console.log(`[history] incidents.arrow: ${rows} rows, ${bytes} bytes (${(bytes / rows).toFixed(1)} B/row), `
      + `request→last byte ${Math.round(r.endMs - r.startMs)} ms, request→columns ready ${ms} ms (decode ${decodeMs} ms)`);
  }, SLOW);

  it('draws an incident from 10 days ago where it happened, and clicking it opens its details', async () => {
    await jumpTo(page, target.lng, target.lat, 17);
    const waited = await waitForPick(page, target.lng, target.lat, 'incident-history', target.id, 15_000);
    console.log(`[history] 10-day-old incident pickable ${waited} ms after the jump settled`);
    const { x, y } = await project(page, target.lng, target.lat);
    await page.mouse.click(x, y);
    await expect(page.getByTestId('details-description').textContent()).resolves.toBe(target.description);
    await expect(page.getByTestId('details-title').textContent()).resolves.toContain('矛盾纠纷');
    await page.getByRole('button', { name: '关闭' }).click();
  }, SLOW);

  it('shows counts of the zoom band\'s level that roll up, and adds a live incident to them', async () => {
    // Village band: the village's count is its grids' sum.
    await jumpTo(page, village.at[0], village.at[1], 13.6);
    await expect.poll(() => countAt(page, village.at[0], village.at[1], 15), { timeout: 15_000 })
      .toEqual({ layer: 'counts-village', id: village.code, count: 5 });
    // Street scale: each grid's own count.
    for (const g of grids) {
      await jumpTo(page, g.at[0], g.at[1], 15.2);
      await expect.poll(() => countAt(page, g.at[0], g.at[1], 13), { timeout: 15_000 })
        .toEqual({ layer: 'counts-grid', id: g.code, count: g.n });
    }
    // County scale: the township holds the same five (nothing else in it is this recent).
    const township = j.townships.features.find((t) => t.properties.code === village.townshipCode)!;
    const tAt = inside(township);
    await jumpTo(page, tAt[0], tAt[1], 12);
    await expect.poll(() => countAt(page, tAt[0], tAt[1], 19), { timeout: 15_000 })
      .toEqual({ layer: 'counts-township', id: township.properties.code, count: 5 });
    // A live incident in the first grid: the village reads 6 within seconds, without a reload.
    await jumpTo(page, village.at[0], village.at[1], 13.6);
    const g = grids[0]!;
    await postIncidents(server.url, [{
      source: 'alarm-110', sourceId: `e2e-live-${Date.now()}`, category: 'fire', priority: 'urgent',
      lng: g.at[0] - 0.0002, lat: g.at[1], occurredAt: new Date().toISOString(), description: '',
    }]);
    const posted = Date.now();
    await expect.poll(() => countAt(page, village.at[0], village.at[1], 15), { timeout: 10_000, interval: 100 })
      .toEqual({ layer: 'counts-village', id: village.code, count: 6 });
    console.log(`[history] live incident counted in its village ${Date.now() - posted} ms after the POST`);
    // Its details card says the same number, for the same window.
    const { x, y } = await project(page, village.at[0], village.at[1]);
    await page.mouse.click(x, y + 15);
    // The field reads label then value: the pin window's name, then the count.
    await expect.poll(() => page.getByTestId('details-count').textContent(), { timeout: 10_000 }).toBe('事件（近1小时）6');
    const requests = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/incidents.arrow')).length);
    expect(requests).toBe(1);
  }, SLOW);

  it('draws the heatmap from heat.arrow when it is switched on', async () => {
    const others = ['grid', 'cameras', 'routes', 'units', 'incidents', 'choropleth'];
    for (const layer of others) await setLayer(page, layer, false);
    const at = grids[0]!.at;
    await jumpTo(page, at[0], at[1], 13.6);
    const { x, y } = await project(page, at[0], at[1]);
    const off = await pixelAt(page, x, y);
    await setLayer(page, 'heatmap', true);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/api/v1/heat.arrow')), null, { timeout: 15_000 });
    // The cells arrive, then the GPU aggregates them: read until the spot is coloured.
    await expect.poll(async () => {
      await settle(page);
      return colorDistance(await pixelAt(page, x, y), off);
    }, { timeout: 30_000 }).toBeGreaterThan(20);
    await setLayer(page, 'heatmap', false);
    for (const layer of others) await setLayer(page, layer, true);
  }, SLOW);

  it('adds incidents that stream in to the heatmap at once, without asking for heat.arrow again', async () => {
    const others = ['grid', 'cameras', 'routes', 'units', 'incidents', 'choropleth'];
    for (const layer of others) await setLayer(page, layer, false);
    // Somewhere the last day's incidents are not: kilometres from the recent ones.
    const spot = j.grids.features.map((g) => inside(g)).find((p) => grids.every((g) => metres(p, g.at) > 3000))!;
    expect(spot).toBeDefined();
    await page.evaluate(() => performance.setResourceTimingBufferSize(100_000));
    const heatRequests = () => page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/heat.arrow')).length);
    const loadsBefore = await heatRequests();
    await setLayer(page, 'heatmap', true);
    await expect.poll(heatRequests, { timeout: 15_000 }).toBe(loadsBefore + 1);
    await expect.poll(() => heatWeight(page), { timeout: 15_000 }).toBeGreaterThan(0);
    await jumpTo(page, spot[0], spot[1], 13.6);
    const loaded = await heatWeight(page);
    const { x, y } = await project(page, spot[0], spot[1]);
    const before = await pixelAt(page, x, y);
    const loads = await heatRequests();

    const burst = Array.from({ length: 8 }, (_, k): IncidentInput => ({
      source: 'alarm-110', sourceId: `e2e-heat-burst-${Date.now()}-${k}`, category: 'public-order', priority: 'high',
      lng: spot[0] + 0.0003 * Math.cos(k), lat: spot[1] + 0.0003 * Math.sin(k), occurredAt: new Date().toISOString(), description: '',
    }));
    const sent = Date.now();
    expect((await postIncidents(server.url, burst)).accepted).toHaveLength(burst.length);
    await expect.poll(() => heatWeight(page), { timeout: 10_000, interval: 50 }).toBe(loaded + burst.length);
    const inLayer = Date.now() - sent;
    await expect.poll(async () => colorDistance(await pixelAt(page, x, y), before), { timeout: 10_000, interval: 100 }).toBeGreaterThan(20);
    const drawn = Date.now() - sent;
    expect(await heatRequests()).toBe(loads);
    console.log(`[history] a burst of ${burst.length} live incidents in the heatmap's weights ${inLayer} ms after the POST, drawn at their spot ${drawn} ms after it, no heat.arrow request`);
    await setLayer(page, 'heatmap', false);
    for (const layer of others) await setLayer(page, layer, true);
  }, SLOW);
});

/** Sum of the heatmap layer's cell weights as deck.gl holds them (0 before the grid is loaded). */
async function heatWeight(p: Page): Promise<number> {
  return p.evaluate(() => {
    // The overlay's current layers: a read of deck.gl's state, as the test handle is meant for.
    const overlay = window.__yizhangtu!.deck as unknown as { _props: { layers: { id: string; props: { data: unknown } }[] } };
    const layer = overlay._props.layers.find((l) => l.id === 'incident-heatmap');
    const data = layer?.props.data as { length: number; attributes?: { getWeight: { value: Float32Array } } } | undefined;
    const w = data?.attributes?.getWeight.value;
    let sum = 0;
    for (let k = 0; k < (data?.length ?? 0); k++) sum += w?.[k] ?? 0;
    return sum;
  });
}
