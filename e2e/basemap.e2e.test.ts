// The offline basemap in the real page: it renders (roads, water, Chinese labels) in both styles,
// and the page makes no request to any host but the one serving it — over 30 s of the live demo.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { booleanPointInPolygon, length as lineLength, along, bbox } from '@turf/turf';
import type { Feature, LineString, Polygon } from 'geojson';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type YizhangtuApp } from '../server/app.ts';
import { DEFAULT_CONFIG } from '../server/config.ts';
import type { RoadProps, WaterProps } from '../server/wire/jurisdiction.ts';
import { buildBasemap, isUpToDate } from '../tiles/generate/build.ts';
import { DEMO_FONTS_DIR, DEMO_INPUT_DIR, DEMO_MBTILES } from '../tiles/paths.ts';
import { PALETTES, type Theme } from '../tiles/styles/palette.ts';
import { launchChromium } from './support/chromium.ts';
import { ADMIN } from './support/credentials.ts';
import { colorDistance, VIEWPORT } from './support/map-page.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHOTS = path.join(ROOT, 'test-results');

let browser: Browser;
let server: YizhangtuApp;
let url: string;
let dataDir: string;

/** The real server with the demo feed on, serving the built SPA and (its own routes) the basemap. */
async function startServer(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist/web/index.html'))) throw new Error('dist/web is not built: run `npm run build` first');
  if (!existsSync(path.join(DEMO_INPUT_DIR, 'roads.geojson'))) throw new Error('data/demo is missing: run `npm run data` first');
  const basemap = { inputDir: DEMO_INPUT_DIR, outPath: DEMO_MBTILES, fontsDir: DEMO_FONTS_DIR };
  if (!isUpToDate(basemap)) buildBasemap(basemap);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'yizhangtu-basemap-'));
  server = await createApp(
    {
      ...DEFAULT_CONFIG, port: 0, host: '127.0.0.1', dataDir, webDir: path.join(ROOT, 'dist/web'), demoFeed: true, logLevel: 'warn',
      adminPassword: ADMIN.password,
    },
    // The feed streams live as in production; a short backfill keeps software WebGL responsive.
    { logger: false, demo: { backfillHours: 1 } },
  );
  url = (await server.listen(0, '127.0.0.1')).url;
}

// One page for the whole file (software WebGL on a shared machine makes each page load slow);
// every request it makes, from load on, is recorded for the zero-external-request check.
let context: BrowserContext;
let page: Page;
let loadedAt = 0;
const requests: string[] = [];
const failed: string[] = [];
const warnings: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await startServer();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  context.on('request', (r) => requests.push(r.url()));
  context.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    // The app cancelling one of its own API reads (a history load it superseded) reached nothing
    // outside and lost nothing; every other failure — a tile, a glyph, anything elsewhere — counts.
    if (why === 'net::ERR_ABORTED' && new URL(r.url()).pathname.startsWith('/api/')) {
      console.log(`basemap e2e: the app cancelled its own ${new URL(r.url()).pathname}`);
      return;
    }
    failed.push(`${r.url()} ${why}`);
  });
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') warnings.push(m.text());
  });
  page.on('response', (r) => {
    if (r.url().includes('/tiles/') && r.status() >= 400) failed.push(`${r.url()} ${r.status()}`);
  });
  // Signed in as the admin, as after the login form (the map is behind the sign-in gate).
  const login = await context.request.post(`${url}/api/v1/auth/login`, { data: ADMIN });
  if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
  await page.goto(url);
  await page.waitForFunction(() => window.__yizhangtu?.map.loaded() === true, null, { timeout: 240_000, polling: 500 });
  loadedAt = Date.now();
}, 300_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Moves the map without animation and waits until everything in view is drawn. */
async function jumpTo(lng: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(
    ([x, y, z]) =>
      new Promise<void>((resolve) => {
        const map = window.__yizhangtu!.map;
        map.once('idle', () => resolve());
        map.jumpTo({ center: [x, y], zoom: z, bearing: 0, pitch: 0 });
      }),
    [lng, lat, zoom] as const,
  );
}

const readDemo = <T>(name: string): T => JSON.parse(readFileSync(path.join(DEMO_INPUT_DIR, name), 'utf8')) as T;

