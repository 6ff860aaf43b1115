// The county's roads as a compact routing graph, built once at start from roads.geojson: a node
// wherever roads share a vertex (and at every line's ends), a way for each stretch of road between
// two nodes, and the incoming arcs of every node in CSR arrays (offsets + flat typed arrays), which
// is what the one reversed search from the scene walks. Vertices are matched after quantising to
// 1e-7° (≈ 1 cm), so roads that meet at the "same" point written with float noise still connect.
import { haversineM, isLngLat } from './geo.ts';

/** A road as roads.geojson has it (extra properties are ignored). */
export interface RoadLine {
  geometry: { coordinates: readonly (readonly number[])[] } | null;
  properties: { id?: unknown; name?: unknown; class?: unknown; oneway?: unknown } | null;
}

/** One-way rule of a way: 0 both ways, 1 only along its drawing direction, -1 only against it. */
export type Oneway = -1 | 0 | 1;

/** The routing graph. Ways are undirected stretches; arcs are their two directions. */
export interface RoadNetwork {
  nodeCount: number;
  wayCount: number;
  nodeLng: Float64Array;
  nodeLat: Float64Array;
  /** Node at the start and at the end of each way (its drawing direction). */
  wayFrom: Int32Array;
  wayTo: Int32Array;
  /** Length in metres (haversine, summed over the way's vertices). */
  wayLength: Float64Array;
  /** Index into `classes`. */
  wayClass: Uint16Array;
  wayOneway: Int8Array;
  /** Index into `roadIds` / `roadNames`: the road the way belongs to. */
  wayRoad: Int32Array;
  /** The way's vertices are coordinates wayCoordStart[w] … wayCoordStart[w + 1] − 1. */
  wayCoordStart: Int32Array;
  /** Vertices, [lng, lat] interleaved. */
  coords: Float64Array;
  /** Metres from its way's start at each vertex. */
  coordAlong: Float64Array;
  /** Incoming arcs of node v are inStart[v] … inStart[v + 1] − 1. */
  inStart: Int32Array;
  /** Where each arc starts and ends, its way, and whether it runs along the way's drawing direction. */
  arcTail: Int32Array;
  arcHead: Int32Array;
  arcWay: Int32Array;
  arcAlong: Uint8Array;
  classes: string[];
  roadIds: string[];
  roadNames: string[];
  /** Lines that could not be used (no geometry, fewer than two distinct valid vertices). */
  skipped: number;
}

const Q = 1e7;

/** The one-way rule a road's `oneway` property states (OSM conventions). */
export function onewayOf(value: unknown): Oneway {
  if (value === true || value === 1 || value === 'yes' || value === 'true' || value === '1') return 1;
  if (value === -1 || value === '-1' || value === 'reverse') return -1;
  return 0;
}

interface Line {
  xs: number[];
  ys: number[];
  keys: (number | string)[];
  road: number;
  cls: number;
  oneway: Oneway;
}

