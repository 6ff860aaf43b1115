import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import type { AreaGeometry, GridCollection, GridProps } from '../wire/index.ts';
import { createGridAssigner } from './assigner.ts';
import { gridCatalogue } from './grid-catalogue.ts';

function grid(code: string, geometry: AreaGeometry): Feature<AreaGeometry, GridProps> {
  return {
    type: 'Feature',
    properties: { code, name: code, villageCode: code.slice(0, 12), townshipCode: code.slice(0, 9), households: 100, worker: { name: 'w', phone: '0' } },
    geometry,
  };
}
const square = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

// Four unit squares meeting at (1, 1): A south-west, B south-east, C north-west, D north-east.
// D has a hole (1.4..1.6)² filled by grid E.
const A = '320402001001001', B = '320402001001002', C = '320402001002001', D = '320402001002002', E = '320402001002003';
const collection: GridCollection = {
  type: 'FeatureCollection',
  features: [
    grid(A, { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] }),
    grid(B, { type: 'Polygon', coordinates: [square(1, 0, 2, 1)] }),
    grid(C, { type: 'Polygon', coordinates: [square(0, 1, 1, 2)] }),
    grid(D, { type: 'Polygon', coordinates: [square(1, 1, 2, 2), square(1.4, 1.4, 1.6, 1.6).reverse()] }),
    grid(E, { type: 'Polygon', coordinates: [square(1.4, 1.4, 1.6, 1.6)] }),
  ],
};
const assigner = createGridAssigner(collection);
const owner = (x: number, y: number) => assigner.assign(x, y)?.gridCode ?? null;

describe('grid assigner', () => {
  it('assigns interior points to their grid with its village and township', () => {
    expect(assigner.assign(0.5, 0.5)).toEqual({ gridCode: A, villageCode: A.slice(0, 12), townshipCode: A.slice(0, 9) });
    expect(owner(1.5, 0.5)).toBe(B);
    expect(owner(0.5, 1.5)).toBe(C);
    expect(owner(1.2, 1.8)).toBe(D);
  });

  it('gives a point on a vertical shared edge to the grid on its east', () => {
    expect(owner(1, 0.5)).toBe(B);
    expect(owner(1, 1.5)).toBe(D);
  });

  it('gives a point on a horizontal shared edge to the grid on its north', () => {
    expect(owner(0.5, 1)).toBe(C);
    expect(owner(1.5, 1)).toBe(D);
  });

  it('gives the four-grid vertex to the north-east grid', () => {
    expect(owner(1, 1)).toBe(D);
  });

  it('gives points in a hole to the grid filling it, and hole edges by the same rule', () => {
    expect(owner(1.5, 1.5)).toBe(E);
    expect(owner(1.4, 1.5)).toBe(E); // west edge of the hole: E lies east
    expect(owner(1.6, 1.5)).toBe(D); // east edge of the hole: D lies east
    expect(owner(1.5, 1.6)).toBe(D); // north edge: D lies north
    expect(owner(1.5, 1.4)).toBe(E); // south edge: E lies north
  });

  it('keeps points on the outer boundary inside, and returns null outside', () => {
    expect(owner(2, 0.5)).toBe(B); // east edge of the area: nothing east, so the grid it lies on
    expect(owner(0.5, 2)).toBe(C); // north edge
    expect(owner(2, 2)).toBe(D); // north-east corner
    expect(owner(0, 0)).toBe(A);
    expect(owner(2.0000001, 1)).toBeNull();
    expect(owner(-1, -1)).toBeNull();
  });

  it('handles multipolygon grids', () => {
    const multi = createGridAssigner({
      type: 'FeatureCollection',
      features: [grid(A, { type: 'MultiPolygon', coordinates: [[square(0, 0, 1, 1)], [square(3, 3, 4, 4)]] })],
    });
    expect(multi.assign(3.5, 3.5)?.gridCode).toBe(A);
    expect(multi.assign(2, 2)).toBeNull();
  });

  it('answers by index into a catalogue in code order that every stage built from the same grids shares', () => {
    const shuffled: GridCollection = { ...collection, features: [...collection.features].reverse() };
    const a = createGridAssigner(shuffled);
    expect(a.catalogue).toBe(gridCatalogue(shuffled)); // the aggregates count by these indices
    expect(a.catalogue.grids.map((g) => g.gridCode)).toEqual([A, B, C, D, E]);
    expect(a.assignIndex(1.5, 0.5)).toBe(1);
    expect(a.catalogue.indexOf(B)).toBe(1);
    expect(a.catalogue.indexOf('nope')).toBeUndefined();
    expect(a.assignIndex(1.5, 1.5)).toBe(4); // E, in D's hole
    expect(a.assignIndex(5, 5)).toBe(-1);
    expect(a.assign(1.5, 0.5)).toBe(a.catalogue.grids[1]);
  });
});
