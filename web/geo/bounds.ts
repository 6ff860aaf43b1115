// Bounding boxes of GeoJSON geometry, for "zoom to county" and the initial view.
import type { Geometry, Position } from 'geojson';

export type Bounds = [[number, number], [number, number]];

function visit(coords: unknown, acc: { minX: number; minY: number; maxX: number; maxY: number }): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number') {
    const [x, y] = coords as Position;
    if (x === undefined || y === undefined) return;
    acc.minX = Math.min(acc.minX, x);
    acc.maxX = Math.max(acc.maxX, x);
    acc.minY = Math.min(acc.minY, y);
    acc.maxY = Math.max(acc.maxY, y);
    return;
  }
  for (const c of coords) visit(c, acc);
}

/** [[west, south], [east, north]] of a geometry, or null when it has no coordinates. */
export function geometryBounds(geometry: Geometry): Bounds | null {
  const acc = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  if (geometry.type === 'GeometryCollection') for (const g of geometry.geometries) visit('coordinates' in g ? g.coordinates : [], acc);
  else visit(geometry.coordinates, acc);
  return Number.isFinite(acc.minX) ? [[acc.minX, acc.minY], [acc.maxX, acc.maxY]] : null;
}
