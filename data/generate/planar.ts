// Planar geometry in the generator's local metric frame (metres east / north of the origin).
// Everything is generated here and converted to WGS-84 only when written (see projection.ts).

/** A point in metres: [east, north]. */
export type XY = [number, number];

/** Twice the signed area of a ring (positive when counter-clockwise); closing point optional. */
export function signedArea2(ring: readonly XY[]): number {
  let sum = 0;
  for (let i = 0, n = ring.length; i < n; i++) {
    const [x1, y1] = ring[i] as XY;
    const [x2, y2] = ring[(i + 1) % n] as XY;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** Even–odd point-in-ring test. */
export function inRing(x: number, y: number, ring: readonly XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as XY;
    const [xj, yj] = ring[j] as XY;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Point in a polygon given as rings (first outer, rest holes) — or in any of several polygons. */
export function inPolygons(x: number, y: number, polygons: readonly (readonly XY[])[][]): boolean {
  for (const rings of polygons) {
    let inside = false;
    for (const ring of rings) if (inRing(x, y, ring)) inside = !inside;
    if (inside) return true;
  }
  return false;
}

/** Distance from p to segment ab. */
export function segmentDistance(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Parameters (t along ab, u along cd) where the two segments properly cross, or null. */
export function segmentCrossing(a: XY, b: XY, c: XY, d: XY): [number, number] | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const den = rx * sy - ry * sx;
  if (den === 0) return null;
  const qx = c[0] - a[0];
  const qy = c[1] - a[1];
  const t = (qx * sy - qy * sx) / den;
  const u = (qx * ry - qy * rx) / den;
  return t > 0 && t < 1 && u > 0 && u < 1 ? [t, u] : null;
}

/** Whether a closed ring (no repeated closing point) crosses itself. */
export function ringSelfIntersects(ring: readonly XY[]): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i] as XY;
    const b = ring[(i + 1) % n] as XY;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // adjacent through the closing edge
      if (segmentCrossing(a, b, ring[j] as XY, ring[(j + 1) % n] as XY)) return true;
    }
  }
  return false;
}

/** Compass bearing of the direction a → b, degrees clockwise from north in [0, 360). */
export function bearing(a: XY, b: XY): number {
  const deg = (Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI;
  return (deg + 360) % 360;
}

export function distance(a: XY, b: XY): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Total length of a polyline. */
export function lineLength(line: readonly XY[]): number {
  let sum = 0;
  for (let i = 1; i < line.length; i++) sum += distance(line[i - 1] as XY, line[i] as XY);
  return sum;
}

/** The polyline with extra vertices so that no segment is longer than `step`. */
export function densify(line: readonly XY[], step: number): XY[] {
  const out: XY[] = [];
  for (let i = 0; i < line.length - 1; i++) {
    const a = line[i] as XY;
    const b = line[i + 1] as XY;
    const n = Math.max(1, Math.ceil(distance(a, b) / step));
    for (let k = 0; k < n; k++) out.push([a[0] + ((b[0] - a[0]) * k) / n, a[1] + ((b[1] - a[1]) * k) / n]);
  }
  if (line.length > 0) out.push(line[line.length - 1] as XY);
  return out;
}
