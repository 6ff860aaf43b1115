import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMbtiles, type TileArchive } from '../serve/mbtiles-reader.ts';
import { buildBasemap, isUpToDate, type BuildResult } from './build.ts';
import { FIXTURE, writeFixtureCounty } from './fixture.ts';
import { tileOf } from './tiler.ts';

const dir = mkdtempSync(join(tmpdir(), 'yzt-tiles-'));
const outPath = join(dir, 'out', 'demo.mbtiles');
let result: BuildResult;
let archive: TileArchive;

beforeAll(() => {
  writeFixtureCounty(join(dir, 'in'));
  result = buildBasemap({ inputDir: join(dir, 'in'), outPath, minZoom: 8, maxZoom: 16 });
  archive = openMbtiles(outPath);
});
afterAll(() => {
  archive.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Decodes the tile containing a position, with each feature's properties and its geometry type. */
function featuresAt(lng: number, lat: number, z: number, layer: string): Array<Record<string, unknown>> {
  const [x, y] = tileOf(lng, lat, z);
  const data = archive.tile(z, x, y);
  if (!data) return [];
  const tile = new VectorTile(new PbfReader(gunzipSync(data)));
  const l = tile.layers[layer];
  if (!l) return [];
  return Array.from({ length: l.length }, (_, i) => {
    const f = l.feature(i);
    return { ...f.properties, geomType: f.type };
  });
}

describe('buildBasemap', () => {
  it('writes gzipped vector tiles for every zoom from 8 to 16', () => {
    expect(result.tiles).toBeGreaterThan(20);
    for (let z = 8; z <= 16; z++) {
      const [x, y] = tileOf(FIXTURE.arterial.lng, FIXTURE.arterial.lat, z);
      const data = archive.tile(z, x, y);
      expect(data, `z${z}`).not.toBeNull();
      expect(data?.[0]).toBe(0x1f); // gzip magic
      expect(data?.[1]).toBe(0x8b);
    }
  });

  it('puts the arterial road with its class and name where it is', () => {
    const roads = featuresAt(FIXTURE.arterial.lng, FIXTURE.arterial.lat, 14, 'roads');
    expect(roads).toContainEqual({ class: 'arterial', name: FIXTURE.arterial.name, geomType: 2 });
  });

  it('puts the river (a line) and the lake (a polygon) with their names where they are', () => {
    expect(featuresAt(FIXTURE.river.lng, FIXTURE.river.lat, 14, 'water')).toContainEqual({
      kind: 'river',
      name: FIXTURE.river.name,
      geomType: 2,
    });
    expect(featuresAt(FIXTURE.lake.lng, FIXTURE.lake.lat, 14, 'water')).toContainEqual({
      kind: 'lake',
      name: FIXTURE.lake.name,
      geomType: 3,
    });
  });

  it('has land use, township borders and township name points', () => {
    const z = 12;
    const { lng, lat } = FIXTURE.arterial;
    expect(featuresAt(lng, lat, z, 'landuse').map((f) => f.kind)).toEqual(expect.arrayContaining(['built-up', 'farmland', 'park']));
    const borders = featuresAt(lng, lat, z, 'boundaries');
    expect(borders.filter((b) => b.level === 'township').map((b) => b.name).sort()).toEqual([...FIXTURE.townships].sort());
    const places = featuresAt(lng, lat, z, 'places');
    expect(places.filter((p) => p.level === 'township' && p.geomType === 1).map((p) => p.name).sort()).toEqual(
      [...FIXTURE.townships].sort(),
    );
  });

  it('keeps detail out of low zooms: rural roads and village names only when zoomed in', () => {
    const { lng, lat } = FIXTURE.arterial;
    expect(featuresAt(lng, lat, 9, 'roads').map((r) => r.class)).toEqual(['arterial']);
    expect(featuresAt(lng, lat, 13, 'roads').map((r) => r.class).sort()).toEqual(['arterial', 'rural', 'street']);
    expect(featuresAt(lng, lat, 10, 'places').some((p) => p.level === 'village')).toBe(false);
    expect(featuresAt(lng, lat, 13, 'places').some((p) => p.level === 'village')).toBe(true);
  });

  it('does not store tiles with nothing in them', () => {
    // Tiles of the grid over the bounds that lie inside a village, away from every road, river
    // and land-use area, have no features: they must be absent, not stored empty.
    const z = 16;
    const [w, s, e, n] = result.bounds;
    const [x0, y0] = tileOf(w, n, z);
    const [x1, y1] = tileOf(e, s, z);
    let stored = 0;
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) if (archive.tile(z, x, y)) stored += 1;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan((x1 - x0 + 1) * (y1 - y0 + 1));
  });

  it('records TileJSON metadata: zooms, bounds around the county and the layer schema', () => {
    expect(archive.info.minzoom).toBe(8);
    expect(archive.info.maxzoom).toBe(16);
    expect(archive.info.format).toBe('pbf');
    const [w, s, e, n] = archive.info.bounds;
    expect(w).toBeLessThan(119.9);
    expect(s).toBeLessThan(32.47);
    expect(e).toBeGreaterThan(119.94);
    expect(n).toBeGreaterThan(32.51);
    expect(archive.info.vector_layers.map((l) => (l as { id: string }).id).sort()).toEqual(
      ['boundaries', 'landuse', 'places', 'roads', 'water'],
    );
  });
});

describe('isUpToDate', () => {
  it('is true right after a build and false once an input changes', () => {
    const inputDir = join(dir, 'in');
    expect(isUpToDate({ inputDir, outPath })).toBe(true);
    expect(isUpToDate({ inputDir, outPath: join(dir, 'nope.mbtiles') })).toBe(false);
    expect(isUpToDate({ inputDir, outPath, fontsDir: join(dir, 'no-fonts') })).toBe(false);
    appendFileSync(join(inputDir, 'roads.geojson'), '\n');
    expect(isUpToDate({ inputDir, outPath })).toBe(false);
  });
});
