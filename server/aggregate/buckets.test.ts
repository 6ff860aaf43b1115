import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR_MS, HourBucket } from './buckets.ts';

const H = 490_000; // an hour number of 2025-26

describe('hour bucket', () => {
  it('keeps every row through growth and late-row merges, and scans exactly (lo, hi]', () => {
    const row = fc.record({ t: fc.integer({ min: 1, max: HOUR_MS }), grid: fc.integer({ min: 0, max: 50 }), category: fc.integer({ min: 0, max: 7 }), source: fc.integer({ min: 0, max: 4 }) });
    fc.assert(
      fc.property(fc.array(fc.array(row, { maxLength: 150 }), { maxLength: 4 }), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: HOUR_MS }), fc.integer({ min: 0, max: HOUR_MS }), (batches, capacity, a, b) => {
        const bucket = new HourBucket(H, capacity);
        const rows: { t: number; grid: number; category: number; source: number }[] = [];
        const [lo, hi] = [H * HOUR_MS + Math.min(a, b), H * HOUR_MS + Math.max(a, b)];
        // Scans between batches: each merges the late rows so far, then more arrive.
        for (const batch of batches) {
          for (const r of batch) {
            bucket.push(H * HOUR_MS + r.t, r.grid, r.grid % 3, r.category, r.source);
            rows.push({ ...r, t: H * HOUR_MS + r.t });
          }
          const seen: string[] = [];
          bucket.scan(lo, hi, (g, c, s) => seen.push(`${g}/${c}/${s}`));
          const expected = rows.filter((r) => r.t > lo && r.t <= hi).map((r) => `${r.grid}/${r.category}/${r.source}`);
          expect(seen.sort()).toEqual(expected.sort());
        }
        expect(bucket.length).toBe(rows.length);
        const all: string[] = [];
        bucket.forEachRow((g, c, s) => all.push(`${g}/${c}/${s}`));
        expect(all.sort()).toEqual(rows.map((r) => `${r.grid}/${r.category}/${r.source}`).sort());
        expect(Array.from(bucket.townships.subarray(0, 3))).toEqual([0, 1, 2].map((k) => rows.filter((r) => r.grid % 3 === k).length));
      }),
      { numRuns: 200 },
    );
  });
});
