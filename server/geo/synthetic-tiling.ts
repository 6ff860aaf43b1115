// A deterministic synthetic jurisdiction: a jittered lattice of grid cells that tiles a rectangle
// exactly (shared edges have identical vertices), grouped into villages and townships with
// statistical-style codes, with some holes filled by their own grid and some multipolygon grids.
// Used by the property tests (random tilings) and the benchmarks (~10,000 grids).
import type { Feature, Position } from 'geojson';
import seedrandom from 'seedrandom';
import type { AreaGeometry, GridCollection, GridProps } from '../wire/index.ts';

export interface TilingOptions {
  columns: number;
  rows: number;
  /** South-west corner of the tiled rectangle, degrees. */
  originLng: number;
  originLat: number;
  /** Cell size, degrees. */
  cellLng: number;
  cellLat: number;
  /** Interior vertex jitter as a fraction of the cell (0 = a regular lattice, < 0.25 stays simple). */
  jitter: number;
  /** Extra vertices on each shared edge (realistic grid outlines have many). */
  edgeVertices: number;
  /** Cells (per village) side length in cells, and villages per township side. */
  villageCells: number;
  townshipVillages: number;
  /** Cells that get a hole filled by a grid of its own. */
  holes: number;
  /** Pairs of cells (same village, not touching) merged into one MultiPolygon grid. */
  multiPolygons: number;
  seed: string;
}

export const TILING_DEFAULTS: TilingOptions = {
  columns: 100,
  rows: 100,
  originLng: 119.8,
  originLat: 32.4,
  cellLng: 0.002,
  cellLat: 0.0018,
  jitter: 0.2,
  edgeVertices: 3,
  villageCells: 4,
  townshipVillages: 5,
  holes: 20,
  multiPolygons: 20,
  seed: 'yizhangtu',
};

const pad3 = (n: number) => String(n + 1).padStart(3, '0');

