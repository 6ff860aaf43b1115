// Peak basins: splits the significant hot grids into one compact area per peak of Gi* z, so a dense
// urban core full of significant grids is reported as its separate hotspots, not as one cluster
// spanning townships.
//
// Each hot grid climbs by steepest ascent — to its highest hot neighbour, while that neighbour is
// higher than itself — and belongs to the peak it reaches: a watershed of z over the contiguity
// graph. Equal z is broken by grid code (the smaller code counts as higher), so plateaus and ties
// resolve the same way on every run.
//
// Computed as persistence-based clustering (ToMATo, Chazal et al. 2013): grids are visited from the
// highest z down; a grid with no higher hot neighbour starts a basin, any other joins the basin of
// its highest neighbour. A grid that also touches another basin is the saddle between the two: the
// lowest point on the highest path joining their peaks. The lower basin is merged into the higher
// when that saddle lies within SADDLE_TOLERANCE (10%) of the lower peak's z: such a shallow dip is
// what Poisson noise makes on the top or flank of one hotspot, while two places joined by a band
// of busy grids are parted by a clear valley. Gi* windows overlap, so z is smooth and a relative
// dip means the same at z = 4 as at z = 20. Measured on Poisson counts over a 30 × 30 tiling (200
// runs each): one weak Gaussian hotspot splits into extra basins in 16 more runs than plain
// contiguity with no tolerance, in 7 more with 10%, 2 with 20%; two hotspots (σ 1.2 cells) four
// cells apart come out as two in 185 runs with no tolerance, 141 with 10%, 56 with 20% (plain
// contiguity: 1). 10% keeps most of both: noise rarely splits a hotspot, nearby places stay apart.
import type { Neighbours } from './getis-ord.ts';

/** A basin merges into its neighbour when the saddle between them is within this share of its own peak z. */
export const SADDLE_TOLERANCE = 0.1;

export interface PeakBasin {
  /** Index of the peak grid (highest z, ties broken by the smaller code). */
  peak: number;
  /** Indices of the grids in the basin, the peak included. */
  members: number[];
}

/**
 * The basins of the hot grids (hot[i] true), by steepest ascent of z over hot neighbours, shallow
 * saddles merged. `codes` break ties. Basins come in the order of their peaks, highest first.
 */
export function peakBasins(z: ArrayLike<number>, hot: readonly boolean[], neighbours: Neighbours, codes: readonly string[], tolerance = SADDLE_TOLERANCE): PeakBasin[] {
  const higher = (a: number, b: number) => (z[a] as number) > (z[b] as number) || ((z[a] as number) === (z[b] as number) && (codes[a] as string) < (codes[b] as string));
  const order = Array.from(hot.keys()).filter((i) => hot[i]).sort((a, b) => (higher(a, b) ? -1 : 1));
  // Union-find over visited grids; a root is always its basin's peak.
  const parent = new Int32Array(z.length).fill(-1);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[i] !== r) { const next = parent[i] as number; parent[i] = r; i = next; }
    return r;
  };
  for (const i of order) {
    let steepest = -1;
    for (const j of neighbours[i] ?? []) if (parent[j] !== -1 && (steepest === -1 || higher(j, steepest))) steepest = j;
    if (steepest === -1) { parent[i] = i; continue; } // a peak
    let own = root(steepest);
    parent[i] = own;
    for (const j of neighbours[i] ?? []) {
      if (parent[j] === -1) continue;
      const other = root(j);
      if (other === own) continue;
      const [top, low] = higher(own, other) ? [own, other] : [other, own];
      // Strictly within: with no tolerance, nothing merges and the basins are plain steepest ascent.
      if ((z[low] as number) - (z[i] as number) < tolerance * (z[low] as number)) { parent[low] = top; own = top; }
    }
  }
  const basins = new Map<number, number[]>();
  for (const i of order) {
    const r = root(i);
    let members = basins.get(r);
    if (members === undefined) basins.set(r, (members = []));
    members.push(i);
  }
  return [...basins].map(([peak, members]) => ({ peak, members }));
}
