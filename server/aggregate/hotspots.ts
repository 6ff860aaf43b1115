// Hotspots (热点): compact groups of grids whose incident rate is significantly high, ranked by
// Getis-Ord Gi* rather than raw counts — a busy market grid with many households is not a hotspot
// merely for being busy. Pure: built once per jurisdiction (neighbours, centroids), then fed
// window counts.
//
// Method: x_i = incidents in grid i per household (households floored at a quarter of the median,
// so a near-empty grid cannot explode); Gi* over queen-contiguous neighbours (grids sharing a
// vertex); one-sided p-values; Benjamini–Hochberg FDR across all grids; significant hot grids
// split into one basin per peak of z by steepest ascent through the same contiguity, basins
// parted only by a shallow saddle merged (hotspot-basins.ts) — so a dense core of significant
// grids yields its compact hotspots, not one area spanning townships; basins with fewer than
// `minCount` incidents dropped; ranked by their peak z. A single spiking grid is reported when it
// stands out against the whole jurisdiction (at county scale, hundreds of grids, it does; among a
// few dozen grids one grid's spike also inflates the variance it is judged by).
import Flatbush from 'flatbush';
import type { GridCollection, Hotspot } from '../wire/index.ts';
import { benjaminiHochberg, getisOrdGiStar, upperTailP, type Neighbours } from './getis-ord.ts';
import { peakBasins } from './hotspot-basins.ts';
import { change } from './window-compare.ts';

export interface HotspotOptions {
  /** False discovery rate across all grids. */
  fdr: number;
  /** A hotspot must hold at least this many incidents in the window. */
  minCount: number;
  /** Normalise by households (rates) or use raw counts. */
  baseline: 'households' | 'none';
  /** Most hotspots returned. */
  limit: number;
  /** Share change vs the previous window beyond which the trend is rising/falling. */
  trendThreshold: number;
}

export const HOTSPOT_DEFAULTS: HotspotOptions = { fdr: 0.05, minCount: 3, baseline: 'households', limit: 20, trendThreshold: 0.25 };

// The wire shape of a hotspot lives in server/wire (the web reads it); re-exported for the engine.
export type { Hotspot, HotspotTrend } from '../wire/index.ts';

/** Window counts per grid code, and a category breakdown for a set of grids. */
export interface HotspotInput {
  current: Record<string, number>;
  previous: Record<string, number>;
  weekEarlier: Record<string, number>;
  categoriesOf(gridCodes: string[]): Record<string, number>;
}

export interface HotspotDetector {
  readonly gridCodes: readonly string[];
  readonly neighbours: Neighbours;
  /** Gi* z per grid (same order as gridCodes) for the given counts. */
  zScores(current: Record<string, number>, baseline?: HotspotOptions['baseline']): Float64Array;
  detect(input: HotspotInput, options?: Partial<HotspotOptions>): Hotspot[];
}

interface GridInfo {
  code: string;
  villageCode: string;
  townshipCode: string;
  households: number;
  centroid: [number, number];
  bbox: [number, number, number, number];
}

