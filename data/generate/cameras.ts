// About 600 surveillance cameras (天网/雪亮工程): at junctions (most at arterial crossings), along
// arterials and city streets, and at the entrance of every rural village. Candidates are ranked and
// the best 600 kept, so the city ends up far denser than the countryside, as in reality.
import type { Position } from 'geojson';
import type { CameraCollection, CameraProps, CameraState, GridCollection, RoadClass, RoadCollection } from '../../server/wire/jurisdiction.ts';
import { divisions, shortName } from './divisions.ts';
import { isUrbanTownship, type Hierarchy } from './hierarchy.ts';
import type { GridLocator } from './locate.ts';
import type { RoadGraph } from './network.ts';
import { bearing, distance, type XY } from './planar.ts';
import { fromLngLat, toLngLat } from './projection.ts';
import { createRng, type Rng } from './random.ts';

export const CAMERA_COUNT = 600;

interface Candidate {
  at: XY;
  bearing: number;
  /** Name without the running number, e.g. 海陵路与凤凰路路口. */
  base: string;
  priority: number;
  junction: boolean;
}

const RANK: Record<RoadClass, number> = { arterial: 0, street: 1, rural: 2 };

/** A point `along` metres from `from` towards `to`, then `side` metres to the right. */
function offset(from: XY, to: XY, along: number, side: number): XY {
  const len = distance(from, to) || 1;
  const ux = (to[0] - from[0]) / len;
  const uy = (to[1] - from[1]) / len;
  return [from[0] + ux * along + uy * side, from[1] + uy * along - ux * side];
}

function junctionCandidates(graph: RoadGraph, roads: RoadCollection, rng: Rng, out: Candidate[]): void {
  graph.adj.forEach((edges, n) => {
    if (edges.length < 3) return;
    const props = [...new Set(edges.map((e) => e.road))].map((r) => (roads.features[r] as RoadCollection['features'][number]).properties);
    const names = [...new Map(props.map((p) => [p.name, p])).values()].sort((a, b) => RANK[a.class] - RANK[b.class] || a.name.localeCompare(b.name));
    if (names.length < 2) return;
    const [a, b] = names as [(typeof names)[number], (typeof names)[number]];
    const arterials = names.filter((p) => p.class === 'arterial').length;
    const rural = names.some((p) => p.class === 'rural');
    const [count, priority] = arterials >= 2 ? [4, 100] : arterials === 1 && !rural ? [2, 70] : rural ? [1, 30] : [1, 40];
    const here = graph.xy[n] as XY;
    rng.shuffled(edges).slice(0, count).forEach((e, k) => {
      const at = offset(here, graph.xy[e.to] as XY, 14, 8);
      out.push({ at, bearing: bearing(at, here) + rng.range(-8, 8), base: `${a.name}与${b.name}路口`, priority: priority - 5 * k + rng.range(0, 10), junction: true });
    });
  });
}

function roadCandidates(roads: RoadCollection, urbanAt: (p: XY) => boolean, villageAt: (p: XY) => string | null, rng: Rng, out: Candidate[]): void {
  for (const f of roads.features) {
    if (f.properties.class === 'rural') continue;
    const line = f.geometry.coordinates.map(fromLngLat);
    let next = rng.range(100, 300);
    let walked = 0;
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1] as XY;
      const b = line[i] as XY;
      walked += distance(a, b);
      if (walked < next) continue;
      const urban = urbanAt(b);
      const street = f.properties.class === 'street';
      next = walked + (street ? 650 : urban ? 450 : 1500) * rng.range(0.8, 1.2);
      const at = offset(a, b, 0, rng.chance(0.5) ? 7 : -7);
      const across = rng.chance(0.3);
      const heading = bearing(a, b) + (rng.chance(0.5) ? 180 : 0) + (across ? 90 : 0) + rng.range(-10, 10);
      const village = villageAt(at);
      if (!village) continue;
      out.push({ at, bearing: heading, base: `${f.properties.name}${village}段`, priority: (street ? 35 : urban ? 50 : 30) + rng.range(0, 10), junction: false });
    }
  }
}

