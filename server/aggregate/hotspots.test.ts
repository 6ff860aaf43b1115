import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syntheticTiling } from '../geo/synthetic-tiling.ts';
import type { GridCollection, Hotspot } from '../wire/index.ts';
import { createHotspotService } from './hotspot-service.ts';
import { createHotspotDetector, queenNeighbours, type HotspotInput } from './hotspots.ts';
import { createWindowCounts, DAY_MS, WEEK_MS, type CountableIncident } from './window-counts.ts';

const T0 = Date.UTC(2026, 10, 22, 8);
// 12 × 12 jittered grids, equal households so rates equal counts unless a test changes them.
function tiling(): GridCollection {
  const t = syntheticTiling({ columns: 12, rows: 12, holes: 0, multiPolygons: 0, villageCells: 4, townshipVillages: 3, seed: 'hotspots' });
  for (const f of t.features) f.properties.households = 200;
  return t;
}
const at = (t: GridCollection, col: number, row: number) => t.features[row * 12 + col]?.properties.code as string;

function bboxOf(points: number[][]): [number, number, number, number] {
  const xs = points.map((p) => p[0] as number), ys = points.map((p) => p[1] as number);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function input(current: Record<string, number>, more: Partial<HotspotInput> = {}): HotspotInput {
  return { current, previous: {}, weekEarlier: {}, categoriesOf: () => ({ fire: 5, dispute: 9, traffic: 1, other: 0 }), ...more };
}

describe('hotspot detection', () => {
  it('finds a planted cluster against a uniform background, with its extent, counts and trend', () => {
    const t = tiling();
    const current: Record<string, number> = {};
    for (const f of t.features) current[f.properties.code] = 1;
    const cluster = [at(t, 5, 5), at(t, 6, 5), at(t, 5, 6), at(t, 6, 6)];
    for (const code of cluster) current[code] = 12;
    const previous = Object.fromEntries(cluster.map((c) => [c, 6]));
    const [top, ...rest] = createHotspotDetector(t).detect(input(current, { previous }));
    expect(rest).toEqual([]);
    expect(top?.rank).toBe(1);
    expect(top?.gridCodes).toEqual(expect.arrayContaining(cluster));
    expect(top?.z).toBeGreaterThan(3);
    expect(top?.p).toBeLessThan(0.001);
    expect(top?.count).toBeGreaterThanOrEqual(48);
    expect(top?.previous).toBe(24);
    expect(top?.trend).toBe('rising');
    expect(top?.topCategories).toEqual([{ category: 'dispute', count: 9 }, { category: 'fire', count: 5 }, { category: 'traffic', count: 1 }]);
    const [w, s, e, n] = top?.extent ?? [];
    expect(top?.centre[0]).toBeGreaterThan(w as number);
    expect(top?.centre[0]).toBeLessThan(e as number);
    expect(top?.centre[1]).toBeGreaterThan(s as number);
    expect(top?.centre[1]).toBeLessThan(n as number);
  });

  it('reports nothing when incidents are spread evenly', () => {
    const t = tiling();
    const current = Object.fromEntries(t.features.map((f) => [f.properties.code, 3]));
    expect(createHotspotDetector(t).detect(input(current))).toEqual([]);
  });

  it('judges rates against households: a busy but populous area is not a hotspot', () => {
    const t = tiling();
    const current: Record<string, number> = {};
    for (const f of t.features) current[f.properties.code] = 1;
    const block = [at(t, 2, 2), at(t, 3, 2), at(t, 2, 3), at(t, 3, 3)];
    for (const f of t.features) if (block.includes(f.properties.code)) f.properties.households = 2400; // 12× the households
    for (const code of block) current[code] = 12; // and 12× the incidents: the same rate
    const detector = createHotspotDetector(t);
    expect(detector.detect(input(current))).toEqual([]);
    expect(detector.detect(input(current), { baseline: 'none' }).map((h) => h.gridCodes.length)).toEqual([expect.any(Number)]);
  });

  it('splits two spikes joined by a band of significant but lower grids into two hotspots, each centred on its spike', () => {
    const t = tiling();
    const current: Record<string, number> = {};
    for (const f of t.features) current[f.properties.code] = 1;
    const block = (col: number) => [-1, 0, 1].flatMap((dc) => [-1, 0, 1].map((dr) => at(t, col + dc, 6 + dr)));
    for (const code of block(3)) current[code] = 14;
    for (const code of block(8)) current[code] = 12;
    const band = [5, 6].flatMap((col) => [5, 6, 7].map((row) => at(t, col, row)));
    for (const code of band) current[code] = 6;
    const hotspots = createHotspotDetector(t).detect(input(current));
    expect(hotspots.map((h) => h.id)).toEqual([`hs-${at(t, 3, 6)}`, `hs-${at(t, 8, 6)}`]);
    const [left, right] = hotspots as [Hotspot, Hotspot];
    expect(left.gridCodes).toEqual(expect.arrayContaining(block(3)));
    expect(right.gridCodes).toEqual(expect.arrayContaining(block(8)));
    expect(left.gridCodes.filter((c) => right.gridCodes.includes(c))).toEqual([]);
    // The band's middle row is significant and links the spikes: contiguity alone would join them.
    expect([...left.gridCodes, ...right.gridCodes]).toEqual(expect.arrayContaining([at(t, 4, 6), at(t, 5, 6), at(t, 6, 6), at(t, 7, 6)]));
    expect(left.z).toBeGreaterThan(right.z);
    expect(left.count).toBeGreaterThanOrEqual(14 * 9);
    expect(right.count).toBeGreaterThanOrEqual(12 * 9);
    for (const [h, col] of [[left, 3], [right, 8]] as const) {
      const spike = t.features.find((f) => f.properties.code === at(t, col, 6))?.geometry;
      const [w, s, e, n] = bboxOf(spike?.type === 'Polygon' ? spike.coordinates.flat() : []);
      expect(h.centre[0]).toBeGreaterThan(w);
      expect(h.centre[0]).toBeLessThan(e);
      expect(h.centre[1]).toBeGreaterThan(s);
      expect(h.centre[1]).toBeLessThan(n);
    }
  });

  it('keeps a single broad spike as one hotspot, peaked at its centre', () => {
    const t = tiling();
    const current: Record<string, number> = {};
    for (const f of t.features) current[f.properties.code] = 1;
    const top: string[] = [];
    for (let dc = -2; dc <= 2; dc++) for (let dr = -2; dr <= 2; dr++) {
      const ring = Math.max(Math.abs(dc), Math.abs(dr));
      current[at(t, 6 + dc, 6 + dr)] = [20, 12, 5][ring] as number;
      if (ring <= 1) top.push(at(t, 6 + dc, 6 + dr));
    }
    const hotspots = createHotspotDetector(t).detect(input(current));
    expect(hotspots.map((h) => h.id)).toEqual([`hs-${at(t, 6, 6)}`]);
    expect(hotspots[0]?.gridCodes).toEqual(expect.arrayContaining(top));
    expect(hotspots[0]?.gridCodes.length).toBeGreaterThan(top.length);
  });

  it('keeps a broad hotspot as one, even when noise leaves a second, slightly lower top on it', () => {
    const t = tiling();
    const current: Record<string, number> = {};
    for (const f of t.features) current[f.properties.code] = 1;
    const ridge = [3, 4, 5, 6, 7, 8].flatMap((col) => [6, 7].map((row) => at(t, col, row)));
    for (const code of ridge) current[code] = 12;
    current[at(t, 5, 6)] = 10; // a dip of two incidents: two local maxima of z either side of it
    current[at(t, 6, 7)] = 11;
    const hotspots = createHotspotDetector(t).detect(input(current));
    expect(hotspots).toHaveLength(1);
    expect(hotspots[0]?.gridCodes).toEqual(expect.arrayContaining(ridge));
  });

  it('drops clusters with fewer incidents than minCount', () => {
    const t = tiling();
    const current = { [at(t, 8, 8)]: 2, [at(t, 9, 8)]: 2 };
    expect(createHotspotDetector(t).detect(input(current), { minCount: 10 })).toEqual([]);
  });

  it('treats grids sharing a vertex as neighbours', () => {
    const t = tiling();
    const n = queenNeighbours(t);
    const codes = t.features.map((f) => f.properties.code);
    const of = (c: number, r: number) => (n[codes.indexOf(at(t, c, r))] ?? []).map((i) => codes[i]).sort();
    expect(of(5, 5)).toEqual([at(t, 4, 4), at(t, 5, 4), at(t, 6, 4), at(t, 4, 5), at(t, 6, 5), at(t, 4, 6), at(t, 5, 6), at(t, 6, 6)].sort());
    expect(of(0, 0)).toHaveLength(3);
  });
});

describe('hotspots from the live window counts', () => {
  it('are the hotspots of a straightforward per-grid count of the same incidents', () => {
    const t = tiling();
    const grids = t.features.map((f) => f.properties);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(grids.length - 1), fc.integer({ min: -10 * DAY_MS, max: 0 }), fc.constantFrom('fire', 'dispute', 'traffic')), { maxLength: 400 }),
        fc.nat(grids.length - 1), fc.integer({ min: 5, max: 40 }),
        (random, hotGrid, hotCount) => {
          const counts = createWindowCounts({ clock: () => T0 });
          const incidents: CountableIncident[] = random.map(([g, dt, category]) => {
            const p = grids[g] as (typeof grids)[number];
            return { townshipCode: p.townshipCode, villageCode: p.villageCode, gridCode: p.code, category, source: 'demo', occurredAtMs: T0 + dt };
          });
          const hot = grids[hotGrid] as (typeof grids)[number];
          for (let k = 0; k < hotCount; k++) incidents.push({ townshipCode: hot.townshipCode, villageCode: hot.villageCode, gridCode: hot.code, category: 'fire', source: 'demo', occurredAtMs: T0 - k * 60_000 });
          for (const i of incidents) counts.add(i);

          const perGrid = (from: number, to: number, category?: string) => {
            const out: Record<string, number> = {};
            for (const i of incidents) if (i.occurredAtMs > from && i.occurredAtMs <= to && (!category || i.category === category)) out[i.gridCode] = (out[i.gridCode] ?? 0) + 1;
            return out;
          };
          const expected = createHotspotDetector(t).detect({
            current: perGrid(T0 - DAY_MS, T0),
            previous: perGrid(T0 - 2 * DAY_MS, T0 - DAY_MS),
            weekEarlier: perGrid(T0 - DAY_MS - WEEK_MS, T0 - WEEK_MS),
            categoriesOf: (codes) => Object.fromEntries(['fire', 'dispute', 'traffic'].map((c) => [c, codes.reduce((s, code) => s + (perGrid(T0 - DAY_MS, T0, c)[code] ?? 0), 0)])),
          });
          expect(createHotspotService(t, counts).hotspots(DAY_MS, T0)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
