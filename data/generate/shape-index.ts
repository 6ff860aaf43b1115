// Fast containment and border-distance tests against a metric shape (the county, a township, a
// lake…). Edges are bucketed into horizontal bands, so a test looks at a few dozen edges, not all.
import { segmentDistance, type XY } from './planar.ts';

/** Polygons in metres: polygon → rings (outer first) → points. */
export type Shape = XY[][][];

export interface ShapeIndex {
  contains(p: XY): boolean;
  /** Distance to the nearest border edge, or Infinity if none within `max`. */
  borderDistance(p: XY, max: number): number;
  /** Inside and at least `margin` metres from the border. */
  containsWithMargin(p: XY, margin: number): boolean;
}

export function createShapeIndex(shape: Shape, band = 100): ShapeIndex {
  const edges: [XY, XY][] = [];
  for (const rings of shape) {
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i] as XY;
        const b = ring[(i + 1) % ring.length] as XY;
        if (a[0] !== b[0] || a[1] !== b[1]) edges.push([a, b]);
      }
    }
  }
  const bands = new Map<number, number[]>();
  edges.forEach(([a, b], e) => {
    const lo = Math.floor(Math.min(a[1], b[1]) / band);
    const hi = Math.floor(Math.max(a[1], b[1]) / band);
    for (let k = lo; k <= hi; k++) {
      let list = bands.get(k);
      if (!list) bands.set(k, (list = []));
      list.push(e);
    }
  });
  const contains = (p: XY): boolean => {
    let inside = false;
    for (const e of bands.get(Math.floor(p[1] / band)) ?? []) {
      const [a, b] = edges[e] as [XY, XY];
      if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
    }
    return inside;
  };
  const borderDistance = (p: XY, max: number): number => {
    let best = Infinity;
    const seen = new Set<number>();
    for (let k = Math.floor((p[1] - max) / band); k <= Math.floor((p[1] + max) / band); k++) {
      for (const e of bands.get(k) ?? []) {
        if (seen.has(e)) continue;
        seen.add(e);
        const [a, b] = edges[e] as [XY, XY];
        if (Math.min(a[0], b[0]) - max > p[0] || Math.max(a[0], b[0]) + max < p[0]) continue;
        const d = segmentDistance(p, a, b);
        if (d < best) best = d;
      }
    }
    return best <= max ? best : Infinity;
  };
  return {
    contains,
    borderDistance,
    containsWithMargin: (p, margin) => contains(p) && borderDistance(p, margin) >= margin,
  };
}

/** The runs of a densified polyline that pass `keep`, each at least two points long. */
export function clipLine(line: readonly XY[], keep: (p: XY) => boolean): XY[][] {
  const runs: XY[][] = [];
  let run: XY[] = [];
  for (const p of line) {
    if (keep(p)) run.push(p);
    else {
      if (run.length >= 2) runs.push(run);
      run = [];
    }
  }
  if (run.length >= 2) runs.push(run);
  return runs;
}