export function buildCameras(seed: string, h: Hierarchy, roads: RoadCollection, graph: RoadGraph, locate: GridLocator): CameraCollection {
  const rng = createRng(seed, 'cameras');
  const grids: GridCollection = h.grids;
  const villageName = new Map(h.villages.features.map((f) => [f.properties.code, shortName(f.properties.name)]));
  const gridAt = (p: XY): GridCollection['features'][number] | null => {
    const hit = locate(toLngLat(p));
    return hit ? (grids.features[hit.grid] ?? null) : null;
  };
  const urbanTownships = new Set(divisions.townships.filter((t) => isUrbanTownship(t.name)).map((t) => t.code));
  const candidates: Candidate[] = [];
  junctionCandidates(graph, roads, rng, candidates);
  roadCandidates(
    roads,
    (p) => urbanTownships.has(gridAt(p)?.properties.townshipCode ?? ''),
    (p) => villageName.get(gridAt(p)?.properties.villageCode ?? '') ?? null,
    rng,
    candidates,
  );
  // Village entrances: the road vertex nearest each rural village centre.
  let v = 0;
  for (const t of divisions.townships) {
    for (const village of t.villages) {
      const centre = h.seeds.villageCentres[v++] as XY;
      if (isUrbanTownship(t.name)) continue;
      let best = -1;
      graph.xy.forEach((p, n) => (best < 0 || distance(p, centre) < distance(graph.xy[best] as XY, centre)) && (best = n));
      const node = graph.xy[best] as XY;
      const next = graph.xy[graph.adj[best]?.[0]?.to ?? best] as XY;
      if (distance(node, centre) > 600) continue;
      const at = offset(node, next, 5, 7);
      const label = village.name.includes('村') ? '村口' : '社区';
      candidates.push({ at, bearing: bearing(at, next) + 90 + rng.range(-15, 15), base: `${shortName(village.name)}${label}`, priority: 80 + rng.range(0, 10), junction: false });
    }
  }

  candidates.sort((a, b) => b.priority - a.priority);
  const chosen: { c: Candidate; p: Position; grid: GridCollection['features'][number] }[] = [];
  for (const c of candidates) {
    if (chosen.length === CAMERA_COUNT) break;
    if (chosen.some((o) => distance(fromLngLat(o.p), c.at) < 20)) continue;
    const p = toLngLat(c.at);
    const hit = locate(p);
    // Keep clear of grid borders, so every consumer assigns the camera to the same grid.
    if (!hit || hit.borderDistance < 1) continue;
    chosen.push({ c, p, grid: grids.features[hit.grid] as GridCollection['features'][number] });
  }
  chosen.sort((a, b) => a.grid.properties.code.localeCompare(b.grid.properties.code) || a.c.base.localeCompare(b.c.base) || a.p[0]! - b.p[0]!);

  const counters = new Map<string, number>();
  const states = createRng(seed, 'camera-state');
  const features: CameraCollection['features'] = chosen.map(({ c, p, grid }, i) => {
    const n = (counters.get(c.base) ?? 0) + 1;
    counters.set(c.base, n);
    const r = states.next();
    const state: CameraState = r < 0.88 ? 'online' : r < 0.96 ? 'offline' : 'fault';
    const properties: CameraProps = {
      id: `cam-${String(i + 1).padStart(4, '0')}`,
      name: `${c.base} ${String(n).padStart(2, '0')}`,
      state,
      bearing: Math.round((((c.bearing % 360) + 360) % 360)) % 360,
      fov: c.junction ? 5 * states.int(12, 18) : 5 * states.int(8, 14),
      range: c.junction ? 5 * states.int(10, 20) : 5 * states.int(16, 30),
      townshipCode: grid.properties.townshipCode,
      gridCode: grid.properties.code,
    };
    return { type: 'Feature', properties, geometry: { type: 'Point', coordinates: p } };
  });
  return { type: 'FeatureCollection', features };
}
