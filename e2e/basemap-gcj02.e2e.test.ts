// A county's GCJ-02 raster basemap (AMap, Tencent) in the real page: every overlay is drawn shifted
// into GCJ-02 so it lines up, clicks and the cursor readout come back in WGS-84, and the provider's
// attribution is shown. The raster URL points at a closed local port: no tile needs to load for
// the overlays' positions to be checked, and nothing leaves the machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { CameraCollection } from '../server/wire/index.ts';
import { DEFAULT_CONFIG } from '../server/config.ts';
import { wgs84ToGcj02 } from '../tiles/crs/gcj02.ts';
import { launchChromium } from './support/chromium.ts';
import { startServer, type RunningServer } from './support/server.ts';
import { jumpTo, openApp, pickAt, project, settle } from './support/map-page.ts';
import { getJson, loginCookie } from './support/seed.ts';

const ATTRIBUTION = '© GCJ-02 test basemap';

let server: RunningServer;
let browser: Browser;
let page: Page;
let cameras: CameraCollection;

beforeAll(async () => {
  server = await startServer({
    basemap: {
      mbtilesPath: DEFAULT_CONFIG.basemap.mbtilesPath,
      raster: { urls: ['http://127.0.0.1:9/{z}/{x}/{y}.png'], crs: 'gcj02', attribution: ATTRIBUTION },
    },
  });
  browser = await launchChromium();
  cameras = await getJson<CameraCollection>(`${server.url}/api/v1/cameras`, await loginCookie(server.url));
  page = await openApp(browser, server.url);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('overlays on a GCJ-02 basemap', () => {
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
