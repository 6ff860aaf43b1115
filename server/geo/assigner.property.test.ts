// Property tests: over random tilings, every point of the tiled rectangle is assigned to exactly
// one grid, the grid really contains it, and the raster fast path answers exactly like the search.
import { booleanPointInPolygon } from '@turf/turf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { createGridAssigner } from './assigner.ts';
import { claims, flattenPolygon } from './flat-polygon.ts';
import { syntheticTiling, type TilingOptions } from './synthetic-tiling.ts';

const tilingArb = fc.record({
  columns: fc.integer({ min: 1, max: 7 }),
  rows: fc.integer({ min: 1, max: 7 }),
  jitter: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.24, noNaN: true })),
  edgeVertices: fc.integer({ min: 0, max: 3 }),
  villageCells: fc.integer({ min: 2, max: 4 }),
  townshipVillages: fc.integer({ min: 1, max: 3 }),
  holes: fc.integer({ min: 0, max: 3 }),
  multiPolygons: fc.integer({ min: 0, max: 2 }),
  seed: fc.integer().map(String),
  originLng: fc.constantFrom(119.9, 0, -0.5),
  cellLng: fc.constantFrom(0.002, 0.25, 1),
}).map((o): Partial<TilingOptions> => ({ ...o, originLat: 32.4, cellLat: o.cellLng * 0.9 }));

/** Points worth testing: every vertex, points along every edge, and uniform points. */
function probePoints(rings: Position[][], o: Required<Pick<TilingOptions, 'originLng' | 'originLat' | 'cellLng' | 'cellLat' | 'columns' | 'rows'>>, u: number[]): Position[] {
  const points: Position[] = [];
  for (const ring of rings) {
    for (let k = 0; k < ring.length - 1; k++) {
      const a = ring[k] as Position, b = ring[k + 1] as Position;
      points.push(a, [(a[0] as number) + 0.5 * ((b[0] as number) - (a[0] as number)), (a[1] as number) + 0.5 * ((b[1] as number) - (a[1] as number))]);
    }
  }
  for (let k = 0; k + 1 < u.length; k += 2) {
    points.push([o.originLng + (u[k] as number) * o.columns * o.cellLng, o.originLat + (u[k + 1] as number) * o.rows * o.cellLat]);
  }
  return points;
}

describe('grid assigner over random tilings', () => {
  it('assigns every point of the tiled area to exactly one grid that contains it', () => {
    fc.assert(
      fc.property(tilingArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 60 }), (options, u) => {
        const tiling = syntheticTiling(options);
        const o = { ...(options as TilingOptions) };
        const polygons = tiling.features.map((f) => flattenPolygon(f.geometry));
        const fast = createGridAssigner(tiling);
        const exact = createGridAssigner(tiling, { cellsPerGrid: 0 });
        const east = o.originLng + o.columns * o.cellLng, north = o.originLat + o.rows * o.cellLat;
        const rings = tiling.features.flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()));
        for (const p of probePoints(rings, o, u)) {
          const [x, y] = p as [number, number];
          const claimers = polygons.filter((poly) => claims(poly, x, y)).length;
          const onOuterEastOrNorth = x === east || y === north;
          expect(claimers).toBe(onOuterEastOrNorth ? 0 : 1);

          const got = fast.assign(x, y);
          expect(got).toEqual(exact.assign(x, y));
          // The index path names the very same grid, on the raster path and the exact one alike.
          expect(fast.catalogue.grids[fast.assignIndex(x, y)] ?? null).toBe(got);
          expect(exact.catalogue.grids[exact.assignIndex(x, y)] ?? null).toBe(exact.assign(x, y));
          const inRectangle = x >= o.originLng && x <= east && y >= o.originLat && y <= north;
          expect(got !== null).toBe(inRectangle);
          if (got === null) continue;
          const owner = tiling.features.find((f) => f.properties.code === got.gridCode);
          expect(owner && booleanPointInPolygon(p, owner)).toBe(true);
          // Where turf sees the point strictly inside a grid, there is no border to decide.
          const strictly = tiling.features.filter((f) => booleanPointInPolygon(p, f, { ignoreBoundary: true }));
          if (strictly.length === 1) expect(got.gridCode).toBe(strictly[0]?.properties.code);
        }
      }),
      {
        numRuns: 60,
        // Found by this property: a hole placed on the cell's nominal centre poked out of a jittered
        // cell, so three grids claimed one point (a bug of the synthetic tiling, not the assigner).
        examples: [[
          { columns: 3, rows: 3, jitter: 0.1865083547407118, edgeVertices: 1, villageCells: 2, townshipVillages: 1, holes: 1, multiPolygons: 0, seed: '-1234502403', originLng: 0, cellLng: 0.002, originLat: 32.4, cellLat: 0.0018 },
          new Array<number>(20).fill(0),
        ]],
      },
    );
  });

  it('does not depend on the order of the features', () => {
    fc.assert(
      fc.property(tilingArb, fc.integer(), (options, seed) => {
        const tiling = syntheticTiling(options);
        const shuffled = { ...tiling, features: fc.sample(fc.shuffledSubarray(tiling.features, { minLength: tiling.features.length }), { numRuns: 1, seed })[0] ?? [] };
        const a = createGridAssigner(tiling), b = createGridAssigner(shuffled);
        for (const f of tiling.features) {
          const ring = (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0]?.[0]) ?? [];
          for (const [x, y] of ring as [number, number][]) expect(b.assign(x, y)).toEqual(a.assign(x, y));
        }
      }),
      { numRuns: 20 },
    );
  });
});
