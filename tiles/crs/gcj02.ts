// GCJ-02 (国测局坐标, "Mars coordinates"): the obfuscated datum that Chinese web basemaps such as
// AMap (高德) and Tencent use. Data in Yizhangtu stays WGS-84; these functions exist only so that
// overlays line up when a county plugs in a GCJ-02 basemap. The forward transform is the widely
// published one (Krasovsky ellipsoid constants); the inverse iterates it to centimetre accuracy
// because the one-step inverse found in many libraries is off by 1–2 m.

/** [longitude, latitude] in degrees. */
export type LngLat = [number, number];

const A = 6378245.0; // Krasovsky 1940 semi-major axis, as the algorithm defines it
const EE = 0.006693421622965943; // its first eccentricity squared

/**
 * The algorithm applies only inside this box (the conventional rule shared by every public
 * implementation); outside it coordinates are returned unchanged.
 */
export function outOfChina(lng: number, lat: number): boolean {
  return !(lng >= 72.004 && lng <= 137.8347 && lat >= 0.8293 && lat <= 55.8271);
}

function offsetLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function offsetLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** The GCJ-02 shift (degrees) at a WGS-84 position. */
function delta(lng: number, lat: number): LngLat {
  const dLat = offsetLat(lng - 105.0, lat - 35.0);
  const dLng = offsetLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  const sin = Math.sin(radLat);
  const magic = 1 - EE * sin * sin;
  const sqrtMagic = Math.sqrt(magic);
  return [
    (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI),
    (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI),
  ];
}

/** WGS-84 → GCJ-02. Outside China the input is returned unchanged. */
export function wgs84ToGcj02(lng: number, lat: number): LngLat {
  if (outOfChina(lng, lat)) return [lng, lat];
  const [dLng, dLat] = delta(lng, lat);
  return [lng + dLng, lat + dLat];
}

/** GCJ-02 → WGS-84 by fixed-point iteration (converges to < 1 cm in a few steps). */
export function gcj02ToWgs84(lng: number, lat: number): LngLat {
  if (outOfChina(lng, lat)) return [lng, lat];
  let wLng = lng;
  let wLat = lat;
  for (let i = 0; i < 30; i++) {
    const [gLng, gLat] = wgs84ToGcj02(wLng, wLat);
    const eLng = gLng - lng;
    const eLat = gLat - lat;
    wLng -= eLng;
    wLat -= eLat;
    if (Math.abs(eLng) < 1e-9 && Math.abs(eLat) < 1e-9) break; // ~0.1 mm
  }
  return [wLng, wLat];
}
