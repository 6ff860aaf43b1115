// Distances on the ground for routing: haversine for lengths that add up along a road, and a local
// metric frame (equirectangular about the network's centre) for nearest-segment geometry.

/** Mean Earth radius in metres (the one turf uses). */
export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres between two WGS-84 points. */
export function haversineM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Metres per degree east (kx) and north (ky) about a latitude: x = lng·kx, y = lat·ky. */
export function localFrame(lat0: number): { kx: number; ky: number } {
  const ky = EARTH_RADIUS_M * RAD;
  return { kx: ky * Math.cos(lat0 * RAD), ky };
}

/** True for a longitude/latitude pair that is a real place. */
export function isLngLat(lng: unknown, lat: unknown): lng is number {
  return typeof lng === 'number' && typeof lat === 'number' && Number.isFinite(lng) && Number.isFinite(lat) &&
    lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90;
}
