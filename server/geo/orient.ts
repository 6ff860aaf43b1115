// Exact orientation sign of three points, the one predicate the border rule depends on.
//
// Floating-point `(ax-cx)*(by-cy) - (ay-cy)*(bx-cx)` can return the wrong sign for points within a
// few ulps of a line; two grids sharing an edge would then disagree about which side a border point
// is on, and the point could land in both or neither. The fast path below uses Shewchuk's
// first-stage error bound (the sign is certain when |det| exceeds it); the rare uncertain case is
// decided exactly with BigInt arithmetic on the doubles' binary expansions.

const EPSILON = 2 ** -53;
/** Shewchuk's ccwerrboundA: |det| above this times the magnitude sum has the right sign. */
const ERRBOUND_A = (3 + 16 * EPSILON) * EPSILON;

/**
 * Sign of the orientation of (a, b, c): 1 when c lies strictly left of the directed line a→b
 * (counter-clockwise), -1 when strictly right, 0 when exactly collinear. Exact for all finite input.
 */
export function orientSign(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const detLeft = (ax - cx) * (by - cy);
  const detRight = (ay - cy) * (bx - cx);
  const det = detLeft - detRight;
  let detSum: number;
  if (detLeft > 0) {
    if (detRight <= 0) return sign(det);
    detSum = detLeft + detRight;
  } else if (detLeft < 0) {
    if (detRight >= 0) return sign(det);
    detSum = -detLeft - detRight;
  } else {
    // detLeft is exactly 0 only when a factor is exactly 0 (no underflow at coordinate scales),
    // so det = -detRight and its sign is exact.
    return sign(det);
  }
  const bound = ERRBOUND_A * detSum;
  if (det > bound) return 1;
  if (-det > bound) return -1;
  return orientSignExact(ax, ay, bx, by, cx, cy);
}

function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const MANTISSA_MASK = (1n << 52n) - 1n;

/** x = mantissa * 2^exponent exactly, for any finite double. */
function decompose(x: number): [bigint, number] {
  f64[0] = x;
  const bits = u64[0] as bigint;
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & MANTISSA_MASK;
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = biased === 0 ? -1074 : biased - 1075;
  return [negative ? -mantissa : mantissa, exponent];
}

/** The exact sign, by scaling all six coordinates to integers with a common power of two. */
export function orientSignExact(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const parts = [ax, ay, bx, by, cx, cy].map(decompose);
  let minExp = Infinity;
  for (const [, e] of parts) minExp = Math.min(minExp, e);
  const [axi, ayi, bxi, byi, cxi, cyi] = parts.map(([m, e]) => m << BigInt(e - minExp)) as [
    bigint, bigint, bigint, bigint, bigint, bigint,
  ];
  const det = (axi - cxi) * (byi - cyi) - (ayi - cyi) * (bxi - cxi);
  return det > 0n ? 1 : det < 0n ? -1 : 0;
}
