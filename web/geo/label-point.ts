// Where to put an area's name: its centre of mass when that lies inside it, otherwise a point
// guaranteed on it (a crescent-shaped village must not get its label in the neighbour).
import { booleanPointInPolygon, centerOfMass, pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

/** The main polygon of an area: the largest part of a MultiPolygon (labels go on the main part). */
function mainPart(geometry: Polygon | MultiPolygon): Polygon {
  if (geometry.type === 'Polygon') return geometry;
  let best: Position[][] = geometry.coordinates[0] ?? [];
  let bestArea = -1;
  for (const rings of geometry.coordinates) {
    const a = Math.abs(ringArea(rings[0] ?? []));
    if (a > bestArea) {
      bestArea = a;
      best = rings;
    }
  }
  return { type: 'Polygon', coordinates: best };
}

/** Planar shoelace area in degrees²: only compared between parts of the same small area. */
function ringArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j];
    const b = ring[i];
    if (a && b) s += (a[0] ?? 0) * (b[1] ?? 0) - (b[0] ?? 0) * (a[1] ?? 0);
  }
  return s / 2;
}

/** A [lng, lat] inside the area's main part, good for its label. */
export function labelPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const poly: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: mainPart(geometry) };
  const c = centerOfMass(poly).geometry.coordinates;
  const p = booleanPointInPolygon(c, poly) ? c : pointOnFeature(poly).geometry.coordinates;
  return [p[0] ?? 0, p[1] ?? 0];
}
