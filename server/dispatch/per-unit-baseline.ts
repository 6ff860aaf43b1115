// The peer way to time units to a scene, kept as the benchmark's baseline (not used by the server):
// the road network in ngraph.graph and one ngraph.path A* search per unit (admissible heuristic:
// straight-line distance at the kind's top speed, so its answers are exact), with the unit and the
// scene joined to the graph as temporary nodes on their snapped ways. Same snapping, same speeds,
// same one-way rules as ours — only the search differs.
import createGraph, { type Graph, type Link, type Node } from 'ngraph.graph';
import { aStar, type PathFinder } from 'ngraph.path';
import type { UnitKind } from '../wire/index.ts';
import { haversineM } from './geo.ts';
import { mayTravel, type RoadNetwork } from './road-network.ts';
import type { DispatchRouter } from './router.ts';
import type { Snap } from './snap.ts';
import type { RoutingProfile } from './travel-times.ts';

type NodeData = { lng: number; lat: number };
/** A real link carries its way; a temporary one its seconds and metres (travelled from → to only). */
type LinkData = number | { seconds: number; metres: number };

export interface PerUnitBaseline {
  /** Seconds and metres (legs off the road included) for each unit to the scene, or 'unreachable'; one A* per unit. */
  times(kind: UnitKind, scene: Snap, units: readonly (Snap | null)[]): ({ seconds: number; metres: number } | 'unreachable')[];
}

export function createPerUnitBaseline(router: DispatchRouter): PerUnitBaseline {
  const net = router.network;
  // A multigraph: two roads may join the same two junctions (ngraph.graph would otherwise keep one).
  const graph: Graph<NodeData, LinkData> = createGraph<NodeData, LinkData>({ multigraph: true });
  for (let v = 0; v < net.nodeCount; v++) graph.addNode(v, { lng: net.nodeLng[v]!, lat: net.nodeLat[v]! });
  for (let w = 0; w < net.wayCount; w++) graph.addLink(net.wayFrom[w]!, net.wayTo[w]!, w);

  const finders = new Map<UnitKind, PathFinder<NodeData>>();
  const finder = (kind: UnitKind) => {
    let f = finders.get(kind);
    if (f) return f;
    const profile = router.profile(kind);
    let top = 0;
    for (let w = 0; w < net.wayCount; w++) if (profile.wayTime[w]! < Infinity) top = Math.max(top, net.wayLength[w]! / profile.wayTime[w]!);
    const cost = (link: Link<LinkData>) => (typeof link.data === 'number' ? profile.wayTime[link.data]! : link.data.seconds);
    f = aStar<NodeData, LinkData>(graph, {
      oriented: false,
      // ngraph.path calls these with (the node reached, the node it is reached from, the link).
      blocked: (_to: Node<NodeData>, from: Node<NodeData>, link: Link<LinkData>) => {
        const forward = link.fromId === from.id;
        if (typeof link.data !== 'number') return !forward;
        return cost(link) === Infinity || !mayTravel(net, link.data, forward, profile.obeysOneway);
      },
      distance: (_to: Node<NodeData>, _from: Node<NodeData>, link: Link<LinkData>) => cost(link),
      heuristic: (a: Node<NodeData>, b: Node<NodeData>) => (top > 0 ? haversineM(a.data.lng, a.data.lat, b.data.lng, b.data.lat) / top : 0),
    });
    finders.set(kind, f);
    return f;
  };

  /** Temporary links from a snapped point's node to the ends of its way (or from the ends to it). */
  const join = (id: string, s: Snap, kind: UnitKind, toward: 'ends' | 'point') => {
    const profile = router.profile(kind);
    const len = net.wayLength[s.way]!, perM = profile.wayTime[s.way]! / len;
    graph.addNode(id, { lng: s.lng, lat: s.lat });
    // From the point toward the way's start is against its direction, toward its end along it (and the reverse for the scene).
    const ends: [number, number, boolean][] = [[net.wayFrom[s.way]!, s.alongM, toward === 'point'], [net.wayTo[s.way]!, len - s.alongM, toward !== 'point']];
    for (const [node, metres, forward] of ends) {
      if (!Number.isFinite(perM) || !mayTravel(net, s.way, forward, profile.obeysOneway)) continue;
      const data = { seconds: metres * perM, metres };
      if (toward === 'ends') graph.addLink(id, node, data);
      else graph.addLink(node, id, data);
    }
  };

  return {
    times(kind, scene, units) {
      const profile = router.profile(kind);
      const f = finder(kind);
      join('scene', scene, kind, 'point');
      const out = units.map((u) => {
        if (!u) return 'unreachable' as const;
        join('unit', u, kind, 'ends');
        if (u.way === scene.way) {
          const ahead = scene.alongM - u.alongM, perM = profile.wayTime[u.way]! / net.wayLength[u.way]!;
          if (Number.isFinite(perM) && mayTravel(net, u.way, ahead >= 0, profile.obeysOneway)) graph.addLink('unit', 'scene', { seconds: Math.abs(ahead) * perM, metres: Math.abs(ahead) });
        }
        const path = f.find('unit', 'scene');
        const cost = pathCost(path, net, profile);
        graph.removeNode('unit');
        if (cost === null) return 'unreachable' as const;
        const offRoadM = u.offRoadM + scene.offRoadM;
        return { seconds: cost.seconds + offRoadM / profile.offRoadMps, metres: cost.metres + offRoadM };
      });
      graph.removeNode('scene');
      return out;
    },
  };
}

/** Seconds and metres of a path ngraph.path found (scene first), or null for none. */
function pathCost(path: Node<NodeData>[], net: RoadNetwork, profile: RoutingProfile): { seconds: number; metres: number } | null {
  // No path is [], or only the scene (ngraph.path queues a node reached by a blocked link, unpriced).
  if (path.length < 2 || path[path.length - 1]!.id !== 'unit') return null;
  // ngraph.path gives the nodes (scene first); the cost is the cheapest usable link of each step.
  let seconds = 0, metres = 0;
  for (let i = path.length - 1; i > 0; i--) {
    const from = path[i]!, to = path[i - 1]!;
    let best: { seconds: number; metres: number } | null = null;
    for (const link of from.links ?? []) {
      const forward = link.fromId === from.id;
      if ((forward ? link.toId : link.fromId) !== to.id) continue;
      const step = typeof link.data === 'number'
        ? (mayTravel(net, link.data, forward, profile.obeysOneway) ? { seconds: profile.wayTime[link.data]!, metres: net.wayLength[link.data]! } : null)
        : forward ? link.data : null;
      if (step && step.seconds < (best?.seconds ?? Infinity)) best = step;
    }
    seconds += best!.seconds;
    metres += best!.metres;
  }
  return { seconds, metres };
}
