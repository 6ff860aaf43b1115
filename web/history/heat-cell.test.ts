import { describe, expect, it } from 'vitest';
import { heatCellAt, heatCellCentre } from './heat-cell.ts';
import { BOUNDS, NOW, serverGrid } from './heat-test-grid.ts';

const grid = serverGrid();
const g = grid.geometry;
const [west, south, east, north] = BOUNDS;

/** The cell the server's grid puts (lng, lat) in, or -1 where it ignores the point. */
function serverCell(lng: number, lat: number): number {
  const one = grid.empty();
  if (!one.add(lng, lat, NOW)) return -1;
  return one.cells(1000, NOW).index[0] as number;
}

/** The gap between `v` and the next double. */
function ulp(v: number): number {
  return 2 ** (Math.floor(Math.log2(Math.abs(v))) - 52);
}

/** A deterministic generator in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

describe('heatCellAt', () => {
  it('puts random points in the cell the server does', () => {
    const rnd = random(7);
    for (let k = 0; k < 1500; k++) {
      const lng = west + rnd() * (east - west), lat = south + rnd() * (north - south);
      expect(heatCellAt(g, lng, lat), `${lng},${lat}`).toBe(serverCell(lng, lat));
    }
  });

  it('rounds points on cell borders and on the bounds the way the server does', () => {
    const rnd = random(11);
    const points: [number, number][] = [[west, south], [east, north], [west, north], [east, south]];
    for (let k = 0; k < 300; k++) {
      // A border line as c·cell places it, and the few doubles either side, where rounding decides.
      const c = Math.floor(rnd() * g.columns), r = Math.floor(rnd() * g.rows);
      const x = west + c * g.cellLng, y = south + r * g.cellLat;
      const steps = (v: number) => [-2, -1, 0, 1, 2].map((n) => n * ulp(v));
      for (const dx of steps(x)) for (const dy of steps(y)) {
        const lng = Math.min(east, Math.max(west, x + dx)), lat = Math.min(north, Math.max(south, y + dy));
        points.push([lng, lat], [lng, south + rnd() * (north - south)], [west + rnd() * (east - west), lat]);
      }
    }
    for (const [lng, lat] of points) expect(heatCellAt(g, lng, lat), `${lng},${lat}`).toBe(serverCell(lng, lat));
  });

  it('ignores points outside the grid, as the server does', () => {
    const outside: [number, number][] = [
      [west - 1e-9, south + 0.1], [west + 0.1, south - 1e-9], [west + g.columns * g.cellLng + 1e-9, south + 0.1],
      [west + 0.1, south + g.rows * g.cellLat + 1e-9], [Number.NaN, 32.5], [120, Number.NaN], [0, 0],
    ];
    for (const [lng, lat] of outside) {
      expect(heatCellAt(g, lng, lat), `${lng},${lat}`).toBe(-1);
      expect(serverCell(lng, lat)).toBe(-1);
    }
  });

  it('places a cell centre where heat.arrow does', () => {
    const one = grid.empty();
    one.add(119.91234, 32.48765, NOW);
    const cells = one.cells(1000, NOW);
    expect(heatCellCentre(g, cells.index[0] as number)).toEqual([cells.lng[0], cells.lat[0]]);
  });
});