/** Points close together (±4 % of its length) around the middle of the longest arterial road (or the one named). */
function arterialPoints(name?: string): Array<[number, number]> {
  const roads = readDemo<{ features: Array<Feature<LineString, RoadProps>> }>('roads.geojson').features;
  const road = roads
    .filter((r) => r.properties.class === 'arterial' && (name === undefined || r.properties.name === name))
    .sort((a, b) => lineLength(b) - lineLength(a))[0];
  if (!road) throw new Error(`the demo county has no arterial road ${name ?? ''}`);
  const km = lineLength(road);
  return [0.46, 0.48, 0.5, 0.52, 0.54].map((f) => along(road, km * f).geometry.coordinates as [number, number]);
}

/** The one demo road whose name has digits ("328国道"): its label needs the served Latin glyphs. */
const DIGIT_ROAD = '328国道';

/** The largest lake, and points spread inside it. */
function lakePoints(): { center: [number, number]; points: Array<[number, number]> } {
  const water = readDemo<{ features: Array<Feature<Polygon, WaterProps>> }>('water.geojson').features;
  const area = (f: Feature) => {
    const [w, s, e, n] = bbox(f);
    return (e - w) * (n - s);
  };
  const lake = water.filter((f) => f.properties.kind === 'lake').sort((a, b) => area(b) - area(a))[0];
  if (!lake) throw new Error('the demo county has no lake');
  const [w, s, e, n] = bbox(lake);
  const points: Array<[number, number]> = [];
  for (let i = 1; i < 6; i++) {
    for (let j = 1; j < 6; j++) {
      const p: [number, number] = [w + ((e - w) * i) / 6, s + ((n - s) * j) / 6];
      if (booleanPointInPolygon(p, lake)) points.push(p);
    }
  }
  return { center: [(w + e) / 2, (s + n) / 2], points };
}

/** Picks a basemap style in the layer panel, as a user would, and waits until it is drawn. */
async function setTheme(theme: Theme): Promise<void> {
  const switched = await page.evaluate(async (t) => {
    const button = document.querySelector<HTMLButtonElement>(`[data-testid="basemap-${t}"]`);
    if (!button) throw new Error(`no basemap-${t} button`);
    if (button.getAttribute('aria-checked') === 'true') return false;
    const map = window.__yizhangtu!.map;
    const idle = new Promise<void>((resolve) => map.once('idle', () => resolve()));
    button.click();
    await idle;
    return true;
  }, theme);
  // remembered for the next visit
  if (switched) expect(await page.evaluate(() => localStorage.getItem('yizhangtu.basemap'))).toBe(theme);
}

/** Colours of MapLibre's own canvas (the basemap, without the deck.gl overlays) at points. */
async function basemapPixels(points: Array<[number, number]>): Promise<Array<[number, number, number]>> {
  return page.evaluate(async (pts) => {
    const map = window.__yizhangtu!.map;
    return new Promise<Array<[number, number, number]>>((resolve) => {
      map.once('render', () => {
        // Read in the render event, while the frame just drawn is still in the drawing buffer.
        const gl = map.getCanvas().getContext('webgl2') as WebGL2RenderingContext;
        const ratio = map.getCanvas().height / map.getCanvas().clientHeight;
        resolve(
          pts.map(([lng, lat]) => {
            const p = map.project([lng, lat]);
            const px = new Uint8Array(4);
            gl.readPixels(Math.round(p.x * ratio), Math.round(map.getCanvas().height - p.y * ratio - 1), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
            return [px[0] ?? 0, px[1] ?? 0, px[2] ?? 0] as [number, number, number];
          }),
        );
      });
      map.triggerRepaint();
    });
  }, points);
}

/** Basemap layers MapLibre actually drew at points (queryRenderedFeatures). */
async function renderedLayers(points: Array<[number, number]>): Promise<string[]> {
  return page.evaluate((pts) => {
    const map = window.__yizhangtu!.map;
    const ids = new Set<string>();
    for (const [lng, lat] of pts) {
      const p = map.project([lng, lat]);
      const box: [[number, number], [number, number]] = [[p.x - 3, p.y - 3], [p.x + 3, p.y + 3]];
      for (const f of map.queryRenderedFeatures(box)) ids.add(f.layer.id);
    }
    return [...ids];
  }, points);
}

/** Hides (or shows again) every canvas but MapLibre's: the deck.gl overlays drawn over the basemap. */
async function setOverlaysHidden(hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    const map = window.__yizhangtu!.map;
    for (const c of document.querySelectorAll('canvas')) if (c !== map.getCanvas()) c.style.visibility = h ? 'hidden' : '';
  }, hidden);
}

