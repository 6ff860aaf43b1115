import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-fixtures/app.ts';
import { FIXTURE_JURISDICTION_DIR } from '../test-fixtures/index.ts';
import { countyLabel, JurisdictionError, loadJurisdiction } from './load.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function copyOfFixture(): string {
  const t = tempDir('yzt-jur-');
  cleanups.push(t.remove);
  cpSync(FIXTURE_JURISDICTION_DIR, t.dir, { recursive: true });
  return t.dir;
}

describe('loadJurisdiction', () => {
  it('loads every level, the cameras, routes and units', async () => {
    const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
    expect(countyLabel(j)).toBe('321202 海陵区');
    expect([j.townships, j.villages, j.grids, j.cameras, j.routes].map((c) => c.features.length)).toEqual([2, 2, 4, 2, 2]);
    expect(j.units).toHaveLength(2);
  });

  it('treats the context layers as optional', async () => {
    const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
    expect(j.roads).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('names a missing file and how to make it', async () => {
    const dir = copyOfFixture();
    rmSync(path.join(dir, 'grids.geojson'));
    await expect(loadJurisdiction(dir)).rejects.toThrow(/grids\.geojson.*npm run data/);
  });

  it('names a file that is not JSON', async () => {
    const dir = copyOfFixture();
    writeFileSync(path.join(dir, 'cameras.geojson'), '{ nope');
    await expect(loadJurisdiction(dir)).rejects.toThrow(JurisdictionError);
    await expect(loadJurisdiction(dir)).rejects.toThrow(/cameras\.geojson is not valid JSON/);
  });

  it('names a feature missing a required property', async () => {
    const dir = copyOfFixture();
    writeFileSync(
      path.join(dir, 'grids.geojson'),
      JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { code: 'x' } }] }),
    );
    await expect(loadJurisdiction(dir)).rejects.toThrow('grids.geojson: feature 0 property "name" must be a string');
  });

  it('refuses boundaries whose grids overlap, naming the grid', async () => {
    const dir = copyOfFixture();
    const file = path.join(dir, 'grids.geojson');
    const grids = JSON.parse(readFileSync(file, 'utf8')) as { features: { geometry: { coordinates: number[][][] } }[] };
    // Stretch the first grid 0.005° east, into its neighbour.
    for (const p of grids.features[0]!.geometry.coordinates[0]!) if (p[0] === 119.91) p[0] = 119.915;
    writeFileSync(file, JSON.stringify(grids));
    await expect(loadJurisdiction(dir)).rejects.toThrow(/invalid[\s\S]*321202001002001[\s\S]*overlaps/);
  });
});
