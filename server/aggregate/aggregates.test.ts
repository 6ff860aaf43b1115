import { describe, expect, it } from 'vitest';
import { createGridAssigner } from '../geo/assigner.ts';
import { syntheticTiling } from '../geo/synthetic-tiling.ts';
import { createAggregates } from './aggregates.ts';
import { DAY_MS, HOUR_MS } from './window-counts.ts';

const T0 = Date.UTC(2026, 10, 22, 8);

describe('aggregates', () => {
  it('feeds one incident to the counts and the heat grid, and the hotspots read them', () => {
    // 400 grids: enough that one grid's spike stands out under Gi* with the FDR cut (in a few dozen it cannot).
    const grids = syntheticTiling({ columns: 20, rows: 20, holes: 0, multiPolygons: 0, seed: 'aggregates' });
    const assigner = createGridAssigner(grids);
    const agg = createAggregates(grids, { clock: () => T0 });
    const at = (lng: number, lat: number, minutesAgo: number, category = 'fire') => {
      const where = assigner.assign(lng, lat);
      if (!where) throw new Error('test point outside the tiling');
      agg.add({ ...where, lng, lat, category, source: 'alarm-110', occurredAtMs: T0 - minutesAgo * 60_000 });
      return where;
    };
    const hot = at(119.8071, 32.4063, 1);
    for (let k = 2; k < 25; k++) at(119.8071 + k * 1e-6, 32.4063, k);
    at(119.801, 32.401, 30, 'dispute');

    expect(agg.counts.total(HOUR_MS, T0)).toBe(25);
    expect(agg.counts.unitCount('grid', hot.gridCode, HOUR_MS, T0)).toBe(24);
    const cells = agg.heat.cells(HOUR_MS, T0);
    expect(Array.from(cells.count).sort((a, b) => b - a)).toEqual([24, 1]);
    const [top] = agg.hotspots.hotspots(DAY_MS, T0);
    expect(top?.gridCodes).toContain(hot.gridCode);
    expect(top?.topCategories[0]?.category).toBe('fire');
  });

  it('counts an incident added by the assigner\'s grid index exactly as one added by its codes', () => {
    const grids = syntheticTiling({ columns: 6, rows: 6, holes: 0, multiPolygons: 0, seed: 'assigned' });
    const assigner = createGridAssigner(grids);
    const byCodes = createAggregates(grids, { clock: () => T0 });
    const byIndex = createAggregates(grids, { clock: () => T0 });
    const points = [[119.8012, 32.4011, 5], [119.8071, 32.4063, 50], [119.8033, 32.4022, 90], [119.8071, 32.4063, 24 * 60 + 5]] as const;
    for (const [lng, lat, minutesAgo] of points) {
      const i = { lng, lat, category: 'traffic', source: 'grid-report', occurredAtMs: T0 - minutesAgo * 60_000 };
      byCodes.add({ ...assigner.assign(lng, lat)!, ...i });
      byIndex.addAssigned(i, assigner.assignIndex(lng, lat), i.occurredAtMs);
    }
    for (const level of ['township', 'village', 'grid'] as const) {
      expect(byIndex.counts.counts(level, DAY_MS, T0)).toEqual(byCodes.counts.counts(level, DAY_MS, T0));
    }
    expect(byIndex.counts.total(DAY_MS, T0)).toBe(3);
    expect(byIndex.counts.breakdown('category', DAY_MS, T0)).toEqual({ traffic: 3 });
    expect(byIndex.heat.cells(DAY_MS, T0)).toEqual(byCodes.heat.cells(DAY_MS, T0));
  });
});
