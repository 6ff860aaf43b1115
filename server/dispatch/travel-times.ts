// Road travel times to a scene for every unit at once: ONE Dijkstra search per unit kind, from the
// scene over the reversed graph (each node's incoming arcs), so the time it settles at a node is the
// time from that node to the scene. A unit's time is then its walk to the road, the rest of its way
// to one of the way's ends, and that end's time — a lookup, whatever the number of units. Nodes the
// search never reaches (another part of the network) stay at Infinity: `unreachable`, not a crash.
import FlatQueue from 'flatqueue';
import type { UnitKind } from '../wire/index.ts';
import { mayTravel, wayPart, type RoadNetwork } from './road-network.ts';
import type { Snap } from './snap.ts';
import type { UnitSpeeds } from './unit-speeds.ts';

/** How one unit kind travels the network. */
export interface RoutingProfile {
  kind: UnitKind;
  /** Seconds to travel each way end to end; Infinity where the kind may not go. */
  wayTime: Float64Array;
  /** Seconds of each arc of the network (a way in one direction); Infinity where closed to the kind or against a one-way it keeps to. */
  arcCost: Float64Array;
  obeysOneway: boolean;
  /** Metres per second of the walked legs off the road. */
  offRoadMps: number;
}

/** The profile of a kind under the speeds in force. */
export function routingProfile(network: RoadNetwork, speeds: UnitSpeeds, kind: UnitKind): RoutingProfile {
  const byClass = network.classes.map((c) => speeds.speedMps(kind, c));
  const wayTime = new Float64Array(network.wayCount);
  for (let w = 0; w < network.wayCount; w++) {
    const mps = byClass[network.wayClass[w]!]!;
    wayTime[w] = mps > 0 ? network.wayLength[w]! / mps : Infinity;
  }
  const obeysOneway = speeds.obeysOneway(kind);
  const arcCost = new Float64Array(network.arcWay.length);
  for (let a = 0; a < arcCost.length; a++) {
    const w = network.arcWay[a]!;
    arcCost[a] = mayTravel(network, w, network.arcAlong[a] === 1, obeysOneway) ? wayTime[w]! : Infinity;
  }
  return { kind, wayTime, arcCost, obeysOneway, offRoadMps: speeds.offRoadMps };
}

/** The result of one search from a scene: every node's time and road distance to it. */
export interface SceneSearch {
  network: RoadNetwork;
  profile: RoutingProfile;
  /** The scene where it meets the road this kind may use. */
  scene: Snap;
  /** Seconds from each node to the scene's foot point (Infinity: unreachable). */
  time: Float64Array;
  /** Metres along the fastest path from each node to the scene's foot point. */
  distance: Float64Array;
  /** The arc each node leaves by on its fastest path (−1 at the scene way's own ends, or unreached). */
  next: Int32Array;
}

/** A unit's way to the scene: seconds, metres and how it leaves its own way. */
export interface TravelTime {
  /** Seconds, including both walked legs off the road. */
  seconds: number;
  /** Metres, including both legs off the road. */
  metres: number;
  /** 'from' / 'to': leaves its way by that end node; 'direct': the scene is further along its own way. */
  via: 'from' | 'to' | 'direct';
}

export type Travel = TravelTime | 'unreachable';

// One heap for every search, reused (a thread answers one request at a time). Its plain growable
// arrays measured faster here than flatqueue's fixed-capacity typed arrays.
const queue = new FlatQueue<number>();

/**
 * The reversed search from a snapped scene. `targets` (node ids) lets it stop once all of them are
 * settled — their times are final then; without it, it settles every node it can reach.
 */
