// Patrol routes (巡逻路线) and the units that ride them (群防群治队伍). Each township gets one loop,
// or two if it is large, drawn along its roads through a few well-spread waypoints by fastest
// path; each route is one team with its own colour, and each township 2–4 units.
import type { Position } from 'geojson';
import type { RouteCollection, UnitInfo, UnitKind } from '../../server/wire/jurisdiction.ts';
import { divisions, shortName, townshipKind } from './divisions.ts';
import type { Hierarchy } from './hierarchy.ts';
import { teamColor, teamName } from './names.ts';
import { shortestPath, type RoadGraph } from './network.ts';
import { distance, type XY } from './planar.ts';
import { createRng } from './random.ts';
import { kMeans } from './sampling.ts';
import { createShapeIndex } from './shape-index.ts';

const KIND_MARK: Record<UnitKind, string> = { foot: '步', ebike: '骑', car: '车' };

export function buildPatrols(seed: string, h: Hierarchy, graph: RoadGraph): { routes: RouteCollection; units: UnitInfo[] } {
  const rng = createRng(seed, 'patrols');
  const routes: RouteCollection['features'] = [];
  const units: UnitInfo[] = [];
  divisions.townships.forEach((t, ti) => {
    const inside = createShapeIndex(h.shapes.townships[ti] ?? []);
    // Junctions inside the township make good waypoints; fall back to any road vertex inside it.
    let nodes = graph.xy.map((_, n) => n).filter((n) => inside.contains(graph.xy[n] as XY));
    const junctions = nodes.filter((n) => (graph.adj[n]?.length ?? 0) >= 3);
    if (junctions.length >= 6) nodes = junctions;
    if (nodes.length < 3) throw new Error(`township ${t.name} has too few roads for a patrol route`);
    const routeCount = t.villages.length >= 12 ? 2 : 1;
    const { assign } = kMeans(nodes.map((n) => graph.xy[n] as XY), routeCount, rng, 10);
    const teamRoutes: string[] = [];
    for (let g = 0; g < routeCount; g++) {
      const group = nodes.filter((_, k) => assign[k] === g);
      const line = loopThrough(graph, group, rng.range(0, Math.PI / 2));
      if (line.length < 4) throw new Error(`patrol route for ${t.name} did not close`);
      const id = `route-${String(routes.length + 1).padStart(2, '0')}`;
      const team = teamName(t.name, g + 1);
      routes.push({
        type: 'Feature',
        properties: { id, name: `${t.name}巡逻${routeCount > 1 ? '一二'[g] : ''}线`, team, townshipCode: t.code, color: teamColor(routes.length) },
        geometry: { type: 'LineString', coordinates: line },
      });
      teamRoutes.push(id);
    }
    // Units: towns patrol by car and e-bike, the city also on foot; the zones have two units.
    const kind = townshipKind(t.name);
    const count = kind === 'zone' ? 2 : kind === 'town' ? rng.int(3, 4) : rng.int(2, 4);
    const kinds: UnitKind[] = kind === 'street' ? ['ebike', 'foot', 'car', 'foot'] : ['car', 'ebike', 'car', 'ebike'];
    const perMark = new Map<UnitKind, number>();
    for (let u = 0; u < count; u++) {
      const unitKind = kinds[u] as UnitKind;
      const route = routes.find((r) => r.properties.id === teamRoutes[u % teamRoutes.length]) as RouteCollection['features'][number];
      const n = (perMark.get(unitKind) ?? 0) + 1;
      perMark.set(unitKind, n);
      units.push({
        id: `unit-${String(units.length + 1).padStart(3, '0')}`,
        callsign: `${shortName(t.name)}${KIND_MARK[unitKind]}${String(n).padStart(2, '0')}`,
        kind: unitKind,
        team: route.properties.team,
        routeId: route.properties.id,
        townshipCode: t.code,
      });
    }
  });
  return { routes: { type: 'FeatureCollection', features: routes }, units };
}

/** A closed loop along roads through four waypoints spread around the group's centre. */
function loopThrough(graph: RoadGraph, group: number[], turn: number): Position[] {
  const pts = group.map((n) => graph.xy[n] as XY);
  const c: XY = [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
  const spread = pts.map((p) => distance(p, c)).sort((a, b) => a - b);
  const radius = 0.8 * (spread[Math.floor(spread.length * 0.6)] ?? 0);
  const waypoints: number[] = [];
  for (let k = 0; k < 4; k++) {
    const a = turn + (k * Math.PI) / 2;
    const target: XY = [c[0] + radius * Math.sin(a), c[1] + radius * Math.cos(a)];
    let best = group[0] as number;
    for (const n of group) if (distance(graph.xy[n] as XY, target) < distance(graph.xy[best] as XY, target)) best = n;
    if (!waypoints.includes(best)) waypoints.push(best);
  }
  const path: number[] = [];
  waypoints.forEach((w, k) => {
    const leg = shortestPath(graph, w, waypoints[(k + 1) % waypoints.length] as number);
    path.push(...(path.length > 0 ? leg.slice(1) : leg));
  });
  return path.map((n) => graph.lngLat[n] as Position);
}
