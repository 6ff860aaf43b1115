// Which cameras can see a point (天网/雪亮 coverage of a scene): a camera covers it when the point is
// within its range and the direction to it is within fov/2 of the camera's bearing. Occlusion
// (buildings, trees, terrain) is ignored — the camera data carries no line of sight — so a covering
// camera may still look at a wall; the officer judges from the picture.
import { haversineM, localFrame } from '../dispatch/geo.ts';
import type { CameraState } from '../wire/index.ts';

/** What coverage needs of a camera (the properties of cameras.geojson plus its position). */
export interface CameraSight {
  id: string;
  name: string;
  state: CameraState;
  lng: number;
  lat: number;
  /** Degrees clockwise from north. */
  bearing: number;
  /** Horizontal field of view, degrees. */
  fov: number;
  /** Useful viewing range, metres. */
  range: number;
}

export interface Coverage<C extends CameraSight = CameraSight> {
  camera: C;
  distanceM: number;
  offAxisDeg: number;
}

/** Direction from one point to another, degrees clockwise from north (local flat frame: cameras see tens of metres). */
export function bearingDeg(fromLng: number, fromLat: number, toLng: number, toLat: number): number {
  const { kx, ky } = localFrame(fromLat);
  const deg = (Math.atan2((toLng - fromLng) * kx, (toLat - fromLat) * ky) * 180) / Math.PI;
  return (deg + 360) % 360;
}

/** Smallest angle between two directions, degrees (0 … 180), across the 0/360° wrap. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

/** A camera standing on the point sees it whichever way it looks. */
const ON_TOP_M = 1;

/** The coverage of one camera over a point, or null when the point is out of its view. */
export function covers<C extends CameraSight>(camera: C, lng: number, lat: number): Coverage<C> | null {
  if (!(camera.range > 0) || !(camera.fov > 0)) return null;
  const distanceM = haversineM(camera.lng, camera.lat, lng, lat);
  if (distanceM > camera.range) return null;
  const offAxisDeg = distanceM < ON_TOP_M ? 0 : angleBetween(bearingDeg(camera.lng, camera.lat, lng, lat), camera.bearing);
  if (offAxisDeg > Math.min(camera.fov, 360) / 2) return null;
  return { camera, distanceM, offAxisDeg };
}

/**
 * How good a view is, lower is better: the offset from the axis as a share of half the field of
 * view plus the distance as a share of the range (both 0 … 1), so a camera looking straight at a
 * close scene ranks first and one that barely has it at the edge and at the end of its range last.
 */
const viewScore = (c: Coverage): number => c.offAxisDeg / (Math.min(c.camera.fov, 360) / 2) + c.distanceM / c.camera.range;

/** The cameras that cover a point, online ones first, then by viewScore; ties by id. */
export function camerasCovering<C extends CameraSight>(cameras: readonly C[], lng: number, lat: number): Coverage<C>[] {
  const out: Coverage<C>[] = [];
  for (const c of cameras) {
    const cov = covers(c, lng, lat);
    if (cov) out.push(cov);
  }
  const online = (c: Coverage) => (c.camera.state === 'online' ? 0 : 1);
  return out.sort((a, b) => online(a) - online(b) || viewScore(a) - viewScore(b) || (a.camera.id < b.camera.id ? -1 : a.camera.id > b.camera.id ? 1 : 0));
}
