import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import { geometryBounds } from './bounds.ts';
import { labelPoint } from './label-point.ts';
import { fovWedge } from './wedge.ts';

const square: Polygon = { type: 'Polygon', coordinates: [[[119.9, 32.4], [119.91, 32.4], [119.91, 32.41], [119.9, 32.41], [119.9, 32.4]]] };
// A U shape whose centre of mass falls in the notch, outside the polygon.
const uShape: Polygon = {
  type: 'Polygon',
  coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]],
};

describe('labelPoint', () => {
  it('uses the centre of a convex area', () => {
    const [x, y] = labelPoint(square);
    expect(x).toBeCloseTo(119.905, 6);
    expect(y).toBeCloseTo(32.405, 6);
  });
  it('stays inside an area whose centre lies outside it', () => {
    const p = labelPoint(uShape);
    expect(booleanPointInPolygon(p, uShape)).toBe(true);
  });
  it('labels the largest part of a multipolygon', () => {
    const tiny: Polygon['coordinates'] = [[[0, 0], [0.001, 0], [0.001, 0.001], [0, 0.001], [0, 0]]];
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [tiny, square.coordinates] };
    expect(labelPoint(multi)[0]).toBeCloseTo(119.905, 6);
  });
});

describe('fovWedge', () => {
  it('points north for bearing 0 and reaches the range', () => {
    const ring = fovWedge(119.9, 32.4, 0, 60, 111.32, 2);
    const tip = ring[2]!; // middle of the arc
    expect(tip[0]).toBeCloseTo(119.9, 9);
    expect(tip[1]).toBeCloseTo(32.401, 6);
    expect(ring[0]).toEqual(ring.at(-1));
  });
  it('points east for bearing 90', () => {
    const tip = fovWedge(119.9, 32.4, 90, 60, 100, 2)[2]!;
    expect(tip[0]).toBeGreaterThan(119.9);
    expect(tip[1]).toBeCloseTo(32.4, 9);
  });
});

describe('geometryBounds', () => {
  it('spans every coordinate', () => {
    expect(geometryBounds(square)).toEqual([[119.9, 32.4], [119.91, 32.41]]);
  });
  it('is null for an empty geometry', () => {
    expect(geometryBounds({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
  });
});
