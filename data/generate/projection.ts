// The local metric frame ↔ WGS-84. An equirectangular projection about the district centre is
// accurate to well under 0.1 % over 25 km, far better than a schematic map needs.
import type { Position } from 'geojson';
import type { XY } from './planar.ts';

/** The district centre (海陵区), the origin of the metric frame. */
export const ORIGIN = { lng: 119.91, lat: 32.49 } as const;

const EARTH_RADIUS = 6371008.8; // metres, the mean radius turf uses
const M_PER_DEG_LAT = (EARTH_RADIUS * Math.PI) / 180;
const M_PER_DEG_LNG = M_PER_DEG_LAT * Math.cos((ORIGIN.lat * Math.PI) / 180);

/** Decimal places written: 6 ≈ 0.1 m, plenty for a schematic map and keeps files small. */
export const DECIMALS = 6;
const FACTOR = 10 ** DECIMALS;

/** Rounds a coordinate to the written precision (n / 1e6 prints as the short decimal). */
export function roundCoord(v: number): number {
  return Math.round(v * FACTOR) / FACTOR;
}

/** Metres → rounded [lng, lat]. Equal inputs give bit-identical outputs, so shared borders stay shared. */
export function toLngLat(p: XY): Position {
  return [roundCoord(ORIGIN.lng + p[0] / M_PER_DEG_LNG), roundCoord(ORIGIN.lat + p[1] / M_PER_DEG_LAT)];
}

/** [lng, lat] → metres. */
export function fromLngLat(p: Position): XY {
  return [((p[0] as number) - ORIGIN.lng) * M_PER_DEG_LNG, ((p[1] as number) - ORIGIN.lat) * M_PER_DEG_LAT];
}
