// Dispatch recommendation: every unit of the county ranked by road travel time for one case (a
// county-level case, so every unit is in scope), p50 / p99 over many cases, against the peer way
// measured in the same run: one ngraph.path A* search per unit (server/dispatch/per-unit-baseline.ts:
// same snapping, speeds and one-way rules — only the search differs). On the demo county's roads
// with its 42 units placed along their patrol routes, and on a synthetic grid of ≥ 100,000 road
// segments with one-way streets. Run alone with `npm run bench -- dispatch`.
import { readFileSync } from 'node:fs';
import seedrandom from 'seedrandom';
import { createPerUnitBaseline, type PerUnitBaseline } from '../server/dispatch/per-unit-baseline.ts';
import { recommendUnits, type CandidateUnit, type DispatchScene } from '../server/dispatch/recommend.ts';
import { buildRoadNetwork, type RoadLine } from '../server/dispatch/road-network.ts';
import { routerOver, type DispatchRouter } from '../server/dispatch/router.ts';
import { syntheticRoads } from '../server/dispatch/synthetic-roads.ts';
import { loadUnitSpeeds, type UnitSpeeds } from '../server/dispatch/unit-speeds.ts';
import { unitIn } from '../server/units/status-fixtures.ts';
import type { RouteCollection, UnitInfo, UnitKind } from '../server/wire/index.ts';
import type { UnitStatus } from '../server/wire/unit-status.ts';
import { consume, fmt, progress, timeOnCore, type BenchResult } from './harness.ts';

const NOW = Date.UTC(2026, 0, 5, 10, 0, 0);
const readJson = <T>(file: string): T => JSON.parse(readFileSync(new URL(`../data/demo/${file}`, import.meta.url), 'utf8')) as T;

interface Scenario {
  name: string;
  router: DispatchRouter;
  units: CandidateUnit[];
  scenes: DispatchScene[];
  buildMs: number;
  segments: number;
}

/** A status for most units available, some busy, a few off duty (so the ranking has all its lists). */
function statusFor(random: () => number): UnitStatus {
  const r = random();
  return r < 0.7 ? 'available' : r < 0.8 ? 'returning' : r < 0.9 ? 'en-route' : r < 0.95 ? 'on-scene' : 'off-duty';
}

function candidates(units: UnitInfo[], place: (u: UnitInfo, random: () => number) => [number, number], seed: string): CandidateUnit[] {
  const random = seedrandom(seed);
  return units.map((info) => {
    const [lng, lat] = place(info, random);
    return { info, position: { lng, lat, at: new Date(NOW - 10_000).toISOString() }, duty: unitIn(statusFor(random), info, NOW - 900_000).state };
  });
}

/** Scenes near random road vertices (up to ~100 m off), as county-level cases. */
function scenes(roads: RoadLine[], townships: string[], count: number, seed: string): DispatchScene[] {
  const random = seedrandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const road = roads[Math.floor(random() * roads.length)]!;
    const coords = road.geometry!.coordinates;
    const p = coords[Math.floor(random() * coords.length)]!;
    return {
      caseId: `case-${i}`, lng: p[0]! + (random() - 0.5) * 0.002, lat: p[1]! + (random() - 0.5) * 0.0017,
      townshipCode: townships[Math.floor(random() * townships.length)]!, level: 'county',
    };
  });
}

function scenario(name: string, roads: RoadLine[], speeds: UnitSpeeds, units: (router: DispatchRouter) => CandidateUnit[], sceneCount: number): Scenario {
  let router: DispatchRouter | undefined;
  const buildMs = timeOnCore(() => { router = routerOver(buildRoadNetwork(roads), speeds); });
  const list = units(router!);
  const townships = [...new Set(list.map((u) => u.info.townshipCode))];
  return { name, router: router!, units: list, scenes: scenes(roads, townships, sceneCount, `${name}-scenes`), buildMs, segments: router!.network.wayCount };
}

/** The baseline's recommendation: snap as ours does, one A* per unit, sorted by ETA. */
function baselineRecommend(router: DispatchRouter, baseline: PerUnitBaseline, scene: DispatchScene, units: CandidateUnit[]): Map<string, number | null> {
  const byKind = new Map<UnitKind, CandidateUnit[]>();
  for (const u of units) {
    if (u.duty.status === 'off-duty' || u.duty.status === 'out-of-service' || !u.position) continue;
    const list = byKind.get(u.info.kind) ?? [];
    byKind.set(u.info.kind, list);
    list.push(u);
  }
  const eta = new Map<string, number | null>();
  for (const [kind, list] of byKind) {
    const s = router.snap(kind, scene.lng, scene.lat);
    const snaps = list.map((u) => router.snap(kind, u.position!.lng, u.position!.lat));
    const times = s ? baseline.times(kind, s, snaps) : snaps.map(() => 'unreachable' as const);
    list.forEach((u, i) => { const t = times[i]!; eta.set(u.info.id, t === 'unreachable' ? null : t.seconds); });
  }
  return new Map([...eta].sort((a, b) => (a[1] ?? Infinity) - (b[1] ?? Infinity)));
}