export function searchFromScene(network: RoadNetwork, profile: RoutingProfile, scene: Snap, targets?: ArrayLike<number>): SceneSearch {
  const n = network.nodeCount;
  const time = new Float64Array(n).fill(Infinity), distance = new Float64Array(n).fill(Infinity), next = new Int32Array(n).fill(-1);
  const { inStart, arcTail, arcWay, wayLength } = network;
  const { wayTime, arcCost, obeysOneway } = profile;
  const w = scene.way, len = wayLength[w]!, perM = wayTime[w]! / len;
  queue.clear();
  const seed = (node: number, metres: number, forward: boolean) => {
    if (!Number.isFinite(perM) || !mayTravel(network, w, forward, obeysOneway)) return;
    const t = metres * perM;
    if (t < time[node]!) {
      time[node] = t;
      distance[node] = metres;
      queue.push(node, t);
    }
  };
  seed(network.wayFrom[w]!, scene.alongM, true);
  seed(network.wayTo[w]!, len - scene.alongM, false);

  let waiting = 0;
  const isTarget = targets ? new Uint8Array(n) : null;
  if (isTarget && targets) {
    for (let i = 0; i < targets.length; i++) {
      const v = targets[i]!;
      if (isTarget[v] === 0) waiting++;
      isTarget[v] = 1;
    }
  }
  while (queue.length > 0) {
    const t = queue.peekValue()!;
    const v = queue.pop()!;
    // A node is pushed again only with a strictly smaller time, so the entry holding its time is its one settling.
    if (t > time[v]!) continue;
    if (isTarget && isTarget[v] === 1 && --waiting === 0) break;
    for (let a = inStart[v]!, end = inStart[v + 1]!; a < end; a++) {
      const cost = arcCost[a]!;
      if (cost === Infinity) continue;
      const u = arcTail[a]!, nt = t + cost;
      if (nt < time[u]!) {
        time[u] = nt;
        distance[u] = distance[v]! + wayLength[arcWay[a]!]!;
        next[u] = a;
        queue.push(u, nt);
      }
    }
  }
  return { network, profile, scene, time, distance, next };
}

/** The end nodes of the ways the snapped units stand on (the targets a search may stop after). */
export function targetNodes(network: RoadNetwork, snaps: Iterable<Snap | null>): Int32Array {
  const out: number[] = [];
  for (const s of snaps) if (s) out.push(network.wayFrom[s.way]!, network.wayTo[s.way]!);
  return Int32Array.from(out);
}

/** A snapped unit's travel to the scene of a search, or 'unreachable'. */
export function travelTime(search: SceneSearch, unit: Snap): Travel {
  const { network, profile, scene, time, distance } = search;
  const u = unit.way, len = network.wayLength[u]!, perM = profile.wayTime[u]! / len;
  if (!Number.isFinite(perM)) return 'unreachable';
  let best: TravelTime | null = null;
  const consider = (seconds: number, metres: number, via: TravelTime['via']) => {
    if (Number.isFinite(seconds) && (best === null || seconds < best.seconds)) best = { seconds, metres, via };
  };
  if (mayTravel(network, u, false, profile.obeysOneway)) {
    const from = network.wayFrom[u]!;
    consider(unit.alongM * perM + time[from]!, unit.alongM + distance[from]!, 'from');
  }
  if (mayTravel(network, u, true, profile.obeysOneway)) {
    const to = network.wayTo[u]!;
    consider((len - unit.alongM) * perM + time[to]!, len - unit.alongM + distance[to]!, 'to');
  }
  if (u === scene.way) {
    const ahead = scene.alongM - unit.alongM;
    if (mayTravel(network, u, ahead >= 0, profile.obeysOneway)) consider(Math.abs(ahead) * perM, Math.abs(ahead), 'direct');
  }
  if (best === null) return 'unreachable';
  const b: TravelTime = best;
  const offRoadM = unit.offRoadM + scene.offRoadM;
  return { seconds: b.seconds + offRoadM / profile.offRoadMps, metres: b.metres + offRoadM, via: b.via };
}

/**
 * The road route of a unit to the scene as LineString coordinates: from the unit's position to its
 * road, along the fastest path, to the scene's foot point and the scene. Null when unreachable.
 */
export function routeCoordinates(search: SceneSearch, unit: Snap, from: [number, number], to: [number, number]): [number, number][] | null {
  const travel = travelTime(search, unit);
  if (travel === 'unreachable') return null;
  const { network, scene, next } = search;
  const out: [number, number][] = [from];
  const add = (part: [number, number][]) => {
    for (const p of part) {
      const last = out[out.length - 1]!;
      if (last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
  };
  if (travel.via === 'direct') {
    add(wayPart(network, unit.way, unit.alongM, scene.alongM));
  } else {
    add(wayPart(network, unit.way, unit.alongM, travel.via === 'from' ? 0 : network.wayLength[unit.way]!));
    let v = travel.via === 'from' ? network.wayFrom[unit.way]! : network.wayTo[unit.way]!;
    for (let a = next[v]!; a >= 0; a = next[v]!) {
      const way = network.arcWay[a]!, len = network.wayLength[way]!;
      add(network.arcAlong[a] === 1 ? wayPart(network, way, 0, len) : wayPart(network, way, len, 0));
      v = network.arcHead[a]!;
    }
    // v is an end of the scene's way: along it to the scene's foot point.
    add(wayPart(network, scene.way, v === network.wayFrom[scene.way] ? 0 : network.wayLength[scene.way]!, scene.alongM));
  }
  add([to]);
  return out;
}
