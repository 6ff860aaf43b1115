// A county's GCJ-02 raster basemap (AMap, Tencent) in the real page: every overlay is drawn shifted
// into GCJ-02 so it lines up, clicks and the cursor readout come back in WGS-84, and the provider's
// attribution is shown. The raster URL points at a closed local port: no tile needs to load for
// the overlays' positions to be checked, and nothing leaves the machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CameraCollection, JurisdictionResponse } from '../server/wire/index.ts';
import { DEFAULT_CONFIG } from '../server/config.ts';
import { wgs84ToGcj02 } from '../tiles/crs/gcj02.ts';
import { launchChromium } from './support/chromium.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { jumpTo, openApp, pickAt, project, settle } from './support/map-page.ts';
import { getJson, loginCookie } from './support/seed.ts';
import { PANEL_PADDING } from '../web/map/map-handle.ts';

const ATTRIBUTION = '© GCJ-02 test basemap';

let server: RunningServer;
let browser: Browser;
let page: Page;
let cameras: CameraCollection;
let county: [number, number, number, number];

beforeAll(async () => {
  server = await startServer({
    basemap: {
      mbtilesPath: DEFAULT_CONFIG.basemap.mbtilesPath,
      raster: { urls: ['http://127.0.0.1:9/{z}/{x}/{y}.png'], crs: 'gcj02', attribution: ATTRIBUTION },
    },
  });
  browser = await launchChromium();
  const cookie = await loginCookie(server.url);
  cameras = await getJson<CameraCollection>(`${server.url}/api/v1/cameras`, cookie);
  const ring: [number, number][] = [];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') ring.push(c as [number, number]);
    else if (Array.isArray(c)) c.forEach(visit);
  };
  visit((await getJson<JurisdictionResponse>(`${server.url}/api/v1/jurisdiction`, cookie)).county.geometry.coordinates);
  county = [Math.min(...ring.map((p) => p[0])), Math.min(...ring.map((p) => p[1])), Math.max(...ring.map((p) => p[0])), Math.max(...ring.map((p) => p[1]))];
  page = await openApp(browser, server.url);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** How far (degrees) the map's centre is from where fitting the county's GCJ-02 box would put it. */
async function offCountyFit(p: Page): Promise<number> {
  const [w, s, e, n] = county;
  const sw = wgs84ToGcj02(w, s), ne = wgs84ToGcj02(e, n);
  return p.evaluate(([a, b, padding]) => {
    const map = window.__yizhangtu!.map;
    const want = map.cameraForBounds([a, b], { padding, bearing: 0 })!.center as { lng: number; lat: number };
    const at = map.getCenter();
    return Math.max(Math.abs(at.lng - want.lng), Math.abs(at.lat - want.lat));
  }, [sw, ne, PANEL_PADDING] as const);
}

describe('overlays on a GCJ-02 basemap', () => {
  // First, before any test moves the map: the county outline is drawn shifted ~500 m, and the
  // whole-county view must frame it where it is drawn, not where its WGS-84 box is.
  it('frames the county where it is drawn, on the first view and from 全区视图', async () => {
    const [w, s] = county;
    expect(Math.hypot(...wgs84ToGcj02(w, s).map((v, i) => v - [w, s][i]!))).toBeGreaterThan(2e-3);
    expect(await offCountyFit(page)).toBeLessThan(2e-4);
    await jumpTo(page, county[0], county[1], 14);
    await page.locator('.zoom-county').click();
    await settle(page);
    expect(await offCountyFit(page)).toBeLessThan(2e-4);
  });

  it('draws a camera at its GCJ-02 position, not its stored WGS-84 one', async () => {
    const cam = cameras.features[0]!;
    const [lng, lat] = cam.geometry.coordinates as [number, number];
    const [gLng, gLat] = wgs84ToGcj02(lng, lat);
    await jumpTo(page, gLng, gLat, 16);
    const shifted = await project(page, gLng, gLat);
    const stored = await project(page, lng, lat);
    // hundreds of metres apart: far more than a camera dot at street level
    expect(Math.hypot(shifted.x - stored.x, shifted.y - stored.y)).toBeGreaterThan(100);
    expect(await pickAt(page, shifted.x, shifted.y)).toEqual({ layer: 'cameras', id: cam.properties.id });
    expect((await pickAt(page, stored.x, stored.y))?.id).not.toBe(cam.properties.id);
  });

  it('reads the cursor position back in WGS-84', async () => {
    const [lng, lat] = cameras.features[0]!.geometry.coordinates as [number, number];
    const [gLng, gLat] = wgs84ToGcj02(lng, lat);
    const p = await project(page, gLng, gLat);
    await page.mouse.move(p.x, p.y);
    await settle(page);
    // within 5 decimals (about a metre) of where the camera is stored
    const text = (await page.locator('.cursor-readout').textContent()) ?? '';
    const [x, y] = [...text.matchAll(/(\d+\.\d{5})°/g)].map((m) => Number(m[1]));
    expect(Math.abs(x! - lng)).toBeLessThan(2e-5);
    expect(Math.abs(y! - lat)).toBeLessThan(2e-5);
  });

  it("shows the provider's attribution", async () => {
    await expect.poll(() => page.locator('.maplibregl-ctrl-attrib').textContent()).toContain(ATTRIBUTION);
  });
});
