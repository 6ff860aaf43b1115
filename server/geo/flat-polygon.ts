// A polygon or multipolygon flattened into one typed array, with the two point tests the grid
// assigner needs: the half-open "claims" test that decides borders, and the inclusive
// "on boundary" test used for points on the outer edge of the jurisdiction.
import type { Position } from 'geojson';
import type { AreaGeometry } from '../wire/index.ts';
import { orientSign } from './orient.ts';

/** Rings of every part, coordinates interleaved [x0, y0, x1, y1, …]; each ring explicitly closed. */
export interface FlatPolygon {
  coords: Float64Array;
  /** Offsets (in numbers, not points) where each ring starts; the last entry is coords.length. */
  ringStarts: Int32Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Flattens a Polygon or MultiPolygon; an unclosed ring is closed implicitly (validation reports it). */
export function flattenPolygon(geometry: AreaGeometry): FlatPolygon {
  const rings: Position[][] = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  const values: number[] = [];
  const starts: number[] = [];
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of rings) {
    if (ring.length === 0) continue;
    starts.push(values.length);
    for (const p of ring) {
      const x = p[0] as number, y = p[1] as number;
      values.push(x, y);
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const first = ring[0] as Position, last = ring[ring.length - 1] as Position;
    if (first[0] !== last[0] || first[1] !== last[1]) values.push(first[0] as number, first[1] as number);
  }
  starts.push(values.length);
  return { coords: Float64Array.from(values), ringStarts: Int32Array.from(starts), minX, minY, maxX, maxY };
}

/**
 * Half-open containment (the border rule): true when the point P' = P + (ε, δ), with 0 < δ ≪ ε
 * infinitesimal, lies inside the polygon — i.e. P is claimed by the polygon whose interior lies
 * immediately east of it (immediately north-east, for points on horizontal edges and vertices).
 *
 * Crossing-number test of an eastward ray: an edge counts when its lower end is at or below P and
 * its upper end strictly above (horizontal edges never count), and P lies strictly west of it.
 * Both conditions are evaluated exactly (comparisons of doubles, exact orientation), so two
 * polygons sharing an edge always make the same decision about it.
 */
export function claims(poly: FlatPolygon, px: number, py: number): boolean {
  const c = poly.coords, starts = poly.ringStarts;
  let inside = false;
  for (let r = 0; r < starts.length - 1; r++) {
    const end = (starts[r + 1] as number) - 2;
    for (let k = starts[r] as number; k < end; k += 2) {
      const x1 = c[k] as number, y1 = c[k + 1] as number, x2 = c[k + 2] as number, y2 = c[k + 3] as number;
      let ax, ay, bx, by;
      if (y1 < y2) { ax = x1; ay = y1; bx = x2; by = y2; }
      else if (y1 > y2) { ax = x2; ay = y2; bx = x1; by = y1; }
      else continue;
      if (py < ay || py >= by) continue;
      if (px < ax && px < bx) { inside = !inside; continue; } // wholly east of P
      if (px >= ax && px >= bx) continue; // P east of or on the edge
      // Upward edge a→b: P strictly west ⇔ P strictly left ⇔ counter-clockwise.
      if (orientSign(ax, ay, bx, by, px, py) > 0) inside = !inside;
    }
  }
  return inside;
}

/** True when the point lies exactly on an edge or vertex of any ring. */
export function onBoundary(poly: FlatPolygon, px: number, py: number): boolean {
  const c = poly.coords, starts = poly.ringStarts;
  for (let r = 0; r < starts.length - 1; r++) {
    const end = (starts[r + 1] as number) - 2;
    for (let k = starts[r] as number; k < end; k += 2) {
      const x1 = c[k] as number, y1 = c[k + 1] as number, x2 = c[k + 2] as number, y2 = c[k + 3] as number;
      if (px < Math.min(x1, x2) || px > Math.max(x1, x2) || py < Math.min(y1, y2) || py > Math.max(y1, y2)) continue;
      if (orientSign(x1, y1, x2, y2, px, py) === 0) return true;
    }
  }
  return false;
}
