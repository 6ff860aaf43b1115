// Getis-Ord Gi* (local hot-spot statistic) over areal units with binary neighbour weights, and the
// Benjamini–Hochberg false-discovery-rate cut that decides which units are significant. Pure
// functions on arrays: the hotspot detector feeds them per-grid values.
//
// Gi*_i = (Σ_j w_ij x_j − X̄ W_i) / (S √((n S1_i − W_i²) / (n − 1))), with w_ii = 1 (the "star"),
// X̄ and S the mean and standard deviation of x over all n units, W_i = Σ_j w_ij, S1_i = Σ_j w_ij².
// Under the null hypothesis Gi* is approximately standard normal (Getis & Ord 1992; Ord & Getis 1995).

/** Neighbour lists: neighbours[i] holds j ≠ i (the unit itself is always included by the statistic). */
export type Neighbours = readonly (readonly number[])[];

/** z-scores Gi*_i for every unit; all 0 when the values have no variance. */
export function getisOrdGiStar(x: ArrayLike<number>, neighbours: Neighbours): Float64Array {
  const n = x.length;
  const z = new Float64Array(n);
  if (n < 2) return z;
  let sum = 0, sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  const variance = sumSq / n - mean * mean;
  if (!(variance > 1e-12 * Math.max(1, mean * mean))) return z;
  const s = Math.sqrt(variance);
  for (let i = 0; i < n; i++) {
    const list = neighbours[i] ?? [];
    let local = x[i] as number;
    for (const j of list) local += x[j] as number;
    const w = list.length + 1; // binary weights: W_i = S1_i = |neighbours| + 1
    const denominator = s * Math.sqrt((n * w - w * w) / (n - 1));
    z[i] = denominator > 0 ? (local - mean * w) / denominator : 0;
  }
  return z;
}

/** Complementary error function (Numerical Recipes erfcc): fractional error < 1.2e-7, good in the tails. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** One-sided p-value of a standard normal z (probability of a value at least this high). */
export function upperTailP(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Benjamini–Hochberg: which of the p-values are discoveries at false discovery rate q. Thousands of
 * grids tested at p < 0.05 each would flag hundreds by chance; FDR keeps the expected share of
 * false hotspots among those reported at q (Caldas de Castro & Singer 2006 recommend it for Gi*).
 */
export function benjaminiHochberg(p: ArrayLike<number>, q: number): boolean[] {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (p[a] as number) - (p[b] as number));
  let cut = -1;
  for (let k = n - 1; k >= 0; k--) {
    if ((p[order[k] as number] as number) <= ((k + 1) / n) * q) {
      cut = k;
      break;
    }
  }
  const out = new Array<boolean>(n).fill(false);
  for (let k = 0; k <= cut; k++) out[order[k] as number] = true;
  return out;
}
