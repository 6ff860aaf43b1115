import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import type { Hotspot } from '../../server/wire/index.ts';
import { hotspotLabelText, hotspotRows, zIntensity } from './hotspot-rows.ts';

function square(x: number, y: number): Polygon {
  return { type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] };
}

function hotspot(over: Partial<Hotspot>): Hotspot {
  return {
    id: 'hs-1', rank: 1, z: 4, p: 0.0001, gridCodes: [], villageCodes: [], townshipCodes: [],
    centre: [120, 30], extent: [119, 29, 121, 31], count: 10, expected: 3, previous: 5, weekEarlier: 4,
    changeVsPrevious: 1, changeVsWeekEarlier: 1.5, trend: 'rising', topCategories: [], ...over,
  };
}

const grids = [
  { properties: { code: 'g1' }, geometry: square(0, 0) },
  { properties: { code: 'g2' }, geometry: square(1, 0) },
  { properties: { code: 'g3' }, geometry: square(2, 0) },
];

describe('zIntensity', () => {
  it('runs from 0 at the significance threshold to 1 at a strong z, clamped', () => {
    expect(zIntensity(2)).toBe(0);
    expect(zIntensity(4)).toBe(0.5);
    expect(zIntensity(6)).toBe(1);
    expect(zIntensity(1)).toBe(0);
    expect(zIntensity(12)).toBe(1);
    expect(zIntensity(Number.NaN)).toBe(0);
  });
});

describe('hotspotRows', () => {
  it('outlines each member grid with its hotspot and labels the centre in display coordinates', () => {
    const rows = hotspotRows(
      [hotspot({ id: 'hs-a', rank: 1, z: 6, count: 42, gridCodes: ['g1', 'g2'] }), hotspot({ id: 'hs-b', rank: 2, z: 3, count: 7, gridCodes: ['g3'], centre: [2.5, 0.5] })],
      grids,
      (lng, lat) => [lng + 10, lat + 20],
    );
    expect(rows.cells.map((c) => [c.properties.hotspotId, c.properties.rank, c.properties.intensity])).toEqual([
      ['hs-a', 1, 1], ['hs-a', 1, 1], ['hs-b', 2, 0.25],
    ]);
    expect(rows.cells[1]?.geometry).toBe(grids[1]?.geometry);
    // The feature id is the hotspot's, which is what a click selects.
    expect(rows.cells.map((c) => c.id)).toEqual(['hs-a', 'hs-a', 'hs-b']);
    expect(rows.labels).toEqual([
      { id: 'hs-a', rank: 1, intensity: 1, text: '#1 (42)', position: [130, 50] },
      { id: 'hs-b', rank: 2, intensity: 0.25, text: '#2 (7)', position: [12.5, 20.5] },
    ]);
  });

  it('skips grids the jurisdiction does not know but keeps the label', () => {
    const rows = hotspotRows([hotspot({ gridCodes: ['gone', 'g2'] })], grids, (lng, lat) => [lng, lat]);
    expect(rows.cells).toHaveLength(1);
    expect(rows.cells[0]?.geometry).toBe(grids[1]?.geometry);
    expect(rows.labels).toHaveLength(1);
  });

  it('is empty for no hotspots', () => {
    expect(hotspotRows([], grids, (lng, lat) => [lng, lat])).toEqual({ cells: [], labels: [] });
  });
});

describe('hotspotLabelText', () => {
  it('uses only characters of the default (ASCII) font atlas', () => {
    expect(hotspotLabelText({ rank: 12, count: 345 })).toMatch(/^[\x20-\x7e]+$/);
  });
});
