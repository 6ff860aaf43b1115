// A camera's field of view as a polygon (a circular sector), for drawing its viewing direction.

const METRES_PER_DEGREE_LAT = 111_320;

/**
 * The sector from (lng, lat) centred on `bearing` (degrees clockwise from north), `fov` degrees
 * wide and `range` metres deep, as a closed ring of [lng, lat]. Uses a local flat approximation,
 * exact enough over a camera's few hundred metres.
 */
export function fovWedge(lng: number, lat: number, bearing: number, fov: number, range: number, steps = 12): [number, number][] {
  const mPerDegLng = METRES_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180);
  const half = Math.min(Math.max(fov, 1), 360) / 2;
  const ring: [number, number][] = [[lng, lat]];
  for (let i = 0; i <= steps; i++) {
    const a = ((bearing - half + (2 * half * i) / steps) * Math.PI) / 180;
    ring.push([lng + (range * Math.sin(a)) / mPerDegLng, lat + (range * Math.cos(a)) / METRES_PER_DEGREE_LAT]);
  }
  ring.push([lng, lat]);
  return ring;
}