const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const share = (pixels: number[][], color: number[]) => pixels.filter((p) => colorDistance(p, color) <= 16).length / pixels.length;

describe.each(['day', 'dark'] as const)('the %s basemap at 1920×1080', (theme) => {
  it('renders roads, water and Chinese place names, and is saved as a screenshot', async () => {
    await setTheme(theme);
    const palette = PALETTES[theme];
    await expect.poll(() => page.getByTestId(`basemap-${theme}`).getAttribute('aria-checked')).toBe('true');
    expect(await page.locator('.maplibregl-ctrl-attrib').count()).toBe(1);

    const road = arterialPoints();
    await jumpTo(road[2]![0], road[2]![1], 15);
    expect(await renderedLayers(road)).toContain('road-arterial');
    expect(share(await basemapPixels(road), hex(palette.arterial))).toBeGreaterThanOrEqual(0.6);

    const lake = lakePoints();
    await jumpTo(lake.center[0], lake.center[1], 15);
    expect(await renderedLayers(lake.points)).toContain('water-area');
    expect(share(await basemapPixels(lake.points), hex(palette.water))).toBeGreaterThanOrEqual(0.6);

    // A name with digits: "328" is drawn from the served glyph PBFs, "国道" from local fonts.
    const g = arterialPoints(DIGIT_ROAD);
    await jumpTo(g[2]![0], g[2]![1], 15);
    const roadLabels = await page.evaluate(() =>
      window.__yizhangtu!.map.queryRenderedFeatures({ layers: ['road-label'] }).map((f) => String(f.properties.name)),
    );
    expect(roadLabels).toContain(DIGIT_ROAD);

    // The county overview: township names are placed only if their glyphs rendered.
    await jumpTo(119.91, 32.49, 11.3);
    const placed = await page.evaluate(() =>
      window.__yizhangtu!.map.queryRenderedFeatures({ layers: ['place-township'] }).map((f) => String(f.properties.name)),
    );
    expect(placed.length).toBeGreaterThanOrEqual(5);
    expect(placed.every((n) => /\p{Script=Han}/u.test(n))).toBe(true);

    // For people to look at: the app as users see it, and the basemap alone around the old town.
    await page.screenshot({ path: path.join(SHOTS, `basemap-${theme}-app.png`), timeout: 120_000 });
    await jumpTo(119.915, 32.465, 13.5);
    await setOverlaysHidden(true);
    await page.screenshot({ path: path.join(SHOTS, `basemap-${theme}.png`), timeout: 120_000 });
    await setOverlaysHidden(false);
  }, 600_000);
});

describe('zero external requests', () => {
  it('loads and runs the live map for 30 s without one request leaving the serving host', async () => {
    // Exercise the map like a user (street level, the other style, the overview) for at least 30 s
    // after it loaded, with the demo feed streaming incidents in.
    const road = arterialPoints(DIGIT_ROAD);
    await jumpTo(road[0]![0], road[0]![1], 16);
    await setTheme('day');
    await jumpTo(119.91, 32.49, 11);
    await setTheme('dark');
    await page.waitForTimeout(Math.max(0, 30_000 - (Date.now() - loadedAt)));

    const host = new URL(url).host;
    const external = requests.filter((r) => {
      const u = new URL(r);
      return !['data:', 'blob:'].includes(u.protocol) && u.host !== host;
    });
    expect(external).toEqual([]);
    // and the basemap really came from this host: style, TileJSON, tiles and glyphs
    const paths = requests.map((r) => new URL(r).pathname);
    expect(paths).toContain('/tiles/styles/dark.json');
    expect(paths).toContain('/tiles/tilejson.json');
    expect(paths.some((p) => /^\/tiles\/\d+\/\d+\/\d+\.pbf$/.test(p))).toBe(true);
    expect(paths).toContain('/tiles/fonts/Noto%20Sans%20Regular/0-255.pbf'); // the digits of 328国道
    expect(failed).toEqual([]);
    expect(warnings.filter((w) => /glyph|font|tile|style/i.test(w))).toEqual([]);
  }, 300_000);
});
