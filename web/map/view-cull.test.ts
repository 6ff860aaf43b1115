import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { areasNear, boxKey, cullBox, labelsNear } from './view-cull.ts';

const cell = (code: string, x: number) => ({
  type: 'Feature' as const,
  properties: { code, name: code },
  geometry: { type: 'Polygon' as const, coordinates: [[[x, 0], [x + 0.01, 0], [x + 0.01, 0.01], [x, 0.01], [x, 0]]] },
});
const cells: FeatureCollection<Polygon, { code: string; name: string }> = {
  type: 'FeatureCollection',
  features: [cell('a', 0), cell('b', 0.1), cell('c', 1)],
};

describe('cullBox', () => {
  it('pads the view by half its size and snaps outward', () => {
    expect(cullBox(0.1, 0.1, 0.2, 0.2)).toEqual([0.04, 0.04, 0.26, 0.26]);
  });
  it('gives the same box for a small pan, so layer data stays the same', () => {
    expect(boxKey(cullBox(0.1, 0.1, 0.2, 0.2))).toBe(boxKey(cullBox(0.101, 0.1, 0.201, 0.2)));
  });
});

describe('areasNear and labelsNear', () => {
  const key = boxKey(cullBox(0.05, 0, 0.15, 0.01));
  it('keep only what meets the box', () => {
    expect(areasNear(cells, key).features.map((f) => f.properties.code)).toEqual(['a', 'b']);
    const labels = [{ code: 'a', name: 'a', position: [0.005, 0.005] as [number, number] }, { code: 'c', name: 'c', position: [1.005, 0.005] as [number, number] }];
    expect(labelsNear(labels, key).map((l) => l.code)).toEqual(['a']);
  });
  it('return the same object for the same box', () => {
    expect(areasNear(cells, key)).toBe(areasNear(cells, key));
  });
});
