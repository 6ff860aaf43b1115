// Assembles region polygons (a grid, a village, a township, the county…) from the mesh: a region
// is the set of cells with the same label, and its border is every chain with that label on one
// side only. Rings are traced over the shared chains, so regions inherit the mesh's exact topology.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { chainVertices, type ChainRef, type Mesh } from './mesh.ts';
import { bearing, inRing, signedArea2, type XY } from './planar.ts';

/** Polygons as vertex-id rings: [outer (counter-clockwise), ...holes (clockwise)]. */
export type RegionPolygons = number[][][];

const endVertex = (mesh: Mesh, ref: ChainRef): number => {
  const c = mesh.chains[ref.chain];
  if (!c) throw new Error(`no chain ${ref.chain}`);
  return ref.forward ? c.to : c.from;
};

/** The polygons of every region; `labelOf(cell)` < 0 means the cell belongs to no region. */
export function assembleRegions(mesh: Mesh, labelOf: (cell: number) => number): Map<number, RegionPolygons> {
  const border = new Map<number, ChainRef[]>();
  const add = (label: number, ref: ChainRef): void => {
    let list = border.get(label);
    if (!list) border.set(label, (list = []));
    list.push(ref);
  };
  mesh.chains.forEach((c, chain) => {
    const l = c.left >= 0 ? labelOf(c.left) : -1;
    const r = c.right >= 0 ? labelOf(c.right) : -1;
    if (l === r) return;
    if (l >= 0) add(l, { chain, forward: true });
    if (r >= 0) add(r, { chain, forward: false });
  });
  const out = new Map<number, RegionPolygons>();
  for (const [label, refs] of [...border].sort((a, b) => a[0] - b[0])) out.set(label, polygonsOf(mesh, refs));
  return out;
}

function polygonsOf(mesh: Mesh, refs: ChainRef[]): RegionPolygons {
  const byStart = new Map<number, number[]>();
  // Full vertex runs, end vertex included (needed for directions at junctions).
  const verts = refs.map((ref) => [...chainVertices(mesh, ref), endVertex(mesh, ref)]);
  verts.forEach((v, i) => {
    const start = v[0] as number;
    byStart.set(start, [...(byStart.get(start) ?? []), i]);
  });
  const used = new Uint8Array(refs.length);
  const rings: number[][] = [];
  for (let first = 0; first < refs.length; first++) {
    if (used[first]) continue;
    const ring: number[] = [];
    let cur = first;
    for (;;) {
      used[cur] = 1;
      const cv = verts[cur] as number[];
      ring.push(...cv.slice(0, -1));
      const end = cv[cv.length - 1] as number;
      const next = pickNext(mesh, cv, end, byStart.get(end) ?? [], verts);
      if (next === first) break;
      if (next < 0 || used[next]) throw new Error('region border does not close');
      cur = next;
    }
    rings.push(ring);
  }
  const xy = (ring: number[]): XY[] => ring.map((v) => mesh.points[v] as XY);
  const outers = rings.filter((r) => signedArea2(xy(r)) > 0).sort((a, b) => signedArea2(xy(b)) - signedArea2(xy(a)));
  const polygons: RegionPolygons = outers.map((r) => [r]);
  for (const hole of rings.filter((r) => signedArea2(xy(r)) <= 0)) {
    // Test the midpoint of the hole's first edge: it lies on no other ring.
    const [a, b] = xy(hole.slice(0, 2));
    const mid: XY = [((a as XY)[0] + (b as XY)[0]) / 2, ((a as XY)[1] + (b as XY)[1]) / 2];
    const owner = [...polygons].reverse().find((p) => inRing(mid[0], mid[1], xy(p[0] as number[])));
    if (!owner) throw new Error('hole outside every outer ring');
    owner.push(hole);
  }
  return polygons;
}

/** At a vertex where several border chains leave, take the first one clockwise from where we came. */
function pickNext(mesh: Mesh, incoming: number[], at: number, candidates: number[], verts: number[][]): number {
  if (candidates.length === 1) return candidates[0] as number;
  if (candidates.length === 0) return -1;
  const here = mesh.points[at] as XY;
  const back = bearing(here, mesh.points[incoming[incoming.length - 2] as number] as XY);
  let best = -1;
  let bestTurn = Infinity;
  for (const c of candidates) {
    const v = verts[c] as number[];
    const ahead = mesh.points[v[1] as number] as XY;
    const turn = (bearing(here, ahead) - back + 720) % 360 || 360;
    if (turn < bestTurn) {
      bestTurn = turn;
      best = c;
    }
  }
  return best;
}

/** Region polygons as GeoJSON geometry; `coords[v]` is vertex v already in rounded WGS-84. */
export function toGeometry(polygons: RegionPolygons, coords: readonly Position[]): Polygon | MultiPolygon {
  const ring = (ids: number[]): Position[] => {
    const out: Position[] = [];
    for (const id of ids) {
      const p = coords[id] as Position;
      const last = out[out.length - 1];
      // Rounding can merge the two ends of a very short edge; keep one.
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    const first = out[0] as Position;
    const last = out[out.length - 1] as Position;
    if (first[0] === last[0] && first[1] === last[1]) out.pop();
    out.push(first);
    return out;
  };
  const polys = polygons.map((p) => p.map(ring));
  return polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] as Position[][] } : { type: 'MultiPolygon', coordinates: polys };
}
