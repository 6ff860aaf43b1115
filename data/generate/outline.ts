// The district outline: an irregular blob of about 20 × 23 km around the origin. Its exact
// border is later drawn along grid-cell edges (see partition.ts); this only says what is inside.
import type { Rng } from './random.ts';

/** Half-width and half-height of the district, metres. */
export const HALF_WIDTH = 10_000;
export const HALF_HEIGHT = 11_500;

/** The outline's centre sits a little south of the origin, so the city (south of the origin,
 * around the old town) is central in the district. */
export const OUTLINE_CENTRE_Y = -1200;

/** Whether a point (metres) lies inside the district's intended shape. */
export type OutlineTest = (x: number, y: number) => boolean;

/** A lobed ellipse: the radius wobbles with a few low harmonics, like a real district border. */
export function createOutline(rng: Rng): OutlineTest {
  const harmonics = [2, 3, 4, 5, 7].map((k) => ({
    k,
    amp: rng.range(0.04, 0.08) / Math.sqrt(k - 1),
    phase: rng.range(0, 2 * Math.PI),
  }));
  return (x, y) => {
    const u = x / HALF_WIDTH;
    const v = (y - OUTLINE_CENTRE_Y) / HALF_HEIGHT;
    const theta = Math.atan2(v, u);
    let r = 0.97;
    for (const h of harmonics) r += h.amp * Math.cos(h.k * theta + h.phase);
    return u * u + v * v < r * r;
  };
}
