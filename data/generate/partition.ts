// Partitions the district top-down on a sample lattice — townships by the layout, villages by
// k-means inside each township, grid seeds by k-means inside each village — and returns one
// labelled seed per grid. The grids' Voronoi cells (mesh.ts) then tile the district, and each
// village / township is exactly the union of its grids' cells.
import { divisions, townshipKind, type TownshipKind } from './divisions.ts';
import { createTownshipLayout } from './layout.ts';
import { createOutline, HALF_HEIGHT, HALF_WIDTH, OUTLINE_CENTRE_Y } from './outline.ts';
import type { XY } from './planar.ts';
import { createRng } from './random.ts';
import { kMeans, latticePoint, mergeFragments, type Lattice } from './sampling.ts';

/** One grid's seed with the indices of its village and township in `divisions`. */
export interface GridSeed {
  at: XY;
  township: number;
  /** Global village index: position in `divisions.townships.flatMap(t => t.villages)`. */
  village: number;
}

export interface PartitionSeeds {
  grids: GridSeed[];
  /** Seeds of the open space around the district (their cells are not part of it). */
  outside: XY[];
  /** Per global village index: its centre (the seed of its most central grid). */
  villageCentres: XY[];
  /** Bounding box for the Voronoi mesh, metres. */
  bbox: [number, number, number, number];
}

const STEP = 50; // lattice spacing, metres: ~25+ samples even for the smallest urban grid

/** How many grid cells a village gets (3–8): communities in the city are split finer. */
function gridCount(kind: TownshipKind, villageName: string, draw: (min: number, max: number) => number): number {
  if (kind === 'street') return draw(4, 8);
  if (kind === 'zone') return draw(3, 5);
  return villageName.includes('村') ? draw(3, 5) : draw(4, 6);
}

export type Progress = (stage: string, done: number, total: number) => void;

export function partitionSeeds(seed: string, progress: Progress = () => {}): PartitionSeeds {
  const inOutline = createOutline(createRng(seed, 'outline'));
  const townshipAt = createTownshipLayout(createRng(seed, 'layout'));
  const lat: Lattice = {
    step: STEP,
    // Wide enough for the outline's largest possible lobe (see outline.ts).
    x0: -HALF_WIDTH * 1.35,
    y0: OUTLINE_CENTRE_Y - HALF_HEIGHT * 1.35,
    nx: Math.ceil((HALF_WIDTH * 2.7) / STEP) + 1,
    ny: Math.ceil((HALF_HEIGHT * 2.7) / STEP) + 1,
  };
  const labels = new Int32Array(lat.nx * lat.ny);
  for (let i = 0; i < labels.length; i++) {
    const [x, y] = latticePoint(lat, i);
    labels[i] = inOutline(x, y) ? townshipAt(x, y) : -1;
  }
  mergeFragments(lat, labels);

  // Villages: k-means inside each township, then the same fragment clean-up one level down.
  const villageRng = createRng(seed, 'villages');
  const villageTownship: number[] = [];
  const villageLabels = new Int32Array(labels.length).fill(-1);
  divisions.townships.forEach((t, ti) => {
    const members: number[] = [];
    labels.forEach((l, i) => l === ti && members.push(i));
    const first = villageTownship.length;
    t.villages.forEach(() => villageTownship.push(ti));
    const { assign } = kMeans(members.map((i) => latticePoint(lat, i)), t.villages.length, villageRng);
    members.forEach((s, k) => (villageLabels[s] = first + (assign[k] as number)));
    progress('townships', ti + 1, divisions.townships.length);
  });
  mergeFragments(lat, villageLabels, (v) => villageTownship[v] ?? -1);

  // Grid seeds: k-means inside each village, numbered clockwise from north around its centre.
  const gridRng = createRng(seed, 'grids');
  const villages = divisions.townships.flatMap((t) => t.villages.map((v) => ({ ...v, kind: townshipKind(t.name) })));
  const members: number[][] = villages.map(() => []);
  villageLabels.forEach((v, i) => v >= 0 && (members[v] as number[]).push(i));
  const grids: GridSeed[] = [];
  const villageCentres: XY[] = [];
  villages.forEach((v, vi) => {
    const points = (members[vi] as number[]).map((i) => latticePoint(lat, i));
    const k = gridCount(v.kind, v.name, gridRng.int);
    const { centres, assign } = kMeans(points, k, gridRng);
    const seeds = centres.map((c, j) => keepInside(c, points.filter((_, p) => assign[p] === j), gridRng.range));
    const cx = points.reduce((s, p) => s + p[0], 0) / points.length;
    const cy = points.reduce((s, p) => s + p[1], 0) / points.length;
    const angle = (p: XY): number => (Math.atan2(p[0] - cx, p[1] - cy) + 2 * Math.PI) % (2 * Math.PI);
    seeds.sort((a, b) => angle(a) - angle(b));
    const central = seeds.reduce((best, s) => (Math.hypot(s[0] - cx, s[1] - cy) < Math.hypot(best[0] - cx, best[1] - cy) ? s : best));
    villageCentres.push(central);
    for (const at of seeds) grids.push({ at, township: villageTownship[vi] as number, village: vi });
    progress('villages', vi + 1, villages.length);
  });

  // Open space: a jittered lattice kept clear of the district, so its border follows the outline.
  const outsideRng = createRng(seed, 'outside');
  const outside: XY[] = [];
  const SPACING = 900;
  const CLEAR = 500;
  const span = (half: number): number => Math.ceil((half * 1.5) / SPACING);
  for (let j = -span(HALF_HEIGHT); j <= span(HALF_HEIGHT); j++) {
    for (let i = -span(HALF_WIDTH); i <= span(HALF_WIDTH); i++) {
      const p: XY = [i * SPACING + outsideRng.range(-200, 200), OUTLINE_CENTRE_Y + j * SPACING + outsideRng.range(-200, 200)];
      if (!nearLabel(lat, labels, p, CLEAR)) outside.push(p);
    }
  }
  const bx = (span(HALF_WIDTH) + 2) * SPACING;
  const by = (span(HALF_HEIGHT) + 2) * SPACING;
  return { grids, outside, villageCentres, bbox: [-bx, OUTLINE_CENTRE_Y - by, bx, OUTLINE_CENTRE_Y + by] };
}

/** A k-means centre pulled onto its cluster if it fell outside it (possible in a curved region). */
function keepInside(centre: XY, cluster: XY[], range: (min: number, max: number) => number): XY {
  let nearest = cluster[0] as XY;
  let best = Infinity;
  for (const p of cluster) {
    const d = Math.hypot(p[0] - centre[0], p[1] - centre[1]);
    if (d < best) {
      best = d;
      nearest = p;
    }
  }
  if (best <= STEP) return centre;
  // Jitter off the lattice so no four seeds are ever exactly co-circular.
  return [nearest[0] + range(-STEP / 3, STEP / 3), nearest[1] + range(-STEP / 3, STEP / 3)];
}

/** Whether any labelled (inside) sample lies within `radius` of p. */
function nearLabel(lat: Lattice, labels: Int32Array, p: XY, radius: number): boolean {
  const r = Math.ceil(radius / lat.step);
  const cx = Math.round((p[0] - lat.x0) / lat.step);
  const cy = Math.round((p[1] - lat.y0) / lat.step);
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      const ix = cx + dx;
      const iy = cy + dy;
      if (ix < 0 || iy < 0 || ix >= lat.nx || iy >= lat.ny || dx * dx + dy * dy > r * r) continue;
      if ((labels[iy * lat.nx + ix] as number) >= 0) return true;
    }
  }
  return false;
}
