// The synthetic road network, drafted in metres: named arterials (主干道) crossing the whole
// district, a dense street grid in the city, and rural roads linking the village centres to each
// other and to the arterials. network.ts then nodes it into a connected, routable graph.
import type { Position } from 'geojson';
import type { RoadClass, RoadCollection } from '../../server/wire/jurisdiction.ts';
import { divisions, shortName } from './divisions.ts';
import { isUrbanTownship, type Hierarchy } from './hierarchy.ts';
import { ARTERIAL_NAMES, createStreetNamer } from './names.ts';
import { densify, distance, segmentDistance, type XY } from './planar.ts';
import { buildGraph, components, nodeRoads, type RoadGraph } from './network.ts';
import { toLngLat } from './projection.ts';
import { createRng } from './random.ts';
import { clipLine, createShapeIndex } from './shape-index.ts';
import { meander } from './sketch.ts';
import type { Water } from './water.ts';

export interface RoadDraft {
  name: string;
  class: RoadClass;
  line: XY[];
}

const EXTENT = 17_000; // arterials are drawn from edge to edge of this square, then clipped
// Positions (metres) of the arterials, in ARTERIAL_NAMES order; through-roads cross the whole
// district, the others end a little outside the city.
const NORTH_SOUTH_X = [-3400, -1100, 900, 2600, 4800];
const NORTH_SOUTH_THROUGH = [false, false, true, false, true];
const EAST_WEST_Y = [-5600, -3900, -1600, 600, 4500];
const EAST_WEST_THROUGH = [false, true, false, true, true];
const CITY = { x0: -6500, x1: 7500, y0: -9500, y1: 3500 };
const STREET_SPACING = 380;

export function draftRoads(seed: string, h: Hierarchy, water: Water): RoadDraft[] {
  const rng = createRng(seed, 'roads');
  const county = createShapeIndex(h.shapes.county);
  const urban = createShapeIndex(h.shapes.urban);
  const lakes = createShapeIndex(water.lakes);
  const dry = (p: XY): boolean => !lakes.contains(p) && lakes.borderDistance(p, 25) === Infinity;
  const keep = (p: XY): boolean => county.containsWithMargin(p, 3) && dry(p);
  const roads: RoadDraft[] = [];
  const add = (name: string, cls: RoadClass, line: XY[], test = keep): void => {
    for (const run of clipLine(densify(line, 50), test)) if (run.length >= 3) roads.push({ name, class: cls, line: run });
  };

  // Arterials: nearly straight through the city, wandering more out in the countryside. Each
  // tilts a little about its nominal position, which it keeps near the city centre.
  const arterialAmp = (from: XY, to: XY) => (t: number) => {
    const x = from[0] + (to[0] - from[0]) * t;
    const y = from[1] + (to[1] - from[1]) * t;
    const out = Math.hypot(Math.max(0, Math.abs(x - 500) - 5500), Math.max(0, y - 2000, -8000 - y));
    const s = Math.min(1, out / 2500);
    return 60 + 640 * s * s * (3 - 2 * s);
  };
  NORTH_SOUTH_X.forEach((x, i) => {
    const tilt = rng.range(-500, 500);
    const through = NORTH_SOUTH_THROUGH[i];
    const from: XY = [x + tilt, through ? EXTENT : CITY.y1 + rng.range(500, 2500)];
    const to: XY = [x - tilt, through ? -EXTENT : CITY.y0 - rng.range(500, 2500)];
    add(ARTERIAL_NAMES.northSouth[i] as string, 'arterial', meander(from, to, rng, arterialAmp(from, to), 3500, 100));
  });
  EAST_WEST_Y.forEach((y, i) => {
    const tilt = rng.range(-500, 500);
    const through = EAST_WEST_THROUGH[i];
    const from: XY = [through ? -EXTENT : CITY.x0 - rng.range(500, 2500), y + tilt];
    const to: XY = [through ? EXTENT : CITY.x1 + rng.range(500, 2500), y - tilt];
    add(ARTERIAL_NAMES.eastWest[i] as string, 'arterial', meander(from, to, rng, arterialAmp(from, to), 3500, 100));
  });
  const arterials = roads.slice();

  // City streets: a loose grid, broken into pieces so blocks vary; none duplicates an arterial.
  const nameStreet = createStreetNamer(rng, [...ARTERIAL_NAMES.northSouth, ...ARTERIAL_NAMES.eastWest]);
  const inCity = (p: XY): boolean => urban.containsWithMargin(p, 10) && keep(p);
  const streetLines = (positions: number[], taken: number[], along: (pos: number, s: number) => XY, from: number, to: number): void => {
    for (const pos of positions) {
      if (taken.some((t) => Math.abs(t - pos) < STREET_SPACING * 0.55)) continue;
      const name = nameStreet();
      let s = from;
      while (s < to) {
        const len = rng.range(500, 2200);
        const end = Math.min(to, s + len);
        if (rng.chance(0.82)) add(name, 'street', meander(along(pos, s), along(pos, end), rng, 20, 400, 50), inCity);
        s = end + (rng.chance(0.5) ? 0 : STREET_SPACING * rng.range(0.3, 1));
      }
    }
  };
  const grid = (lo: number, hi: number): number[] => {
    const out: number[] = [];
    for (let v = lo; v <= hi; v += STREET_SPACING * rng.range(0.8, 1.2)) out.push(v);
    return out;
  };
  streetLines(grid(CITY.x0, CITY.x1), NORTH_SOUTH_X, (x, s) => [x, s], CITY.y0, CITY.y1);
  streetLines(grid(CITY.y0, CITY.y1), EAST_WEST_Y, (y, s) => [s, y], CITY.x0, CITY.x1);

  // Rural roads: a spanning tree over the village centres plus some loops, and a link from each
  // village to the nearest arterial when that is its closest connection.
  const villages = divisions.townships.flatMap((t) => t.villages.map((v) => ({ ...v, urban: isUrbanTownship(t.name) })));
  const centres = villages.map((v, i) => ({ name: shortName(v.name), at: h.seeds.villageCentres[i] as XY, urban: v.urban }));
  const rural = centres.filter((c) => !c.urban);
  const edges = new Set<string>();
  const link = (a: number, b: number): void => {
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (edges.has(key)) return;
    edges.add(key);
    const [p, q] = [rural[a], rural[b]] as [(typeof rural)[number], (typeof rural)[number]];
    add(`${p.name}${q.name}线`, 'rural', meander(p.at, q.at, rng, distance(p.at, q.at) * 0.05, 900, 50));
  };
  spanningTree(rural.map((c) => c.at)).forEach(([a, b]) => link(a, b));
  rural.forEach((c, i) => {
    const near = rural.map((o, j) => ({ j, d: distance(c.at, o.at) })).filter((o) => o.j !== i).sort((x, y) => x.d - y.d);
    const second = near[1];
    if (second && second.d < 3500 && rng.chance(0.45)) link(i, second.j);
    const foot = nearestOn(c.at, arterials.map((r) => r.line));
    if (foot && distance(c.at, foot) < Math.min(3000, (near[0]?.d ?? Infinity) * 1.2)) {
      add(`${c.name}路`, 'rural', meander(c.at, foot, rng, distance(c.at, foot) * 0.04, 700, 50));
    }
  });
  return roads;
}

