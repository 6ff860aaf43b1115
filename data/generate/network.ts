// Turns road drafts into a routable network: every crossing and every T-junction becomes a vertex
// shared by both roads (noding), so a graph built from roads.geojson alone — as the server will
// build it for travel times — is connected exactly where the map shows roads meeting.
import type { Position } from 'geojson';
import type { RoadClass, RoadCollection } from '../../server/wire/jurisdiction.ts';
import { distance, segmentCrossing, segmentDistance, type XY } from './planar.ts';
import { fromLngLat } from './projection.ts';
import type { RoadDraft } from './roads.ts';

const CELL = 250; // spatial hash cell, metres

interface Insert {
  t: number;
  p: XY;
}

/** Copies of the drafts with a shared vertex wherever two roads cross or one ends on another. */
export function nodeRoads(drafts: readonly RoadDraft[], tolerance = 0.5): RoadDraft[] {
  const lines = drafts.map((d) => d.line.slice());
  const segs: { r: number; i: number }[] = [];
  const cells = new Map<string, number[]>();
  lines.forEach((line, r) =>
    line.slice(1).forEach((b, k) => {
      const a = line[k] as XY;
      const s = segs.push({ r, i: k }) - 1;
      for (let cx = Math.floor((Math.min(a[0], b[0]) - tolerance) / CELL); cx <= Math.floor((Math.max(a[0], b[0]) + tolerance) / CELL); cx++) {
        for (let cy = Math.floor((Math.min(a[1], b[1]) - tolerance) / CELL); cy <= Math.floor((Math.max(a[1], b[1]) + tolerance) / CELL); cy++) {
          const key = `${cx},${cy}`;
          const list = cells.get(key);
          if (list) list.push(s);
          else cells.set(key, [s]);
        }
      }
    }),
  );
  const ends = (s: { r: number; i: number }): [XY, XY] => [lines[s.r]?.[s.i] as XY, lines[s.r]?.[s.i + 1] as XY];
  const inserts = new Map<number, Insert[]>();
  const insert = (s: number, t: number, p: XY): void => {
    const list = inserts.get(s);
    if (list) list.push({ t, p });
    else inserts.set(s, [{ t, p }]);
  };

  // Proper crossings: one new point, shared by both segments.
  const tested = new Set<string>();
  for (const list of cells.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const [s1, s2] = [list[x] as number, list[y] as number];
        const [g1, g2] = [segs[s1] as { r: number; i: number }, segs[s2] as { r: number; i: number }];
        if (g1.r === g2.r && Math.abs(g1.i - g2.i) < 2) continue;
        const key = `${s1}:${s2}`;
        if (tested.has(key)) continue;
        tested.add(key);
        const [a, b] = ends(g1);
        const [c, d] = ends(g2);
        const hit = segmentCrossing(a, b, c, d);
        if (!hit) continue;
        const p: XY = [a[0] + (b[0] - a[0]) * hit[0], a[1] + (b[1] - a[1]) * hit[0]];
        insert(s1, hit[0], p);
        insert(s2, hit[1], p);
      }
    }
  }

  // T-junctions: a road ending on (or within tolerance of) another road joins it there.
  lines.forEach((line, r) => {
    for (const end of [0, line.length - 1]) {
      const p = line[end] as XY;
      const near = cells.get(`${Math.floor(p[0] / CELL)},${Math.floor(p[1] / CELL)}`) ?? [];
      for (const s of near) {
        const g = segs[s] as { r: number; i: number };
        if (g.r === r) continue;
        const [a, b] = ends(g);
        if (segmentDistance(p, a, b) > tolerance) continue;
        if (distance(p, a) <= tolerance) line[end] = a;
        else if (distance(p, b) <= tolerance) line[end] = b;
        else {
          const dx = b[0] - a[0];
          const dy = b[1] - a[1];
          insert(s, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy), p);
        }
        break;
      }
    }
  });

  const out: RoadDraft[] = drafts.map((d) => ({ ...d, line: [] }));
  segs.forEach((g, s) => {
    const [a] = ends(g);
    const line = (out[g.r] as RoadDraft).line;
    line.push(a);
    for (const ins of (inserts.get(s) ?? []).sort((u, v) => u.t - v.t)) line.push(ins.p);
    if (g.i === (lines[g.r] as XY[]).length - 2) line.push(ends(g)[1]);
  });
  return out;
}

