// The county's router: the road network, its snapping index and one routing profile per unit kind,
// built once at start (or when the roads or the speeds change) and queried per recommendation.
import { UNIT_KINDS, type UnitKind } from '../wire/index.ts';
import { buildRoadNetwork, type RoadLine, type RoadNetwork } from './road-network.ts';
import { createSnapper, type Snap, type Snapper } from './snap.ts';
import { routingProfile, type RoutingProfile } from './travel-times.ts';
import type { UnitSpeeds } from './unit-speeds.ts';

export interface DispatchRouter {
  network: RoadNetwork;
  snapper: Snapper;
  profile(kind: UnitKind): RoutingProfile;
  /** A point snapped to the nearest road this kind may use (null: none, or not a place). */
  snap(kind: UnitKind, lng: number, lat: number): Snap | null;
}

/** Builds the network, the index and the profiles. */
export function createDispatchRouter(roads: Iterable<RoadLine>, speeds: UnitSpeeds): DispatchRouter {
  const network = buildRoadNetwork(roads);
  return routerOver(network, speeds);
}

/** A router over an already built network. */
export function routerOver(network: RoadNetwork, speeds: UnitSpeeds): DispatchRouter {
  const snapper = createSnapper(network);
  const profiles = new Map<UnitKind, RoutingProfile>(UNIT_KINDS.map((k) => [k, routingProfile(network, speeds, k)]));
  const usable = new Map<UnitKind, (way: number) => boolean>(UNIT_KINDS.map((k) => {
    const wayTime = profiles.get(k)!.wayTime;
    return [k, (way: number) => wayTime[way] !== Infinity];
  }));
  return {
    network,
    snapper,
    profile: (kind) => profiles.get(kind)!,
    snap: (kind, lng, lat) => snapper.snap(lng, lat, usable.get(kind)),
  };
}
