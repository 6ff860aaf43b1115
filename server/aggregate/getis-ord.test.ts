import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, getisOrdGiStar, upperTailP } from './getis-ord.ts';

/** Textbook Gi* with an explicit weight matrix (w_ii = 1). */
function referenceGiStar(x: number[], w: number[][]): number[] {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / n - mean * mean);
  return x.map((_, i) => {
    const row = w[i] as number[];
    const wi = row.reduce((a, b) => a + b, 0);
    const s1 = row.reduce((a, b) => a + b * b, 0);
    const num = row.reduce((a, wij, j) => a + wij * (x[j] as number), 0) - mean * wi;
    return num / (s * Math.sqrt((n * s1 - wi * wi) / (n - 1)));
  });
}

describe('Getis-Ord Gi*', () => {
  it('matches the textbook formula on random values and random symmetric neighbourhoods', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 25 }).chain((n) =>
          fc.tuple(fc.array(fc.integer({ min: 0, max: 50 }), { minLength: n, maxLength: n }), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n })),
        ),
        ([x, edges]) => {
          const n = x.length;
          fc.pre(new Set(x).size > 1);
          const w = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
          for (const [a, b] of edges) if (a !== b) { (w[a] as number[])[b] = 1; (w[b] as number[])[a] = 1; }
          const neighbours = w.map((row, i) => row.flatMap((v, j) => (v && j !== i ? [j] : [])));
          const got = getisOrdGiStar(x, neighbours);
          referenceGiStar(x, w).forEach((z, i) => expect(got[i]).toBeCloseTo(Number.isFinite(z) ? z : 0, 9));
        },
      ),
    );
  });

  it('gives 0 everywhere when every unit has the same value', () => {
    expect(Array.from(getisOrdGiStar([2, 2, 2], [[1], [0, 2], [1]]))).toEqual([0, 0, 0]);
  });

  it('computes normal tail probabilities', () => {
    expect(upperTailP(0)).toBeCloseTo(0.5, 7);
    expect(upperTailP(1.959964)).toBeCloseTo(0.025, 6);
    expect(upperTailP(3) / 0.0013498980316301).toBeCloseTo(1, 5);
    expect(upperTailP(-3)).toBeCloseTo(1 - 0.0013498980316301, 7);
  });

  it('applies Benjamini–Hochberg like the definition: the largest k with p(k) ≤ k q / n', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), (p, q) => {
        const sorted = [...p].sort((a, b) => a - b);
        let k = 0;
        sorted.forEach((v, i) => { if (v <= ((i + 1) / p.length) * q) k = i + 1; });
        const threshold = k === 0 ? -1 : (sorted[k - 1] as number);
        expect(benjaminiHochberg(p, q)).toEqual(p.map((v) => v <= threshold));
      }),
    );
  });
});