/** Typical speeds, m/s, for travel-time weights. */
export const ROAD_SPEED: Record<RoadClass, number> = { arterial: 14, street: 9, rural: 11 };

/** An undirected graph over the vertices of roads.geojson (a vertex shared by roads = a junction). */
export interface RoadGraph {
  /** Node positions as written (WGS-84) and in metres. */
  lngLat: Position[];
  xy: XY[];
  /** Neighbours: node, travel seconds, index of the road feature. */
  adj: { to: number; seconds: number; road: number }[][];
}

export function buildGraph(roads: RoadCollection): RoadGraph {
  const ids = new Map<string, number>();
  const graph: RoadGraph = { lngLat: [], xy: [], adj: [] };
  const node = (p: Position): number => {
    const key = `${p[0]},${p[1]}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = graph.lngLat.length;
      ids.set(key, id);
      graph.lngLat.push(p);
      graph.xy.push(fromLngLat(p));
      graph.adj.push([]);
    }
    return id;
  };
  roads.features.forEach((f, road) => {
    const coords = f.geometry.coordinates;
    for (let i = 1; i < coords.length; i++) {
      const a = node(coords[i - 1] as Position);
      const b = node(coords[i] as Position);
      if (a === b) continue;
      const seconds = distance(graph.xy[a] as XY, graph.xy[b] as XY) / ROAD_SPEED[f.properties.class];
      graph.adj[a]?.push({ to: b, seconds, road });
      graph.adj[b]?.push({ to: a, seconds, road });
    }
  });
  return graph;
}

/** Component id per node (0 = the largest component). */
export function components(graph: RoadGraph): Int32Array {
  const comp = new Int32Array(graph.adj.length).fill(-1);
  const sizes: number[] = [];
  for (let s = 0; s < comp.length; s++) {
    if (comp[s] !== -1) continue;
    const id = sizes.length;
    const stack = [s];
    comp[s] = id;
    let size = 0;
    while (stack.length > 0) {
      const n = stack.pop() as number;
      size++;
      for (const e of graph.adj[n] ?? []) {
        if (comp[e.to] === -1) {
          comp[e.to] = id;
          stack.push(e.to);
        }
      }
    }
    sizes.push(size);
  }
  const largest = sizes.indexOf(Math.max(...sizes));
  return comp.map((c) => (c === largest ? 0 : c === 0 ? largest : c));
}

/** Fastest path between two nodes (Dijkstra with a binary heap), as node ids; [] if unreachable. */
export function shortestPath(graph: RoadGraph, from: number, to: number): number[] {
  const dist = new Float64Array(graph.adj.length).fill(Infinity);
  const prev = new Int32Array(graph.adj.length).fill(-1);
  const heap: [number, number][] = [[0, from]];
  dist[from] = 0;
  const push = (item: [number, number]): void => {
    heap.push(item);
    for (let i = heap.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if ((heap[p] as [number, number])[0] <= item[0]) break;
      [heap[i], heap[p]] = [heap[p] as [number, number], item];
      i = p;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0] as [number, number];
    const last = heap.pop() as [number, number];
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && (heap[l] as [number, number])[0] < (heap[m] as [number, number])[0]) m = l;
        if (r < heap.length && (heap[r] as [number, number])[0] < (heap[m] as [number, number])[0]) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as [number, number], heap[i] as [number, number]];
        i = m;
      }
    }
    return top;
  };
  while (heap.length > 0) {
    const [d, n] = pop();
    if (n === to) break;
    if (d > (dist[n] as number)) continue;
    for (const e of graph.adj[n] ?? []) {
      const nd = d + e.seconds;
      if (nd < (dist[e.to] as number)) {
        dist[e.to] = nd;
        prev[e.to] = n;
        push([nd, e.to]);
      }
    }
  }
  if (dist[to] === Infinity) return [];
  const path = [to];
  while (path[path.length - 1] !== from) path.push(prev[path[path.length - 1] as number] as number);
  return path.reverse();
}