/** Builds the tiling; same options, same output. */
export function syntheticTiling(options: Partial<TilingOptions> = {}): GridCollection {
  const o = { ...TILING_DEFAULTS, ...options };
  const random = seedrandom(o.seed);
  const jitter = (scale: number) => (random() * 2 - 1) * scale;
  const { columns: nx, rows: ny } = o;

  // Lattice vertices; vertices on the outer rectangle move only along it, so the union stays a rectangle.
  const vx: number[][] = [], vy: number[][] = [];
  for (let i = 0; i <= nx; i++) {
    vx.push([]); vy.push([]);
    for (let j = 0; j <= ny; j++) {
      const inX = i > 0 && i < nx, inY = j > 0 && j < ny;
      (vx[i] as number[]).push(o.originLng + (i + (inX ? jitter(o.jitter) : 0)) * o.cellLng);
      (vy[i] as number[]).push(o.originLat + (j + (inY ? jitter(o.jitter) : 0)) * o.cellLat);
    }
  }
  const vertex = (i: number, j: number): Position => [(vx[i] as number[])[j] as number, (vy[i] as number[])[j] as number];

  // Intermediate points of each lattice edge, computed once so both neighbours share them exactly.
  const edgeCache = new Map<string, Position[]>();
  function edgePoints(i0: number, j0: number, i1: number, j1: number): Position[] {
    const forward = i0 < i1 || (i0 === i1 && j0 < j1);
    const key = forward ? `${i0},${j0},${i1},${j1}` : `${i1},${j1},${i0},${j0}`;
    let pts = edgeCache.get(key);
    if (pts === undefined) {
      const [a, b] = forward ? [vertex(i0, j0), vertex(i1, j1)] : [vertex(i1, j1), vertex(i0, j0)];
      const outer = (i0 === i1 && (i0 === 0 || i0 === nx)) || (j0 === j1 && (j0 === 0 || j0 === ny));
      pts = [];
      for (let k = 1; k <= o.edgeVertices; k++) {
        const t = k / (o.edgeVertices + 1);
        const bend = outer ? 0 : jitter(0.04);
        // Bend perpendicular to the edge (cells are near-square in degrees, good enough to stay simple).
        const x = (a[0] as number) + t * ((b[0] as number) - (a[0] as number)) - bend * ((b[1] as number) - (a[1] as number)) * (o.cellLng / o.cellLat);
        const y = (a[1] as number) + t * ((b[1] as number) - (a[1] as number)) + bend * ((b[0] as number) - (a[0] as number)) * (o.cellLat / o.cellLng);
        pts.push(outer ? (i0 === i1 ? [a[0] as number, y] : [x, a[1] as number]) : [x, y]);
      }
      edgeCache.set(key, pts);
    }
    return forward ? pts : [...pts].reverse();
  }

  function cellRing(i: number, j: number): Position[] {
    const corners: [number, number][] = [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1]]; // counter-clockwise
    const ring: Position[] = [];
    for (let k = 0; k < 4; k++) {
      const [ai, aj] = corners[k] as [number, number];
      const [bi, bj] = corners[(k + 1) % 4] as [number, number];
      ring.push(vertex(ai, aj), ...edgePoints(ai, aj, bi, bj));
    }
    ring.push(vertex(i, j));
    return ring;
  }

  // Cells grouped into villages and townships.
  const villagesX = Math.ceil(nx / o.villageCells);
  const townshipsX = Math.ceil(villagesX / o.townshipVillages);
  const codesOf = (i: number, j: number) => {
    const vi = Math.floor(i / o.villageCells), vj = Math.floor(j / o.villageCells);
    const ti = Math.floor(vi / o.townshipVillages), tj = Math.floor(vj / o.townshipVillages);
    const township = `320402${pad3(tj * townshipsX + ti)}`;
    const village = `${township}${pad3((vj % o.townshipVillages) * o.townshipVillages + (vi % o.townshipVillages))}`;
    const local = (j % o.villageCells) * o.villageCells + (i % o.villageCells);
    return { township, village, local };
  };

  const geometry = new Map<string, AreaGeometry>(); // by "i,j"
  for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) geometry.set(`${i},${j}`, { type: 'Polygon', coordinates: [cellRing(i, j)] });

  const extra: Feature<AreaGeometry, GridProps>[] = [];
  const pick = () => [Math.floor(random() * nx), Math.floor(random() * ny)] as const;
  for (let h = 0; h < o.holes; h++) {
    const [i, j] = pick();
    const g = geometry.get(`${i},${j}`);
    if (g?.type !== 'Polygon' || g.coordinates.length > 1) continue;
    // Centred in the box between the cell's jittered corners (not on its nominal centre, which a
    // jittered edge can come within 0.15 cells of): that box is ≥ 0.52 cells wide at jitter ≤ 0.24,
    // so a hole of 0.3 cells keeps ≥ 0.11 cells from every edge, more than an edge's bend (≤ 0.06).
    const x0 = Math.max(vertex(i, j)[0] as number, vertex(i, j + 1)[0] as number), x1 = Math.min(vertex(i + 1, j)[0] as number, vertex(i + 1, j + 1)[0] as number);
    const y0 = Math.max(vertex(i, j)[1] as number, vertex(i + 1, j)[1] as number), y1 = Math.min(vertex(i, j + 1)[1] as number, vertex(i + 1, j + 1)[1] as number);
    const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    const rx = o.cellLng * 0.15, ry = o.cellLat * 0.15;
    const hole: Position[] = [[cx - rx, cy - ry], [cx + rx, cy - ry], [cx + rx, cy + ry], [cx - rx, cy + ry], [cx - rx, cy - ry]];
    g.coordinates.push([...hole].reverse());
    const { township, village, local } = codesOf(i, j);
    extra.push(feature(`${village}${pad3(o.villageCells ** 2 + local)}`, village, township, { type: 'Polygon', coordinates: [hole] }));
  }
  const absorbed = new Set<string>();
  for (let m = 0; m < o.multiPolygons && o.villageCells >= 3; m++) {
    const [i, j] = pick();
    const i0 = i - (i % o.villageCells), j0 = j - (j % o.villageCells);
    const a = `${i0},${j0}`, b = `${i0 + 2},${j0 + 2}`;
    const ga = geometry.get(a), gb = geometry.get(b);
    if (ga?.type !== 'Polygon' || gb?.type !== 'Polygon' || absorbed.has(b) || i0 + 2 >= nx || j0 + 2 >= ny) continue;
    geometry.set(a, { type: 'MultiPolygon', coordinates: [ga.coordinates, gb.coordinates] });
    absorbed.add(b);
  }

  const features: Feature<AreaGeometry, GridProps>[] = [];
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const key = `${i},${j}`;
      if (absorbed.has(key)) continue;
      const { township, village, local } = codesOf(i, j);
      features.push(feature(`${village}${pad3(local)}`, village, township, geometry.get(key) as AreaGeometry));
    }
  }
  return { type: 'FeatureCollection', features: [...features, ...extra] };

  function feature(code: string, villageCode: string, townshipCode: string, g: AreaGeometry): Feature<AreaGeometry, GridProps> {
    const households = 50 + Math.floor(random() * 400);
    return { type: 'Feature', properties: { code, name: `网格${code.slice(-6)}`, villageCode, townshipCode, households, worker: { name: '网格员', phone: '' } }, geometry: g };
  }
}
