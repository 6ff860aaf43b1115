// A fine lattice of sample points over the district. Regions are first drawn as labels on these
// samples (township, then village), which makes it easy to keep each region in one piece and to
// place well-spread seeds inside it with k-means (a sampled Lloyd relaxation).
import type { XY } from './planar.ts';
import type { Rng } from './random.ts';

/** Samples on a square lattice; `label[i]` is -1 outside the district. */
export interface Lattice {
  step: number;
  x0: number;
  y0: number;
  nx: number;
  ny: number;
}

export function latticePoint(lat: Lattice, i: number): XY {
  return [lat.x0 + (i % lat.nx) * lat.step, lat.y0 + Math.floor(i / lat.nx) * lat.step];
}

/** The four lattice neighbours of sample i. */
function neighbours(lat: Lattice, i: number): number[] {
  const ix = i % lat.nx;
  const out: number[] = [];
  if (ix > 0) out.push(i - 1);
  if (ix < lat.nx - 1) out.push(i + 1);
  if (i >= lat.nx) out.push(i - lat.nx);
  if (i < lat.nx * (lat.ny - 1)) out.push(i + lat.nx);
  return out;
}

/**
 * Keeps every label in one connected piece: each smaller fragment of a label joins the
 * neighbouring label it borders most, preferring labels with the same parent (village fragments
 * stay in their township). Labels < 0 are never changed.
 */
export function mergeFragments(lat: Lattice, labels: Int32Array, parent: (label: number) => number = () => 0): void {
  for (let pass = 0; pass < 8; pass++) {
    const component = new Int32Array(labels.length).fill(-1);
    const pieces: { label: number; cells: number[] }[] = [];
    for (let s = 0; s < labels.length; s++) {
      if ((labels[s] as number) < 0 || (component[s] as number) >= 0) continue;
      const label = labels[s] as number;
      const cells = [s];
      component[s] = pieces.length;
      for (let k = 0; k < cells.length; k++) {
        for (const n of neighbours(lat, cells[k] as number)) {
          if (labels[n] === label && component[n] === -1) {
            component[n] = pieces.length;
            cells.push(n);
          }
        }
      }
      pieces.push({ label, cells });
    }
    const largest = new Map<number, number>();
    pieces.forEach((p, id) => {
      const best = largest.get(p.label);
      if (best === undefined || (pieces[best] as (typeof pieces)[number]).cells.length < p.cells.length) largest.set(p.label, id);
    });
    let changed = false;
    pieces.forEach((p, id) => {
      if (largest.get(p.label) === id) return;
      const border = new Map<number, number>();
      for (const c of p.cells) {
        for (const n of neighbours(lat, c)) {
          const other = labels[n] as number;
          if (other >= 0 && other !== p.label) border.set(other, (border.get(other) ?? 0) + 1);
        }
      }
      let target = -1;
      let score = -1;
      for (const [other, count] of border) {
        const s = count + (parent(other) === parent(p.label) ? 1e6 : 0);
        if (s > score) {
          score = s;
          target = other;
        }
      }
      if (target < 0) return; // an island touching nothing: leave it (cannot happen inside a connected district)
      for (const c of p.cells) labels[c] = target;
      changed = true;
    });
    if (!changed) return;
  }
}

/**
 * k-means of the given samples into k clusters (k-means++ start, then Lloyd steps). The centres
 * end up evenly spread over the region, so the Voronoi cells of the centres are compact.
 */
export function kMeans(points: readonly XY[], k: number, rng: Rng, iterations = 25): { centres: XY[]; assign: Int32Array } {
  if (points.length < k) throw new Error(`k-means: ${points.length} samples for ${k} clusters`);
  const centres: XY[] = [rng.pick(points)];
  const d2 = new Float64Array(points.length).fill(Infinity);
  while (centres.length < k) {
    const last = centres[centres.length - 1] as XY;
    let total = 0;
    points.forEach((p, i) => {
      d2[i] = Math.min(d2[i] as number, (p[0] - last[0]) ** 2 + (p[1] - last[1]) ** 2);
      total += d2[i] as number;
    });
    let r = rng.next() * total;
    let chosen = points.length - 1;
    for (let i = 0; i < points.length; i++) {
      r -= d2[i] as number;
      if (r <= 0) {
        chosen = i;
        break;
      }
    }
    centres.push(points[chosen] as XY);
  }
  const assign = new Int32Array(points.length);
  for (let it = 0; it <= iterations; it++) {
    points.forEach((p, i) => {
      let best = 0;
      let bestD = Infinity;
      centres.forEach((c, j) => {
        const d = (p[0] - c[0]) ** 2 + (p[1] - c[1]) ** 2;
        if (d < bestD) {
          bestD = d;
          best = j;
        }
      });
      assign[i] = best;
    });
    if (it === iterations) break;
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const n = new Float64Array(k);
    points.forEach((p, i) => {
      const j = assign[i] as number;
      sx[j] = (sx[j] as number) + p[0];
      sy[j] = (sy[j] as number) + p[1];
      n[j] = (n[j] as number) + 1;
    });
    for (let j = 0; j < k; j++) if ((n[j] as number) > 0) centres[j] = [(sx[j] as number) / (n[j] as number), (sy[j] as number) / (n[j] as number)];
  }
  return { centres, assign };
}
