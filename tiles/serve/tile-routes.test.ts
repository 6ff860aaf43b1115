import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import Fastify, { type FastifyInstance } from 'fastify';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBasemap } from '../generate/build.ts';
import { createMbtilesWriter } from '../generate/mbtiles-writer.ts';
import { FIXTURE, writeFixtureCounty } from '../generate/fixture.ts';
import { tileOf } from '../generate/tiler.ts';
import { decodeGlyphRanges } from '../glyphs/glyph-pbf.ts';
import { STYLES_DIR } from '../paths.ts';
import { tileRoutes, type TileRoutesOptions } from './tile-routes.ts';

const dir = mkdtempSync(join(tmpdir(), 'yzt-serve-'));
const mbtilesPath = join(dir, 'build', 'demo.mbtiles');
const servers: FastifyInstance[] = [];

interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP GET (no automatic decompression, so Content-Encoding can be checked). */
function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Res> {
  return new Promise((resolveRes, reject) => {
    const req = httpRequest(new URL(path, base), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolveRes({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function start(opts: Partial<TileRoutesOptions> = {}): Promise<string> {
  const app = Fastify();
  await app.register(tileRoutes, { mbtilesPath, stylesDir: STYLES_DIR, ...opts });
  servers.push(app);
  return app.listen({ port: 0, host: '127.0.0.1' });
}

let base: string;
beforeAll(async () => {
  writeFixtureCounty(join(dir, 'in'));
  buildBasemap({ inputDir: join(dir, 'in'), outPath: mbtilesPath, fontsDir: join(dir, 'build', 'fonts') });
  base = await start();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

const tilePath = (z: number, lng: number = FIXTURE.arterial.lng, lat: number = FIXTURE.arterial.lat) => {
  const [x, y] = tileOf(lng, lat, z);
  return `/tiles/${z}/${x}/${y}.pbf`;
};
const gzip = { 'accept-encoding': 'gzip, deflate' };

describe('GET /tiles/{z}/{x}/{y}.pbf', () => {
  it('serves the stored gzip as is, with cache headers', async () => {
    const res = await get(base, tilePath(14), gzip);
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(res.headers.etag).toMatch(/^".+"$/);
    const tile = new VectorTile(new PbfReader(gunzipSync(res.body)));
    expect(Object.keys(tile.layers)).toEqual(expect.arrayContaining(['roads', 'water']));
  });

  it('answers a revalidation with 304 Not Modified', async () => {
    const first = await get(base, tilePath(13), gzip);
    const again = await get(base, tilePath(13), { ...gzip, 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('decompresses for a client that does not accept gzip', async () => {
    const res = await get(base, tilePath(14));
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(Object.keys(new VectorTile(new PbfReader(res.body)).layers)).toContain('roads');
  });

  it('answers 204 No Content for a valid tile with nothing in it', async () => {
    expect((await get(base, tilePath(14, 100, 10), gzip)).status).toBe(204); // far from the county
    expect((await get(base, tilePath(20), gzip)).status).toBe(204); // above the archive's maxzoom
  });

  it.each([
    ['/tiles/8/256/100.pbf', 'x beyond 2^z'],
    ['/tiles/8/100/256.pbf', 'y beyond 2^z'],
    ['/tiles/25/0/0.pbf', 'zoom too deep'],
    ['/tiles/-1/0/0.pbf', 'negative zoom'],
    ['/tiles/a/b/c.pbf', 'not numbers'],
    ['/tiles/8/1/1.png', 'not .pbf'],
    ['/tiles/8/1.5/1.pbf', 'fraction'],
  ])('answers 400 for %s (%s)', async (path) => {
    const res = await get(base, path, gzip);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString()).error).toBe('bad tile coordinates');
  });

  it('answers 503 with a hint while the archive is not built', async () => {
    const other = await start({ mbtilesPath: join(dir, 'missing.mbtiles') });
    const res = await get(other, tilePath(14), gzip);
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body.toString()).hint).toMatch(/npm run tiles/);
  });
});

describe('GET /tiles/tilejson.json', () => {
  it('points tile URLs at the host the request came in on', async () => {
    const res = await get(base, '/tiles/tilejson.json', { host: 'cmd-centre.local:8080' });
    expect(res.status).toBe(200);
    const tj = JSON.parse(res.body.toString());
    expect(tj.tilejson).toBe('3.0.0');
    expect(tj.tiles).toEqual(['http://cmd-centre.local:8080/tiles/{z}/{x}/{y}.pbf']);
    expect(tj.minzoom).toBe(8);
    expect(tj.maxzoom).toBe(16);
    expect(tj.vector_layers.map((l: { id: string }) => l.id)).toContain('roads');
  });

  it('refuses a malformed Host header instead of echoing it', async () => {
    expect((await get(base, '/tiles/tilejson.json', { host: 'evil.test/"><script>' })).status).toBe(400);
  });
});

describe('GET /tiles/styles/{day|dark}.json', () => {
  it.each(['day', 'dark'])('serves the %s style, valid, with every URL on the serving host', async (theme) => {
    const res = await get(base, `/tiles/styles/${theme}.json`, { host: 'cmd-centre.local:8080' });
    expect(res.status).toBe(200);
    const style = JSON.parse(res.body.toString()) as StyleSpecification;
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.sources.basemap).toMatchObject({ url: 'http://cmd-centre.local:8080/tiles/tilejson.json' });
    expect(style.glyphs).toBe('http://cmd-centre.local:8080/tiles/fonts/{fontstack}/{range}.pbf');
    expect(style.metadata).toMatchObject({ 'yizhangtu:crs': 'wgs84', 'yizhangtu:theme': theme });
  });

  it('serves the OpenMapTiles variant for a county archive in that schema (planetiler, tilemaker)', async () => {
    const countyPath = join(dir, 'county-omt.mbtiles');
    const w = createMbtilesWriter(countyPath);
    w.finish({
      name: 'county',
      description: 'OpenMapTiles schema',
      attribution: '© OpenStreetMap contributors',
      version: '3.15',
      minzoom: 0,
      maxzoom: 14,
      bounds: [119, 32, 121, 33],
      center: [120, 32.5, 10],
      vector_layers: ['transportation', 'water', 'place'].map((id) => ({ id, description: '', minzoom: 0, maxzoom: 14, fields: {} })),
    });
    const other = await start({ mbtilesPath: countyPath });
    const style = JSON.parse((await get(other, '/tiles/styles/day.json')).body.toString()) as StyleSpecification;
    expect(style.metadata).toMatchObject({ 'yizhangtu:schema': 'openmaptiles', 'yizhangtu:attribution': '© OpenStreetMap contributors' });
    expect(style.layers.some((l) => 'source-layer' in l && l['source-layer'] === 'transportation')).toBe(true);
    const demo = JSON.parse((await get(base, '/tiles/styles/day.json')).body.toString()) as StyleSpecification;
    expect(demo.layers.some((l) => 'source-layer' in l && l['source-layer'] === 'roads')).toBe(true);
  });

  it('answers 404 for an unknown style', async () => {
    expect((await get(base, '/tiles/styles/neon.json')).status).toBe(404);
    expect((await get(base, '/tiles/styles/..%2Fday.json')).status).toBe(404);
  });

  it('draws a configured raster basemap instead, declaring its CRS and attribution', async () => {
    const raster = { urls: ['https://tiles.example.cn/{z}/{x}/{y}.png'], crs: 'gcj02' as const, attribution: '© 高德地图' };
    const other = await start({ raster });
    const style = JSON.parse((await get(other, '/tiles/styles/dark.json')).body.toString()) as StyleSpecification;
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.sources['raster-0']).toMatchObject({ type: 'raster', tiles: raster.urls, attribution: '© 高德地图' });
    expect(style.metadata).toMatchObject({ 'yizhangtu:crs': 'gcj02', 'yizhangtu:attribution': '© 高德地图' });
  });
});

describe('GET /tiles/fonts/{fontstack}/{range}.pbf', () => {
  it('serves a glyph range that decodes to the expected glyph ids', async () => {
    const res = await get(base, '/tiles/fonts/Noto%20Sans%20Regular/0-255.pbf', gzip);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
    const [stack] = decodeGlyphRanges(gunzipSync(res.body));
    expect(stack?.name).toBe('Noto Sans Regular');
    const ids = stack?.glyphs.map((g) => g.id) ?? [];
    for (const ch of '0123456789 ABCabc-') expect(ids).toContain(ch.codePointAt(0));
  });

  it('takes the first fontstack of a list it has, falling back to the regular face', async () => {
    const bold = await get(base, '/tiles/fonts/Noto%20Sans%20Bold,Arial%20Unicode%20MS%20Bold/0-255.pbf');
    expect(decodeGlyphRanges(bold.body)[0]?.name).toBe('Noto Sans Bold');
    const unknown = await get(base, '/tiles/fonts/Open%20Sans%20Semibold/0-255.pbf');
    expect(decodeGlyphRanges(unknown.body)[0]?.name).toBe('Noto Sans Regular');
  });

  it('answers 400 for a malformed range and 404 for one not built or outside the fonts folder', async () => {
    expect((await get(base, '/tiles/fonts/Noto%20Sans%20Regular/1-256.pbf')).status).toBe(400);
    expect((await get(base, '/tiles/fonts/Noto%20Sans%20Regular/19968-20223.pbf')).status).toBe(404); // CJK: drawn locally
    const traversal = await get(base, '/tiles/fonts/..%2F..%2F..%2Fetc/0-255.pbf');
    expect(decodeGlyphRanges(traversal.body)[0]?.name).toBe('Noto Sans Regular'); // never a file outside
  });
});
