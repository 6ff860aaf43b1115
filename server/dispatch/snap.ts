// Snapping a point (a unit's GPS fix, a case's scene) to its nearest road: a static flatbush index
// over every straight piece of every way, in a local metric frame, built once; a query takes the k
// nearest boxes and widens k until no unseen piece can be nearer than the best exact distance.
import Flatbush from 'flatbush';
import { haversineM, isLngLat, localFrame } from './geo.ts';
import type { RoadNetwork } from './road-network.ts';

/** Where a point meets the road network. */
export interface Snap {
  way: number;
  /** Metres along the way from its start to the foot point. */
  alongM: number;
  /** The foot point on the road. */
  lng: number;
  lat: number;
  /** Metres from the point to the foot point (the leg off the road). */
  offRoadM: number;
}

export interface Snapper {
  /** The nearest point on a way that `usable` accepts (all by default); null when none is (or the point is not a place). */
  snap(lng: number, lat: number, usable?: (way: number) => boolean): Snap | null;
}

/** An index over the network's road pieces. */
export function createSnapper(network: RoadNetwork): Snapper {
  const { coords, wayCoordStart, wayCount } = network;
  let pieces = 0;
  for (let w = 0; w < wayCount; w++) pieces += wayCoordStart[w + 1]! - wayCoordStart[w]! - 1;
  let lat0 = 0;
  for (let v = 0; v < network.nodeCount; v++) lat0 += network.nodeLat[v]! / network.nodeCount;
  const { kx, ky } = localFrame(lat0);
  // Piece p runs from vertex pieceStart[p] to the next one, on way pieceWay[p].
  const pieceStart = new Int32Array(pieces), pieceWay = new Int32Array(pieces);
  const index = new Flatbush(Math.max(pieces, 1));
  let p = 0;
  for (let w = 0; w < wayCount; w++) {
    for (let c = wayCoordStart[w]!; c < wayCoordStart[w + 1]! - 1; c++, p++) {
      pieceStart[p] = c;
      pieceWay[p] = w;
      const x0 = coords[2 * c]! * kx, y0 = coords[2 * c + 1]! * ky, x1 = coords[2 * c + 2]! * kx, y1 = coords[2 * c + 3]! * ky;
      index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
  }
  if (pieces === 0) index.add(0, 0, 0, 0);
  index.finish();

  /** Squared planar distance from (x, y) to piece p and the foot's fraction along it. */
  const footOn = (pc: number, x: number, y: number): [number, number] => {
    const c = pieceStart[pc]!;
    const x0 = coords[2 * c]! * kx, y0 = coords[2 * c + 1]! * ky;
    const dx = coords[2 * c + 2]! * kx - x0, dy = coords[2 * c + 3]! * ky - y0;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.min(1, Math.max(0, ((x - x0) * dx + (y - y0) * dy) / len2)) : 0;
    const fx = x0 + t * dx - x, fy = y0 + t * dy - y;
    return [fx * fx + fy * fy, t];
  };

  /** Squared planar distance from (x, y) to piece p's bounding box (what the index orders by). */
  const boxD2 = (pc: number, x: number, y: number): number => {
    const c = pieceStart[pc]!;
    const x0 = coords[2 * c]! * kx, y0 = coords[2 * c + 1]! * ky, x1 = coords[2 * c + 2]! * kx, y1 = coords[2 * c + 3]! * ky;
    const dx = Math.max(Math.min(x0, x1) - x, 0, x - Math.max(x0, x1));
    const dy = Math.max(Math.min(y0, y1) - y, 0, y - Math.max(y0, y1));
    return dx * dx + dy * dy;
  };

  return {
    snap(lng, lat, usable) {
      if (pieces === 0 || !isLngLat(lng, lat)) return null;
      const x = lng * kx, y = lat * ky;
      const filter = usable ? (pc: number) => usable(pieceWay[pc]!) : undefined;
      let best = -1, bestD2 = Infinity, bestT = 0;
      for (let k = 8; ; k *= 4) {
        const found = index.neighbors(x, y, k, Infinity, filter);
        for (const pc of found) {
          const [d2, t] = footOn(pc, x, y);
          if (d2 < bestD2 || (d2 === bestD2 && pc < best)) [best, bestD2, bestT] = [pc, d2, t];
        }
        // Boxes come nearest first and a box is never farther than its piece: done when the k-th
        // box is beyond the best piece, or when there are no more boxes.
        const last = found[found.length - 1];
        if (found.length < k || last === undefined || boxD2(last, x, y) >= bestD2) break;
      }
      if (best < 0) return null;
      const c = pieceStart[best]!, way = pieceWay[best]!;
      const fLng = coords[2 * c]! + bestT * (coords[2 * c + 2]! - coords[2 * c]!);
      const fLat = coords[2 * c + 1]! + bestT * (coords[2 * c + 3]! - coords[2 * c + 1]!);
      const alongM = network.coordAlong[c]! + bestT * (network.coordAlong[c + 1]! - network.coordAlong[c]!);
      return { way, alongM, lng: fLng, lat: fLat, offRoadM: haversineM(lng, lat, fLng, fLat) };
    },
  };
}