export function createHotspotDetector(grids: GridCollection): HotspotDetector {
  const infos: GridInfo[] = grids.features.map((f) => {
    const rings = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    return { code: f.properties.code, villageCode: f.properties.villageCode, townshipCode: f.properties.townshipCode, households: f.properties.households, centroid: centroidOf(rings), bbox: bboxOf(rings.flat(2)) };
  });
  const neighbours = queenNeighbours(grids);
  const sortedHouseholds = infos.map((g) => g.households).sort((a, b) => a - b);
  const floor = Math.max(1, 0.25 * (sortedHouseholds[Math.floor(sortedHouseholds.length / 2)] ?? 1));
  const households = infos.map((g) => Math.max(g.households, floor));
  const totalHouseholds = households.reduce((a, b) => a + b, 0);

  function values(current: Record<string, number>, baseline: HotspotOptions['baseline']): Float64Array {
    return Float64Array.from(infos, (g, i) => (current[g.code] ?? 0) / (baseline === 'households' ? (households[i] as number) : 1));
  }

  const gridCodes = infos.map((g) => g.code);

  return {
    gridCodes,
    neighbours,
    zScores: (current, baseline = 'households') => getisOrdGiStar(values(current, baseline), neighbours),
    detect(input, options = {}) {
      const o = { ...HOTSPOT_DEFAULTS, ...options };
      const z = getisOrdGiStar(values(input.current, o.baseline), neighbours);
      const p = Array.from(z, upperTailP);
      const significant = benjaminiHochberg(p, o.fdr);
      const hot = infos.map((_, i) => significant[i] === true && (z[i] as number) > 0);
      const total = infos.reduce((sum, g) => sum + (input.current[g.code] ?? 0), 0);

      const hotspots: Omit<Hotspot, 'rank'>[] = [];
      for (const { peak, members } of peakBasins(z, hot, neighbours, gridCodes)) {
        const count = members.reduce((s, i) => s + (input.current[(infos[i] as GridInfo).code] ?? 0), 0);
        if (count < o.minCount) continue;
        hotspots.push(describe(peak, members, count));
      }
      hotspots.sort((a, b) => b.z - a.z || b.count - a.count || (a.id < b.id ? -1 : 1));
      return hotspots.slice(0, o.limit).map((h, k) => ({ ...h, rank: k + 1 }));

      function describe(peak: number, members: number[], count: number): Omit<Hotspot, 'rank'> {
        members.sort((a, b) => ((infos[a] as GridInfo).code < (infos[b] as GridInfo).code ? -1 : 1));
        const ms = members.map((i) => infos[i] as GridInfo);
        const codes = ms.map((g) => g.code);
        const sumOf = (r: Record<string, number>) => codes.reduce((s, c) => s + (r[c] ?? 0), 0);
        let cx = 0, cy = 0, weight = 0;
        for (const g of ms) {
          const w = input.current[g.code] ?? 0;
          cx += w * g.centroid[0]; cy += w * g.centroid[1]; weight += w;
        }
        const previous = sumOf(input.previous), weekEarlier = sumOf(input.weekEarlier);
        const vsPrevious = change(count, previous);
        const categories = Object.entries(input.categoriesOf(codes)).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
        return {
          id: `hs-${(infos[peak] as GridInfo).code}`,
          z: z[peak] as number,
          p: upperTailP(z[peak] as number),
          gridCodes: codes,
          villageCodes: [...new Set(ms.map((g) => g.villageCode))],
          townshipCodes: [...new Set(ms.map((g) => g.townshipCode))],
          centre: weight > 0 ? [cx / weight, cy / weight] : (infos[peak] as GridInfo).centroid,
          extent: [Math.min(...ms.map((g) => g.bbox[0])), Math.min(...ms.map((g) => g.bbox[1])), Math.max(...ms.map((g) => g.bbox[2])), Math.max(...ms.map((g) => g.bbox[3]))],
          count,
          expected: totalHouseholds > 0 ? (total * members.reduce((s, i) => s + (households[i] as number), 0)) / totalHouseholds : 0,
          previous,
          weekEarlier,
          changeVsPrevious: vsPrevious,
          changeVsWeekEarlier: change(count, weekEarlier),
          trend: previous === 0 ? 'new' : (vsPrevious as number) >= o.trendThreshold ? 'rising' : (vsPrevious as number) <= -o.trendThreshold ? 'falling' : 'steady',
          topCategories: categories.slice(0, 3).map(([category, n]) => ({ category, count: n })),
        };
      }
    },
  };
}

/**
 * Queen contiguity: grids sharing a vertex (a tiling's neighbours meet at shared vertices, also
 * across T-junctions, where the triple point belongs to all three). A grid sharing none — data
 * whose borders do not share vertices — falls back to grids whose bounding boxes touch.
 */
export function queenNeighbours(grids: GridCollection): number[][] {
  const byVertex = new Map<string, number[]>();
  const out: Set<number>[] = grids.features.map(() => new Set<number>());
  grids.features.forEach((f, i) => {
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    for (const ring of rings) for (const [x, y] of ring as [number, number][]) {
      const key = `${x.toFixed(7)},${y.toFixed(7)}`; // ~1 cm: absorbs rounding in the source data
      let list = byVertex.get(key);
      if (list === undefined) byVertex.set(key, (list = []));
      if (list[list.length - 1] !== i) list.push(i);
    }
  });
  for (const list of byVertex.values()) for (const a of list) for (const b of list) if (a !== b) out[a]?.add(b);
  const lonely = out.map((s, i) => (s.size === 0 ? i : -1)).filter((i) => i >= 0);
  if (lonely.length > 0 && grids.features.length > 1) {
    const boxes = grids.features.map((f) => bboxOf((f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()).flat()));
    const index = new Flatbush(boxes.length);
    for (const b of boxes) index.add(...b);
    index.finish();
    for (const i of lonely) {
      const [w, s, e, n] = boxes[i] as [number, number, number, number];
      for (const j of index.search(w, s, e, n)) if (j !== i) { out[i]?.add(j); out[j]?.add(i); }
    }
  }
  return out.map((s) => [...s].sort((a, b) => a - b));
}

function bboxOf(points: number[][]): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of points as [number, number][]) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}

/** Area-weighted centroid of polygons (planar; fine at grid scale), holes subtracted. */
function centroidOf(polygons: number[][][][]): [number, number] {
  let a = 0, cx = 0, cy = 0;
  for (const rings of polygons) {
    rings.forEach((ring, k) => {
      let ra = 0, rx = 0, ry = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = ring[i] as [number, number], [x1, y1] = ring[i + 1] as [number, number];
        const cross = x0 * y1 - x1 * y0;
        ra += cross; rx += (x0 + x1) * cross; ry += (y0 + y1) * cross;
      }
      const sign = (k === 0 ? 1 : -1) * Math.sign(ra || 1); // outer adds, holes subtract, any winding
      a += sign * ra; cx += sign * rx; cy += sign * ry;
    });
  }
  if (a === 0) {
    const [w, s, e, n] = bboxOf(polygons.flat(2));
    return [(w + e) / 2, (s + n) / 2];
  }
  return [cx / (3 * a), cy / (3 * a)];
}
