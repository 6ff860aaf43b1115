import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { areaIndex, containsPoint } from './area-index.ts';

function square(code: string, x0: number, y0: number, size: number, hole?: [number, number, number]) {
  const rings: Polygon['coordinates'] = [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]];
  if (hole) {
    const [hx, hy, hs] = hole;
    rings.push([[hx, hy], [hx, hy + hs], [hx + hs, hy + hs], [hx + hs, hy], [hx, hy]]);
  }
  return { type: 'Feature' as const, properties: { code }, geometry: { type: 'Polygon' as const, coordinates: rings } };
}

const areas: FeatureCollection<Polygon, { code: string }> = {
  type: 'FeatureCollection',
  features: [square('a', 0, 0, 1), square('b', 1, 0, 1, [1.4, 0.4, 0.2])],
};

describe('areaIndex', () => {
  it.each([
    [0.5, 0.5, 'a'],
    [1.5, 0.2, 'b'],
    [1.5, 0.5, null], // in b's hole
    [2.5, 0.5, null], // outside everything
  ])('finds the area containing (%s, %s): %s', (x, y, code) => {
    expect(areaIndex(areas).find(x, y)?.properties.code ?? null).toBe(code);
  });

  it('lists the areas meeting a box, in file order', () => {
    expect(areaIndex(areas).within(0.9, 0.1, 1.2, 0.2)).toEqual([0, 1]);
    expect(areaIndex(areas).within(1.5, 0.1, 1.6, 0.2)).toEqual([1]);
    expect(areaIndex(areas).within(5, 5, 6, 6)).toEqual([]);
  });

  it('builds the index once per collection', () => {
    expect(areaIndex(areas)).toBe(areaIndex(areas));
  });
});

describe('containsPoint', () => {
  it('handles multipolygons', () => {
    const multi = { type: 'MultiPolygon' as const, coordinates: [square('x', 0, 0, 1).geometry.coordinates, square('y', 5, 5, 1).geometry.coordinates] };
    expect(containsPoint(multi, 5.5, 5.5)).toBe(true);
    expect(containsPoint(multi, 3, 3)).toBe(false);
  });
});
