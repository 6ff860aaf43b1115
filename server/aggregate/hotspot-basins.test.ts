import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticTiling } from '../geo/synthetic-tiling.ts';
import { peakBasins, SADDLE_TOLERANCE } from './hotspot-basins.ts';
import { queenNeighbours } from './hotspots.ts';

// A path 0 – 1 – 2 – …: each unit touches the one before and the one after.
const path = (n: number) => Array.from({ length: n }, (_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < n));
const codes = (n: number) => Array.from({ length: n }, (_, i) => `g${String(i).padStart(3, '0')}`);
const all = (n: number) => new Array<boolean>(n).fill(true);
const asSets = (basins: { peak: number; members: number[] }[]) => basins.map((b) => ({ peak: b.peak, members: [...b.members].sort((x, y) => x - y) }));

describe('peak basins', () => {
  it('parts two peaks at a deep saddle and gives each grid to the peak it climbs to', () => {
    expect(asSets(peakBasins([9, 10, 8, 4, 6, 7, 5], all(7), path(7), codes(7)))).toEqual([
      { peak: 1, members: [0, 1, 2, 3] },
      { peak: 5, members: [4, 5, 6] },
    ]);
  });

  it('merges a peak into its neighbour when the saddle is within the tolerance of the lower peak', () => {
    const z = [10, 9.5, 9.7];
    expect(asSets(peakBasins(z, all(3), path(3), codes(3)))).toEqual([{ peak: 0, members: [0, 1, 2] }]);
    expect(asSets(peakBasins(z, all(3), path(3), codes(3), 0))).toEqual([{ peak: 0, members: [0, 1] }, { peak: 2, members: [2] }]);
    // Just outside the tolerance: the saddle is more than 10% below the lower peak.
    const deeper = [10, 9.7 * (1 - SADDLE_TOLERANCE) - 0.01, 9.7];
    expect(peakBasins(deeper, all(3), path(3), codes(3))).toHaveLength(2);
  });

  it('does not climb through grids that are not hot', () => {
    expect(asSets(peakBasins([10, 9.9, 9.8], [true, false, true], path(3), codes(3)))).toEqual([{ peak: 0, members: [0] }, { peak: 2, members: [2] }]);
  });

  it('breaks ties of z by grid code, the same way whatever the order of the grids', () => {
    expect(asSets(peakBasins([5, 5, 5], all(3), path(3), ['c', 'a', 'b'], 0))).toEqual([{ peak: 1, members: [0, 1, 2] }]);
    expect(asSets(peakBasins([5, 3, 5], all(3), path(3), ['b', 'c', 'a'], 0))).toEqual([{ peak: 2, members: [1, 2] }, { peak: 0, members: [0] }]);
  });

  it('are the steepest-ascent basins of a straightforward climb, and shallow saddles only ever merge them', () => {
    const t = syntheticTiling({ columns: 7, rows: 6, holes: 1, multiPolygons: 1, villageCells: 3, townshipVillages: 2, seed: 'basins' });
    const neighbours = queenNeighbours(t);
    const gridCodes = t.features.map((f) => f.properties.code);
    const n = gridCodes.length;
    fc.assert(
      fc.property(
        // Few distinct z values, so ties and plateaus are common.
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: n, maxLength: n }),
        fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        (levels, hot) => {
          const z = levels.map((v) => v / 2);
          const higher = (a: number, b: number) => (z[a] as number) > (z[b] as number) || ((z[a] as number) === (z[b] as number) && (gridCodes[a] as string) < (gridCodes[b] as string));
          const climb = (i: number): number => {
            for (;;) {
              const up = (neighbours[i] ?? []).filter((j) => hot[j]).reduce((best, j) => (higher(j, best) ? j : best), i);
              if (up === i) return i;
              i = up;
            }
          };
          const peakOf = (basins: { peak: number; members: number[] }[]) => {
            const out = new Map<number, number>();
            for (const b of basins) for (const i of b.members) out.set(i, b.peak);
            return out;
          };
          const hotGrids = [...hot.keys()].filter((i) => hot[i]);

          const plain = peakOf(peakBasins(z, hot, neighbours, gridCodes, 0));
          expect([...plain.keys()].sort((a, b) => a - b)).toEqual(hotGrids);
          for (const i of hotGrids) expect(plain.get(i)).toBe(climb(i));

          const basins = peakBasins(z, hot, neighbours, gridCodes);
          const merged = peakOf(basins);
          expect([...merged.keys()].sort((a, b) => a - b)).toEqual(hotGrids);
          for (const b of basins) for (const i of b.members) expect(higher(i, b.peak)).toBe(false);
          // Whole plain basins merge, and merged basins keep a saddle deeper than the tolerance.
          for (const i of hotGrids) expect(merged.get(plain.get(i) as number)).toBe(merged.get(i));
          for (const i of hotGrids) for (const j of neighbours[i] ?? []) {
            const [pi, pj] = [merged.get(i) as number, merged.get(j)];
            if (pj === undefined || pj === pi) continue;
            const lowerPeak = Math.min(z[pi] as number, z[pj] as number);
            expect(lowerPeak - Math.min(z[i] as number, z[j] as number)).toBeGreaterThanOrEqual(SADDLE_TOLERANCE * lowerPeak);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
