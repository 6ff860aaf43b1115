// A planar mesh of Voronoi cells whose shared edges are stored once ("chains"). Every region
// polygon at every level is assembled from these chains, so neighbouring grids, villages and
// townships share bit-identical borders: no gaps, no overlaps, no slivers, by construction.
import { featureCollection, point, voronoi } from '@turf/turf';
import { distance, ringSelfIntersects, signedArea2, type XY } from './planar.ts';
import type { Rng } from './random.ts';

/** One shared border between two cells: `left` lies left of from → to; -1 = open space. */
export interface Chain {
  from: number;
  to: number;
  /** Bend points between the ends (vertex ids), in from → to order. */
  inner: number[];
  left: number;
  right: number;
}

/** A chain as used by one cell's counter-clockwise ring. */
export interface ChainRef {
  chain: number;
  forward: boolean;
}

export interface Mesh {
  /** Vertex coordinates, metres. */
  points: XY[];
  chains: Chain[];
  /** Per seed: its cell's chains in counter-clockwise order. */
  cells: ChainRef[][];
}

/** The Voronoi mesh of `seeds`, clipped to the bounding box [minX, minY, maxX, maxY]. */
export function buildMesh(seeds: readonly XY[], bbox: [number, number, number, number]): Mesh {
  const polygons = voronoi(featureCollection(seeds.map((s) => point(s))), { bbox });
  const points: XY[] = [];
  const vertexIds = new Map<string, number>();
  const vertexId = (p: number[]): number => {
    // d3-voronoi shares vertex arrays between neighbouring cells, so exact keys match.
    const key = `${p[0]},${p[1]}`;
    let id = vertexIds.get(key);
    if (id === undefined) {
      id = points.length;
      points.push([p[0] as number, p[1] as number]);
      vertexIds.set(key, id);
    }
    return id;
  };
  const chains: Chain[] = [];
  const chainIds = new Map<string, number>();
  const cells: ChainRef[][] = seeds.map((_, cell) => {
    const poly = polygons.features[cell];
    if (!poly) throw new Error(`no Voronoi cell for seed ${cell} (duplicate seed?)`);
    let ring = (poly.geometry.coordinates[0] as number[][]).slice(0, -1).map(vertexId);
    ring = ring.filter((v, i) => v !== ring[(i + 1) % ring.length]);
    if (signedArea2(ring.map((v) => points[v] as XY)) < 0) ring.reverse();
    return ring.map((from, i) => {
      const to = ring[(i + 1) % ring.length] as number;
      const key = from < to ? `${from}-${to}` : `${to}-${from}`;
      let id = chainIds.get(key);
      if (id === undefined) {
        id = chains.length;
        chains.push({ from, to, inner: [], left: cell, right: -1 });
        chainIds.set(key, id);
        return { chain: id, forward: true };
      }
      (chains[id] as Chain).right = cell;
      return { chain: id, forward: false };
    });
  });
  return { points, chains, cells };
}

/** Vertex ids of a chain in the direction a cell uses it, without its last vertex. */
export function chainVertices(mesh: Mesh, ref: ChainRef): number[] {
  const c = mesh.chains[ref.chain] as Chain;
  return ref.forward ? [c.from, ...c.inner] : [c.to, ...c.inner.slice().reverse()];
}

/** A cell's closed ring (no repeated closing vertex) as vertex ids. */
export function cellRing(mesh: Mesh, cell: number): number[] {
  return (mesh.cells[cell] as ChainRef[]).flatMap((ref) => chainVertices(mesh, ref));
}

/**
 * Bends every chain touching an active cell into a gentle meander, the same bend seen from both
 * sides. A cell whose ring would cross itself gets its chains straightened again (straight
 * Voronoi cells are convex, hence always valid).
 */
export function bendChains(mesh: Mesh, active: (cell: number) => boolean, rng: Rng, step = 60): void {
  mesh.chains.forEach((c) => {
    if (!active(c.left) && !active(c.right)) return;
    const a = mesh.points[c.from] as XY;
    const b = mesh.points[c.to] as XY;
    const len = distance(a, b);
    const n = Math.min(24, Math.round(len / step));
    const amps = [rng.range(-0.07, 0.07), rng.range(-0.03, 0.03), rng.range(-0.015, 0.015)];
    if (n < 2) return;
    const nx = -(b[1] - a[1]) / len;
    const ny = (b[0] - a[0]) / len;
    for (let k = 1; k < n; k++) {
      const t = k / n;
      let off = 0;
      amps.forEach((amp, h) => (off += amp * Math.sin((h + 1) * Math.PI * t)));
      off *= len;
      c.inner.push(mesh.points.length);
      mesh.points.push([a[0] + (b[0] - a[0]) * t + nx * off, a[1] + (b[1] - a[1]) * t + ny * off]);
    }
  });
  for (let pass = 0; pass < 10; pass++) {
    let changed = false;
    mesh.cells.forEach((refs, cell) => {
      if (!active(cell)) return;
      if (!ringSelfIntersects(cellRing(mesh, cell).map((v) => mesh.points[v] as XY))) return;
      for (const ref of refs) (mesh.chains[ref.chain] as Chain).inner = [];
      changed = true;
    });
    if (!changed) return;
  }
  throw new Error('bendChains: cells still self-intersect after straightening');
}
