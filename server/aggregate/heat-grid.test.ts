import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHeatGrid } from './heat-grid.ts';

const BOUNDS: [number, number, number, number] = [119.8, 32.38, 120.02, 32.6];
const T0 = Date.UTC(2026, 10, 22, 8);

describe('heat grid', () => {
  it('puts incidents in ~250 m cells and counts them per window', () => {
    const heat = createHeatGrid(BOUNDS);
    heat.add(119.9, 32.5, T0 - 1000);
    heat.add(119.9001, 32.5001, T0 - 2000); // same cell, ~14 m away
    heat.add(119.95, 32.45, T0 - 2 * 3_600_000);
    const hour = heat.cells(3_600_000, T0);
    expect(Array.from(hour.count)).toEqual([2]);
    const cell = hour.index[0] as number;
    expect(Math.abs((hour.lng[0] as number) - 119.9)).toBeLessThan(hour.cellLng);
    expect(Math.abs((hour.lat[0] as number) - 32.5)).toBeLessThan(hour.cellLat);
    expect(hour.cellLat * 111_320).toBeCloseTo(250, 6);
    expect(cell).toBe(Math.floor((32.5 - BOUNDS[1]) / hour.cellLat) * hour.columns + Math.floor((119.9 - BOUNDS[0]) / hour.cellLng));
    expect(Array.from(heat.cells(3 * 3_600_000, T0).count).sort()).toEqual([1, 2]);
  });

  it('ignores points outside its bounds and forgets expired incidents', () => {
    const heat = createHeatGrid(BOUNDS);
    expect(heat.add(121, 32.5, T0)).toBe(false);
    heat.add(119.9, 32.5, T0 - 10);
    heat.expireThrough(T0 - 5);
    expect(heat.cells(3_600_000, T0).index.length).toBe(0);
  });

  it('matches a straightforward count per cell for random incidents', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: BOUNDS[0], max: BOUNDS[2], noNaN: true }), fc.double({ min: BOUNDS[1], max: BOUNDS[3], noNaN: true }), fc.integer({ min: -48, max: 0 })), { maxLength: 200 }),
        fc.integer({ min: 1, max: 48 }),
        (points, hours) => {
          const heat = createHeatGrid(BOUNDS, { cellMeters: 2000 });
          for (const [x, y, h] of points) heat.add(x, y, T0 + h * 3_600_000);
          const got = heat.cells(hours * 3_600_000, T0);
          const expected = new Map<number, number>();
          for (const [x, y, h] of points) {
            if (!(h > -hours)) continue;
            const key = Math.min(got.rows - 1, Math.floor((y - BOUNDS[1]) / got.cellLat)) * got.columns + Math.min(got.columns - 1, Math.floor((x - BOUNDS[0]) / got.cellLng));
            expected.set(key, (expected.get(key) ?? 0) + 1);
          }
          expect(new Map(Array.from(got.index, (k, i) => [k, got.count[i] as number]))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('forgets exactly what is at or before each cutoff, through adds (older ones too) between expiries', () => {
    const op = fc.oneof(
      fc.tuple(fc.double({ min: BOUNDS[0], max: BOUNDS[2], noNaN: true }), fc.double({ min: BOUNDS[1], max: BOUNDS[3], noNaN: true }), fc.integer({ min: -96, max: 0 })).map(([x, y, h]) => ({ x, y, t: T0 + h * 3_600_000 })),
      fc.integer({ min: -96, max: 0 }).map((h) => ({ cutoff: T0 + h * 3_600_000 })),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), (ops) => {
        const heat = createHeatGrid(BOUNDS, { cellMeters: 2000 });
        let kept: number[] = [];
        for (const o of ops) {
          if ('cutoff' in o) {
            heat.expireThrough(o.cutoff);
            kept = kept.filter((t) => t > o.cutoff);
          } else if (heat.add(o.x, o.y, o.t)) kept.push(o.t);
        }
        const counts = heat.cells(200 * 3_600_000, T0).count;
        expect(Array.from(counts).reduce((a, b) => a + b, 0)).toBe(kept.length);
      }),
      { numRuns: 200 },
    );
  });

  it('makes empty copies with the same cells, counting on their own', () => {
    const heat = createHeatGrid(BOUNDS);
    heat.add(119.9, 32.5, T0);
    const part = heat.empty();
    expect(part.geometry).toEqual(heat.geometry);
    expect(part.cells(3_600_000, T0).index.length).toBe(0);
    part.add(119.9, 32.5, T0);
    part.add(119.9, 32.5, T0);
    expect(Array.from(part.cells(3_600_000, T0).index)).toEqual(Array.from(heat.cells(3_600_000, T0).index));
    expect(Array.from(heat.cells(3_600_000, T0).count)).toEqual([1]);
  });
});