/** Builds the routing graph from road LineStrings. */
export function buildRoadNetwork(roads: Iterable<RoadLine>): RoadNetwork {
  const classes: string[] = [], classIndex = new Map<string, number>();
  const roadIds: string[] = [], roadNames: string[] = [];
  const lines: { qx: number[]; qy: number[]; road: number; cls: number; oneway: Oneway }[] = [];
  let skipped = 0, minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;

  for (const road of roads) {
    const coordinates = road?.geometry?.coordinates;
    const qx: number[] = [], qy: number[] = [];
    for (const p of Array.isArray(coordinates) ? coordinates : []) {
      if (!Array.isArray(p) || !isLngLat(p[0], p[1])) continue;
      const x = Math.round((p[0] as number) * Q), y = Math.round((p[1] as number) * Q);
      if (qx.length > 0 && qx[qx.length - 1] === x && qy[qy.length - 1] === y) continue;
      qx.push(x);
      qy.push(y);
    }
    if (qx.length < 2) {
      skipped++;
      continue;
    }
    for (let i = 0; i < qx.length; i++) {
      minX = Math.min(minX, qx[i]!); maxX = Math.max(maxX, qx[i]!);
      minY = Math.min(minY, qy[i]!); maxY = Math.max(maxY, qy[i]!);
    }
    const props = road.properties ?? {};
    const cls = typeof props.class === 'string' ? props.class : 'unclassified';
    let c = classIndex.get(cls);
    if (c === undefined) classIndex.set(cls, (c = classes.push(cls) - 1));
    roadIds.push(typeof props.id === 'string' ? props.id : `road-${roadIds.length}`);
    roadNames.push(typeof props.name === 'string' ? props.name : '');
    lines.push({ qx, qy, road: roadIds.length - 1, cls: c, oneway: onewayOf(props.oneway) });
  }

  // A number key per vertex when the county's extent allows it (always, short of a continent).
  const spanY = maxY - minY + 1;
  const numeric = (maxX - minX + 1) * spanY < Number.MAX_SAFE_INTEGER;
  const keyOf = numeric ? (x: number, y: number) => (x - minX) * spanY + (y - minY) : (x: number, y: number) => `${x},${y}`;
  const keyed: Line[] = lines.map((l) => ({ xs: l.qx, ys: l.qy, keys: l.qx.map((x, i) => keyOf(x, l.qy[i]!)), road: l.road, cls: l.cls, oneway: l.oneway }));

  // A vertex used twice (by two roads, or twice by one) or ending a line is a node.
  const uses = new Map<number | string, number>();
  for (const l of keyed) {
    const last = l.keys.length - 1;
    l.keys.forEach((k, i) => uses.set(k, (uses.get(k) ?? 0) + (i === 0 || i === last ? 2 : 1)));
  }

  const nodeIds = new Map<number | string, number>();
  const nodeLng: number[] = [], nodeLat: number[] = [];
  const nodeAt = (l: Line, i: number) => {
    const k = l.keys[i]!;
    let id = nodeIds.get(k);
    if (id === undefined) {
      nodeIds.set(k, (id = nodeLng.length));
      nodeLng.push(l.xs[i]! / Q);
      nodeLat.push(l.ys[i]! / Q);
    }
    return id;
  };

  const wayFrom: number[] = [], wayTo: number[] = [], wayLength: number[] = [], wayClass: number[] = [], wayOneway: number[] = [], wayRoad: number[] = [];
  const wayCoordStart: number[] = [0], coords: number[] = [], coordAlong: number[] = [];
  for (const l of keyed) {
    let from = nodeAt(l, 0), along = 0;
    coords.push(l.xs[0]! / Q, l.ys[0]! / Q);
    coordAlong.push(0);
    for (let i = 1; i < l.keys.length; i++) {
      const lng = l.xs[i]! / Q, lat = l.ys[i]! / Q;
      along += haversineM(l.xs[i - 1]! / Q, l.ys[i - 1]! / Q, lng, lat);
      coords.push(lng, lat);
      coordAlong.push(along);
      if (uses.get(l.keys[i]!)! < 2) continue;
      const to = nodeAt(l, i);
      wayFrom.push(from); wayTo.push(to); wayLength.push(along);
      wayClass.push(l.cls); wayOneway.push(l.oneway); wayRoad.push(l.road);
      wayCoordStart.push(coordAlong.length);
      if (i < l.keys.length - 1) {
        // The node's vertex also starts the next way.
        coords.push(lng, lat);
        coordAlong.push(0);
      }
      from = to;
      along = 0;
    }
  }

  const nodeCount = nodeLng.length, wayCount = wayFrom.length;
  const inStart = new Int32Array(nodeCount + 1);
  for (let w = 0; w < wayCount; w++) {
    inStart[wayTo[w]! + 1]!++;
    inStart[wayFrom[w]! + 1]!++;
  }
  for (let v = 0; v < nodeCount; v++) inStart[v + 1]! += inStart[v]!;
  const fill = inStart.slice(0, nodeCount);
  const arcTail = new Int32Array(2 * wayCount), arcHead = new Int32Array(2 * wayCount), arcWay = new Int32Array(2 * wayCount), arcAlong = new Uint8Array(2 * wayCount);
  const addArc = (tail: number, head: number, way: number, isAlong: number) => {
    const a = fill[head]!++;
    arcTail[a] = tail; arcHead[a] = head; arcWay[a] = way; arcAlong[a] = isAlong;
  };
  for (let w = 0; w < wayCount; w++) {
    addArc(wayFrom[w]!, wayTo[w]!, w, 1);
    addArc(wayTo[w]!, wayFrom[w]!, w, 0);
  }

  return {
    nodeCount, wayCount,
    nodeLng: Float64Array.from(nodeLng), nodeLat: Float64Array.from(nodeLat),
    wayFrom: Int32Array.from(wayFrom), wayTo: Int32Array.from(wayTo), wayLength: Float64Array.from(wayLength),
    wayClass: Uint16Array.from(wayClass), wayOneway: Int8Array.from(wayOneway), wayRoad: Int32Array.from(wayRoad),
    wayCoordStart: Int32Array.from(wayCoordStart), coords: Float64Array.from(coords), coordAlong: Float64Array.from(coordAlong),
    inStart, arcTail, arcHead, arcWay, arcAlong,
    classes, roadIds, roadNames, skipped,
  };
}

/** True when a way may be travelled along (forward) or against (backward) its drawing direction. */
export function mayTravel(network: RoadNetwork, way: number, forward: boolean, obeysOneway: boolean): boolean {
  if (!obeysOneway) return true;
  const rule = network.wayOneway[way]!;
  return rule === 0 || (rule === 1) === forward;
}

/** The way's vertices between two distances from its start (either order), ends interpolated: [lng, lat][]. */
export function wayPart(network: RoadNetwork, way: number, fromM: number, toM: number): [number, number][] {
  const start = network.wayCoordStart[way]!, end = network.wayCoordStart[way + 1]! - 1;
  const lo = Math.min(fromM, toM), hi = Math.max(fromM, toM);
  const out: [number, number][] = [pointAt(network, start, end, lo)];
  for (let c = start; c <= end; c++) {
    const a = network.coordAlong[c]!;
    if (a > lo && a < hi) out.push([network.coords[2 * c]!, network.coords[2 * c + 1]!]);
  }
  out.push(pointAt(network, start, end, hi));
  return fromM <= toM ? out : out.reverse();
}

function pointAt(network: RoadNetwork, start: number, end: number, m: number): [number, number] {
  const { coords, coordAlong } = network;
  let c = start;
  while (c < end - 1 && coordAlong[c + 1]! < m) c++;
  const a0 = coordAlong[c]!, a1 = coordAlong[c + 1]!;
  const t = a1 > a0 ? Math.min(1, Math.max(0, (m - a0) / (a1 - a0))) : 0;
  return [coords[2 * c]! + t * (coords[2 * c + 2]! - coords[2 * c]!), coords[2 * c + 1]! + t * (coords[2 * c + 3]! - coords[2 * c + 1]!)];
}
