// Which grid contains a point, with the same exact point-in-polygon test a consumer would use
// (turf), plus the distance to that grid's border so callers can keep clear of ambiguous spots.
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { Position } from 'geojson';
import type { GridCollection } from '../../server/wire/jurisdiction.ts';
import { segmentDistance, type XY } from './planar.ts';
import { fromLngLat } from './projection.ts';

export interface GridHit {
  /** Index of the grid feature. */
  grid: number;
  /** Metres from the point to the grid's border. */
  borderDistance: number;
}

export type GridLocator = (p: Position) => GridHit | null;

export function createGridLocator(grids: GridCollection): GridLocator {
  const boxes = grids.features.map((f) => bbox(f));
  const metric = new Map<number, XY[][]>();
  const rings = (i: number): XY[][] => {
    let r = metric.get(i);
    if (!r) {
      const g = (grids.features[i] as GridCollection['features'][number]).geometry;
      const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      r = polys.flatMap((p) => p.map((ring) => ring.map(fromLngLat)));
      metric.set(i, r);
    }
    return r;
  };
  return (p) => {
    const [x, y] = p as [number, number];
    for (let i = 0; i < boxes.length; i++) {
      const b = boxes[i] as number[];
      if (x < (b[0] as number) || x > (b[2] as number) || y < (b[1] as number) || y > (b[3] as number)) continue;
      if (!booleanPointInPolygon(p, grids.features[i] as GridCollection['features'][number])) continue;
      const q = fromLngLat(p);
      let d = Infinity;
      for (const ring of rings(i)) for (let k = 1; k < ring.length; k++) d = Math.min(d, segmentDistance(q, ring[k - 1] as XY, ring[k] as XY));
      return { grid: i, borderDistance: d };
    }
    return null;
  };
}
