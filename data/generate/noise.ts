// Smooth 2-D value noise, used to bend borders, roads and rivers so they look surveyed rather
// than ruled. Lattice values come from a seeded stream, so the field is fully deterministic.
import type { Rng } from './random.ts';

/** A smooth field in about [-1, 1]; `scale` is the feature size in the caller's units. */
export type Noise2D = (x: number, y: number) => number;

const SIZE = 256; // lattice period; far larger than any generated feature / scale ratio

/** Value noise with `octaves` layers (each half the size and amplitude of the previous). */
export function createNoise(rng: Rng, scale: number, octaves = 3): Noise2D {
  const values = new Float64Array(SIZE * SIZE);
  for (let i = 0; i < values.length; i++) values[i] = rng.next() * 2 - 1;
  const at = (i: number, j: number): number => values[(((j % SIZE) + SIZE) % SIZE) * SIZE + (((i % SIZE) + SIZE) % SIZE)] as number;
  const smooth = (t: number): number => t * t * (3 - 2 * t);
  const layer = (x: number, y: number): number => {
    const i = Math.floor(x);
    const j = Math.floor(y);
    const u = smooth(x - i);
    const v = smooth(y - j);
    const a = at(i, j) + (at(i + 1, j) - at(i, j)) * u;
    const b = at(i, j + 1) + (at(i + 1, j + 1) - at(i, j + 1)) * u;
    return a + (b - a) * v;
  };
  return (x, y) => {
    let sum = 0;
    let amp = 1;
    let norm = 0;
    let f = 1 / scale;
    for (let o = 0; o < octaves; o++) {
      // The per-octave offset keeps layers from lining up at the origin.
      sum += amp * layer(x * f + o * 37.1, y * f + o * 91.7);
      norm += amp;
      amp /= 2;
      f *= 2;
    }
    return sum / norm;
  };
}
