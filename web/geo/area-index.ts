// Which area of a level contains a point: a static R-tree (Flatbush) over the areas' bounding boxes,
// then an exact point-in-polygon test. Clicks on areas use this instead of GPU picking, so the map
// never has to draw invisible full-screen fills just to make areas clickable.
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { geometryBounds } from './bounds.ts';

export interface AreaIndex<P> {
  /** The area containing (lng, lat), or null. On a shared border the first area in file order wins. */
  find(lng: number, lat: number): Feature<Polygon | MultiPolygon, P> | null;
  /** Indexes (file order) of the areas whose bounding boxes meet [west, south, east, north]. */
  within(west: number, south: number, east: number, north: number): number[];
}

/** Even-odd ray casting against one ring. */
function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!, yi = ring[i]![1]!, xj = ring[j]![0]!, yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(x: number, y: number, rings: Position[][]): boolean {
  if (!rings[0] || !inRing(x, y, rings[0])) return false;
  for (let h = 1; h < rings.length; h++) if (inRing(x, y, rings[h]!)) return false;
  return true;
}

/** Whether a point lies inside a polygon or multipolygon (holes excluded). */
export function containsPoint(geometry: Polygon | MultiPolygon, lng: number, lat: number): boolean {
  if (geometry.type === 'Polygon') return inPolygon(lng, lat, geometry.coordinates);
  return geometry.coordinates.some((rings) => inPolygon(lng, lat, rings));
}

const cache = new WeakMap<object, AreaIndex<unknown>>();

/** The index of an area collection, built once per collection object. */
export function areaIndex<P>(fc: FeatureCollection<Polygon | MultiPolygon, P>): AreaIndex<P> {
  const hit = cache.get(fc);
  if (hit) return hit as AreaIndex<P>;
  const features = fc.features;
  const tree = new Flatbush(Math.max(features.length, 1));
  for (const f of features) {
    const b = geometryBounds(f.geometry) ?? [[0, 0], [0, 0]];
    tree.add(b[0][0], b[0][1], b[1][0], b[1][1]);
  }
  if (features.length === 0) tree.add(0, 0, 0, 0);
  tree.finish();
  const index: AreaIndex<P> = {
    find(lng, lat) {
      const candidates = tree.search(lng, lat, lng, lat).sort((a, b) => a - b);
      for (const i of candidates) {
        const f = features[i];
        if (f && containsPoint(f.geometry, lng, lat)) return f;
      }
      return null;
    },
    within(west, south, east, north) {
      return features.length === 0 ? [] : tree.search(west, south, east, north).sort((a, b) => a - b);
    },
  };
  cache.set(fc, index as AreaIndex<unknown>);
  return index;
}
