import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeSeries } from './time-series.ts';

describe('TimeSeries', () => {
  it('counts (from, to] exactly for times added in any order, through growth and expiry', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }).map((t) => ({ add: t })), fc.integer({ min: 0, max: 1000 }).map((t) => ({ expire: t }))), { maxLength: 300 }),
        fc.integer({ min: -10, max: 1010 }), fc.integer({ min: -10, max: 1010 }),
        (ops, from, to) => {
          const s = new TimeSeries();
          let kept: number[] = [];
          for (const op of ops) {
            if ('add' in op) {
              s.add(op.add);
              kept.push(op.add);
            } else {
              s.expireThrough(op.expire);
              kept = kept.filter((t) => t > op.expire);
            }
          }
          // expireThrough only forgets what was there: later adds below the cutoff stay counted.
          expect(s.count(from, to)).toBe(kept.filter((t) => t > from && t <= to).length);
          expect(s.length).toBe(kept.length);
          expect(s.first()).toBe(kept.length === 0 ? Infinity : Math.min(...kept));
        },
      ),
      { numRuns: 500 },
    );
  });
});