const min = (a: number, b: number) => Math.min(a, b), max = (a: number, b: number) => Math.max(a, b);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function run(s: Scenario, baselineCases: number, goalMs: number): BenchResult {
  const { router, units } = s;
  progress(`${s.name}: ${s.segments.toLocaleString('en')} road segments, ${router.network.nodeCount.toLocaleString('en')} junctions, ${units.length} units; ours over ${s.scenes.length} cases`);
  for (const scene of s.scenes.slice(0, 20)) consume(recommendUnits(router, scene, units, { now: NOW }).available.length);
  const oursMs: number[] = [];
  const ours = new Map<string, Map<string, number | null>>();
  for (const scene of s.scenes) {
    let r: ReturnType<typeof recommendUnits> | undefined;
    oursMs.push(timeOnCore(() => { r = recommendUnits(router, scene, units, { now: NOW }); }));
    ours.set(scene.caseId, new Map([...r!.available, ...r!.busy].map((u) => [u.unitId, u.etaS])));
  }

  progress(`${s.name}: baseline, one ngraph.path A* per unit, over ${baselineCases} cases`);
  const baseline = createPerUnitBaseline(router);
  consume(baselineRecommend(router, baseline, s.scenes[0]!, units).size);
  const baselineMs: number[] = [];
  let compared = 0, mismatches = 0, unreachable = 0;
  for (const scene of s.scenes.slice(0, baselineCases)) {
    let theirs = new Map<string, number | null>();
    baselineMs.push(timeOnCore(() => { theirs = baselineRecommend(router, baseline, scene, units); }));
    const mine = ours.get(scene.caseId)!;
    for (const [id, t] of theirs) {
      const o = mine.get(id);
      compared++;
      if (t === null) unreachable++;
      if (o === undefined || (o === null) !== (t === null) || (o !== null && t !== null && Math.abs(o - t) > 1e-6 * Math.max(1, t))) mismatches++;
    }
  }

  oursMs.sort((a, b) => a - b);
  baselineMs.sort((a, b) => a - b);
  const [p50, p99] = [percentile(oursMs, 50), percentile(oursMs, 99)];
  const [b50, b99] = [percentile(baselineMs, 50), percentile(baselineMs, 99)];
  const ratio = b50 / p50;
  const ranked = units.filter((u) => u.duty.status !== 'off-duty').length;
  return {
    name: `Dispatch recommendation — ${s.name}: ${ranked} units ranked by road travel time over ${s.segments.toLocaleString('en')} road segments`,
    baselineLabel: 'one ngraph.path A* search per unit (ngraph.graph, straight-line heuristic at the kind\'s top speed), same snapping, speeds and one-way rules',
    oursLabel: 'server/dispatch recommendUnits: one reversed Dijkstra per unit kind from the scene over CSR arrays with a flatqueue heap, stopping once every unit\'s way is settled; snapping, ranking and 3 routes included',
    baselineRate: 1000 / b50,
    oursRate: 1000 / p50,
    unit: 'cases/s',
    ratio,
    goal: `p99 ≤ ${goalMs} ms and faster than the baseline`,
    met: p99 <= goalMs && ratio > 1 && mismatches === 0,
    bound: 'The one search per kind settles most of the network when the units are spread over the county (it stops at the farthest unit), so its time grows with the network, not with the units.',
    figures: {
      'ours p50 / p99 per case': `${fmt.ms(p50)} / ${fmt.ms(p99)} (${oursMs.length} cases)`,
      'baseline p50 / p99 per case': `${fmt.ms(b50)} / ${fmt.ms(b99)} (${baselineMs.length} cases)`,
      'same ETAs as the baseline': mismatches === 0 ? `yes (${compared.toLocaleString('en')} unit ETAs compared, ${unreachable} unreachable)` : `NO: ${mismatches} of ${compared} differ`,
      'network build (graph + snapping index + profiles)': fmt.ms(s.buildMs),
    },
  };
}

export function benchDispatch(): BenchResult[] {
  const speeds = loadUnitSpeeds();
  const demoRoads = readJson<{ features: RoadLine[] }>('roads.geojson').features;
  const routes = new Map(readJson<RouteCollection>('routes.geojson').features.map((f) => [f.properties.id, f.geometry.coordinates]));
  const demoUnits = readJson<UnitInfo[]>('units.json');
  progress(`demo county: building the network from ${demoRoads.length} roads`);
  const demo = scenario('demo county', demoRoads, speeds, () => candidates(demoUnits, (u, random) => {
    const line = routes.get(u.routeId)!;
    const p = line[Math.floor(random() * line.length)]!;
    return [p[0]!, p[1]!];
  }, 'demo-units'), 400);
  const results = [run(demo, 100, 20)];

  progress('synthetic county: generating a 230 × 230 grid of roads (≥ 100,000 segments)');
  const roads = syntheticRoads({ n: 230 });
  const big = scenario('synthetic county', roads, speeds, (router) => {
    const { nodeLng, nodeLat } = router.network;
    const [minLng, maxLng, minLat, maxLat] = [nodeLng.reduce(min), nodeLng.reduce(max), nodeLat.reduce(min), nodeLat.reduce(max)];
    return candidates(demoUnits, (_u, random) => [minLng + random() * (maxLng - minLng), minLat + random() * (maxLat - minLat)], 'synthetic-units');
  }, 150);
  results.push(run(big, 15, 100));

  // The search is per kind, not per unit: ten times the units costs little more.
  const many = Array.from({ length: 10 }, (_, k) => demoUnits.map((u) => ({ ...u, id: `${u.id}-${k}` }))).flat();
  const random = seedrandom('many');
  const { nodeLng, nodeLat } = big.router.network;
  const manyUnits = candidates(many, () => {
    const v = Math.floor(random() * nodeLng.length);
    return [nodeLng[v]!, nodeLat[v]!];
  }, 'many-units');
  progress(`synthetic county: ours with ${manyUnits.length} units`);
  const manyMs = big.scenes.slice(0, 60).map((scene) => timeOnCore(() => consume(recommendUnits(big.router, scene, manyUnits, { now: NOW }).available.length))).sort((a, b) => a - b);
  results[1]!.figures[`ours p50 / p99 with ${manyUnits.length} units`] = `${fmt.ms(percentile(manyMs, 50))} / ${fmt.ms(percentile(manyMs, 99))} (60 cases)`;
  return results;
}