/**
 * The road features (ids road-0001…) and their graph: drafts noded, written to WGS-84, and
 * pruned to the one connected network (a street piece touching nothing is dropped).
 */
export function buildRoads(drafts: readonly RoadDraft[]): { roads: RoadCollection; graph: RoadGraph } {
  const features: RoadCollection['features'] = [];
  for (const d of nodeRoads(drafts)) {
    const coords: Position[] = [];
    for (const p of d.line.map(toLngLat)) {
      const last = coords[coords.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) coords.push(p);
    }
    if (coords.length >= 2) features.push({ type: 'Feature', properties: { id: '', name: d.name, class: d.class }, geometry: { type: 'LineString', coordinates: coords } });
  }
  const all: RoadCollection = { type: 'FeatureCollection', features };
  const fullGraph = buildGraph(all);
  const comp = components(fullGraph);
  const connected = new Set<number>();
  fullGraph.adj.forEach((edges, n) => comp[n] === 0 && edges.forEach((e) => connected.add(e.road)));
  const roads: RoadCollection = { type: 'FeatureCollection', features: features.filter((_, i) => connected.has(i)) };
  roads.features.forEach((f, i) => (f.properties.id = `road-${String(i + 1).padStart(4, '0')}`));
  return { roads, graph: buildGraph(roads) };
}

/** Kruskal's minimum spanning tree over points (complete graph; fine for ~60 village centres). */
function spanningTree(points: XY[]): [number, number][] {
  const pairs: [number, number, number][] = [];
  points.forEach((p, i) => points.forEach((q, j) => j > i && pairs.push([i, j, distance(p, q)])));
  pairs.sort((a, b) => a[2] - b[2]);
  const parent = points.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i] as number)));
  const tree: [number, number][] = [];
  for (const [a, b] of pairs) {
    if (root(a) === root(b)) continue;
    parent[root(a)] = root(b);
    tree.push([a, b]);
  }
  return tree;
}

/** The nearest point to p on any of the polylines. */
function nearestOn(p: XY, lines: XY[][]): XY | null {
  let best: XY | null = null;
  let bestD = Infinity;
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1] as XY;
      const b = line[i] as XY;
      const d = segmentDistance(p, a, b);
      if (d >= bestD) continue;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
      best = [a[0] + t * dx, a[1] + t * dy];
      bestD = d;
    }
  }
  return best;
}
