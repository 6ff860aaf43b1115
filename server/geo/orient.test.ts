import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orientSign, orientSignExact } from './orient.ts';

/** The double n ulps away from x. */
function ulpStep(x: number, n: number): number {
  const f = new Float64Array([x]);
  const i = new BigInt64Array(f.buffer);
  i[0] = (i[0] as bigint) + BigInt(x >= 0 ? n : -n);
  return f[0] as number;
}

describe('orientSign', () => {
  it('gives left, right and collinear for plain cases', () => {
    expect(orientSign(0, 0, 0, 1, -1, 0.5)).toBe(1); // west of an upward edge = left
    expect(orientSign(0, 0, 0, 1, 1, 0.5)).toBe(-1);
    expect(orientSign(0, 0, 2, 2, 1, 1)).toBe(0);
  });

  it('agrees with exact arithmetic for points a few ulps off a line', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 119, max: 121, noNaN: true }), fc.double({ min: 31, max: 33, noNaN: true }),
        fc.double({ min: 119, max: 121, noNaN: true }), fc.double({ min: 31, max: 33, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }),
        (ax, ay, bx, by, t, dx, dy) => {
          const cx = ulpStep(ax + t * (bx - ax), dx), cy = ulpStep(ay + t * (by - ay), dy);
          expect(orientSign(ax, ay, bx, by, cx, cy)).toBe(orientSignExact(ax, ay, bx, by, cx, cy));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('finds the sign that naive floating point gets wrong', () => {
    // A classic near-collinear triple where the naive determinant has the wrong sign or is 0.
    const ax = 0.5, ay = 0.5, bx = 12, by = 12, cx = 24, cy = 24;
    const px = ulpStep(ax, 1);
    const naive = (bx - px) * (cy - ay) - (by - ay) * (cx - px);
    const exact = orientSignExact(px, ay, bx, by, cx, cy);
    expect(exact).not.toBe(0);
    expect(orientSign(px, ay, bx, by, cx, cy)).toBe(exact);
    expect(Math.sign(naive)).not.toBe(exact);
  });
});
