// Checks of one area feature's geometry: shape, finite coordinates, closed rings, enough points,
// and no self-intersection. Used by validate-jurisdiction.ts; each problem is a sentence that
// names the ring and the place.
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import { orientSign } from './orient.ts';

/** A flat list of the feature's edges, with the ring each belongs to, for intersection tests. */
export interface Edge {
  ax: number;
  ay: number;
  bx: number;
  by: number;
  /** Ring number across all parts, and the edge's index within it. */
  ring: number;
  k: number;
  /** Edges in that ring. */
  ringEdges: number;
  part: number;
}

const fmt = (x: number, y: number) => `[${x}, ${y}]`;

/** Problems with the raw coordinates; when any is found the geometry cannot be checked further. */
export function shapeProblems(geometry: unknown): string[] {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (g === null || typeof g !== 'object') return ['has no geometry'];
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') return [`has a ${String(g.type)} geometry; a Polygon or MultiPolygon is required`];
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(parts) || parts.length === 0) return ['has no coordinates'];
  const problems: string[] = [];
  parts.forEach((rings: unknown, p) => {
    if (!Array.isArray(rings) || rings.length === 0) return void problems.push(`polygon ${p} has no rings`);
    rings.forEach((ring: unknown, r) => {
      const where = `ring ${r} of polygon ${p}`;
      if (!Array.isArray(ring)) return void problems.push(`${where} is not an array of positions`);
      const bad = ring.findIndex((pt: unknown) => !Array.isArray(pt) || pt.length < 2 || !Number.isFinite(pt[0]) || !Number.isFinite(pt[1]) || Math.abs(pt[0] as number) > 180 || Math.abs(pt[1] as number) > 90);
      if (bad >= 0) return void problems.push(`${where} has an invalid position at index ${bad} (finite [lng, lat] within ±180, ±90 required)`);
      if (ring.length < 4) return void problems.push(`${where} has ${ring.length} positions; a closed ring needs at least 4`);
      const [first, last] = [ring[0] as Position, ring[ring.length - 1] as Position];
      if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`${where} is not closed: it starts at ${fmt(first[0] as number, first[1] as number)} and ends at ${fmt(last[0] as number, last[1] as number)}`);
    });
  });
  return problems;
}

/** Edges of every ring; zero-length edges (repeated points, harmless) are left out and not numbered. */
export function edgesOf(parts: Position[][][]): Edge[] {
  const edges: Edge[] = [];
  let ringNo = 0;
  parts.forEach((rings, part) => {
    for (const ring of rings) {
      const start = edges.length;
      for (let k = 0; k + 1 < ring.length; k++) {
        const a = ring[k] as Position, b = ring[k + 1] as Position;
        if (a[0] === b[0] && a[1] === b[1]) continue;
        edges.push({ ax: a[0] as number, ay: a[1] as number, bx: b[0] as number, by: b[1] as number, ring: ringNo, k: edges.length - start, ringEdges: 0, part });
      }
      for (let i = start; i < edges.length; i++) (edges[i] as Edge).ringEdges = edges.length - start;
      ringNo++;
    }
  });
  return edges;
}

const within = (v: number, a: number, b: number) => v >= Math.min(a, b) && v <= Math.max(a, b);
/** p is on the closed segment ab (exact). */
export function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  return within(px, ax, bx) && within(py, ay, by) && orientSign(ax, ay, bx, by, px, py) === 0;
}

/** True when the two segments cross at a point interior to both (exact). */
export function properlyCross(e: Edge, f: Edge): boolean {
  const o1 = orientSign(e.ax, e.ay, e.bx, e.by, f.ax, f.ay), o2 = orientSign(e.ax, e.ay, e.bx, e.by, f.bx, f.by);
  const o3 = orientSign(f.ax, f.ay, f.bx, f.by, e.ax, e.ay), o4 = orientSign(f.ax, f.ay, f.bx, f.by, e.bx, e.by);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/** True when two collinear segments share more than a point. */
function overlapCollinear(e: Edge, f: Edge): boolean {
  if (orientSign(e.ax, e.ay, e.bx, e.by, f.ax, f.ay) !== 0 || orientSign(e.ax, e.ay, e.bx, e.by, f.bx, f.by) !== 0) return false;
  const horizontal = Math.abs(e.bx - e.ax) >= Math.abs(e.by - e.ay);
  const [e0, e1] = horizontal ? [Math.min(e.ax, e.bx), Math.max(e.ax, e.bx)] : [Math.min(e.ay, e.by), Math.max(e.ay, e.by)];
  const [f0, f1] = horizontal ? [Math.min(f.ax, f.bx), Math.max(f.ax, f.bx)] : [Math.min(f.ay, f.by), Math.max(f.ay, f.by)];
  return Math.min(e1, f1) > Math.max(e0, f0);
}

function touch(e: Edge, f: Edge): boolean {
  return properlyCross(e, f) || onSegment(f.ax, f.ay, e.ax, e.ay, e.bx, e.by) || onSegment(f.bx, f.by, e.ax, e.ay, e.bx, e.by) || onSegment(e.ax, e.ay, f.ax, f.ay, f.bx, f.by) || onSegment(e.bx, e.by, f.ax, f.ay, f.bx, f.by);
}

/**
 * The first self-intersection, described, or null. Within a ring, edges other than neighbours may
 * not meet at all, and neighbours may not fold back onto each other; different rings (holes,
 * parts) may touch at single points but not cross or share a stretch of boundary.
 */
export function selfIntersection(parts: Position[][][]): string | null {
  const edges = edgesOf(parts);
  if (edges.length < 2) return null;
  const index = new Flatbush(edges.length);
  for (const e of edges) index.add(Math.min(e.ax, e.bx), Math.min(e.ay, e.by), Math.max(e.ax, e.bx), Math.max(e.ay, e.by));
  index.finish();
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as Edge;
    for (const j of index.search(Math.min(e.ax, e.bx), Math.min(e.ay, e.by), Math.max(e.ax, e.bx), Math.max(e.ay, e.by))) {
      if (j <= i) continue;
      const f = edges[j] as Edge;
      let bad: boolean;
      if (e.ring === f.ring) {
        const adjacent = Math.abs(e.k - f.k) === 1 || Math.abs(e.k - f.k) === e.ringEdges - 1;
        bad = adjacent ? overlapCollinear(e, f) : touch(e, f);
      } else {
        bad = properlyCross(e, f) || overlapCollinear(e, f);
      }
      if (bad) return `edges ${fmt(e.ax, e.ay)}–${fmt(e.bx, e.by)} and ${fmt(f.ax, f.ay)}–${fmt(f.bx, f.by)} intersect`;
    }
  }
  return null;
}
