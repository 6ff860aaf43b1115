// Natural-looking primitive shapes: meandering lines (rivers, roads) and irregular blobs
// (lakes, parks, village settlements).
import { createNoise } from './noise.ts';
import { densify, distance, type XY } from './planar.ts';
import type { Rng } from './random.ts';

/**
 * A line from `from` to `to` that wanders sideways by up to about `amp` metres, with bends
 * roughly `wavelength` apart. `amp` may vary along the line (0 at `from`, 1 at `to`).
 */
export function meander(from: XY, to: XY, rng: Rng, amp: number | ((t: number) => number), wavelength: number, step = 100): XY[] {
  const noise = createNoise(rng, wavelength, 2);
  const len = distance(from, to);
  const nx = -(to[1] - from[1]) / len;
  const ny = (to[0] - from[0]) / len;
  const ampAt = typeof amp === 'number' ? () => amp : amp;
  return densify([from, to], step).map((p, i, all) => {
    const t = all.length > 1 ? i / (all.length - 1) : 0;
    // Tapered to zero at both ends, so the line starts and ends exactly where asked.
    const taper = Math.min(1, t / 0.15, (1 - t) / 0.15);
    const off = ampAt(t) * noise(t * len, 0) * 1.6 * taper;
    return [p[0] + nx * off, p[1] + ny * off];
  });
}

/** An irregular round ring (counter-clockwise, not closed) of mean radius `radius`. */
export function blob(centre: XY, radius: number, rng: Rng, points = 28, roughness = 0.18): XY[] {
  const waves = [2, 3, 5].map((k) => ({ k, amp: rng.range(0, roughness) / k ** 0.5, phase: rng.range(0, 2 * Math.PI) }));
  const stretch = rng.range(0.75, 1);
  const turn = rng.range(0, Math.PI);
  const ring: XY[] = [];
  for (let i = 0; i < points; i++) {
    const a = (i / points) * 2 * Math.PI;
    let r = radius;
    for (const w of waves) r += radius * w.amp * Math.cos(w.k * a + w.phase);
    const x = r * Math.cos(a);
    const y = r * Math.sin(a) * stretch;
    ring.push([centre[0] + x * Math.cos(turn) - y * Math.sin(turn), centre[1] + x * Math.sin(turn) + y * Math.cos(turn)]);
  }
  return ring;
}
