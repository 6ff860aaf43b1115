// Travel times on the hand-made town (fixtures.ts) with answers worked out by hand: the river crossed
// only by the bridge (for walkers and e-bikes), a one-way street that vehicles detour around and
// walkers do not, a motorway closed to foot and e-bike, and an island → unreachable, not a crash.
import { describe, expect, it } from 'vitest';
import type { UnitKind } from '../wire/index.ts';
import { at, P, TOWN, TOWN_SPEEDS } from './fixtures.ts';
import { haversineM } from './geo.ts';
import { routerOver, type DispatchRouter } from './router.ts';
import { buildRoadNetwork } from './road-network.ts';
import { routeCoordinates, searchFromScene, targetNodes, travelTime, type TravelTime } from './travel-times.ts';

const router: DispatchRouter = routerOver(buildRoadNetwork(TOWN), TOWN_SPEEDS);

/** Seconds (or 'unreachable') for a unit of `kind` at `from` to reach `scene`. */
function seconds(kind: UnitKind, from: [number, number], scene: [number, number]): number | 'unreachable' {
  const s = router.snap(kind, scene[0], scene[1])!;
  const u = router.snap(kind, from[0], from[1])!;
  const t = travelTime(searchFromScene(router.network, router.profile(kind), s), u);
  return t === 'unreachable' ? t : t.seconds;
}

describe('travel times on the town', () => {
  // [kind, from, to, seconds]: worked out by hand from the lengths and the round speeds.
  it.each([
    // Across the river from C to F: cars take the motorway (400 m at 30 m/s) ...
    ['car', 'C', 'F', 400 / 30],
    // ... walkers and e-bikes may not, so they go round by the bridge: C→A 1000, A→D 400, D→E→F 1000.
    ['foot', 'C', 'F', 2400],
    ['ebike', 'C', 'F', 2400 / 5],
    // From F to D: E→F is one-way northward. Walkers go against it (1000 m); e-bikes detour round
    // the east loop (F→H→I→D, 1800 m); cars take the motorway and the bridge (400/30 + 1000/10 + 400/20).
    ['foot', 'F', 'D', 1000],
    ['ebike', 'F', 'D', 1800 / 5],
    ['car', 'F', 'D', 400 / 30 + 100 + 20],
    // Along the one-way the right way round: D→E→F.
    ['ebike', 'D', 'F', 1000 / 5],
    ['car', 'A', 'D', 400 / 20],
  ] as const)('%s from %s to %s: %d s', (kind, from, to, expected) => {
    expect(seconds(kind, P[from], P[to])).toBeCloseTo(expected, 0);
  });

  it('answers unreachable, not a crash, for a unit on the island and for a scene on it', () => {
    for (const kind of ['foot', 'ebike', 'car'] as const) {
      expect(seconds(kind, P.J, P.A)).toBe('unreachable');
      expect(seconds(kind, P.B, P.K)).toBe('unreachable');
    }
    // On the island itself the way is travelled directly: 300 m.
    expect(seconds('foot', P.J, P.K)).toBeCloseTo(300, 0);
  });

  it('travels along the scene\'s own way directly, in the direction one-way rules allow', () => {
    // On the west street, 200 m and 700 m north of A.
    expect(seconds('foot', at(0, 200), at(0, 700))).toBeCloseTo(500, 0);
    expect(seconds('car', at(0, 700), at(0, 200))).toBeCloseTo(50, 0);
    // On the one-way E→F: with it 300 m at 10 m/s; against it a car goes round by F, the motorway,
    // the west street, the bridge and D→E: 100 + 400 + 1000 + 400 + 500 + 100 m.
    expect(seconds('car', at(400, 600), at(400, 900))).toBeCloseTo(30, 0);
    expect(seconds('car', at(400, 900), at(400, 600))).toBeCloseTo(10 + 400 / 30 + 100 + 20 + 50 + 10, 0);
    expect(seconds('foot', at(400, 900), at(400, 600))).toBeCloseTo(300, 0);
  });

  it('adds the walked legs off the road, at the off-road speed', () => {
    // 30 m west of the west street and 40 m north of the bridge's middle: 30 + 40 s of walking.
    const onRoad = seconds('car', at(0, 250), at(200, 0)) as number;
    expect(seconds('car', at(-30, 250), at(200, 40))).toBeCloseTo(onRoad + 30 + 40, 0);
  });

  it('gives every unit\'s time from one search, the same as a search per unit', () => {
    const scene = router.snap('ebike', ...P.F)!;
    const places = [P.A, P.B, P.C, P.D, P.E, P.H, P.I, P.J, at(100, 0), at(400, 250)];
    const snaps = places.map((p) => router.snap('ebike', p[0], p[1])!);
    const once = searchFromScene(router.network, router.profile('ebike'), scene, targetNodes(router.network, snaps));
    for (const [i, s] of snaps.entries()) {
      const alone = searchFromScene(router.network, router.profile('ebike'), scene);
      expect(travelTime(once, s), `place ${i}`).toEqual(travelTime(alone, s));
    }
  });

  it('reconstructs the route: the car from F to D crosses by the motorway and the bridge', () => {
    const scene = router.snap('car', ...P.D)!;
    const unit = router.snap('car', ...P.F)!;
    const search = searchFromScene(router.network, router.profile('car'), scene);
    const route = routeCoordinates(search, unit, P.F, P.D)!;
    const near = (p: [number, number], q: [number, number]) => haversineM(p[0], p[1], q[0], q[1]) < 0.5;
    const visits = (['F', 'C', 'B', 'A', 'D'] as const).map((name) => route.findIndex((p) => near(p, P[name])));
    expect(visits.every((i) => i >= 0)).toBe(true);
    expect([...visits].sort((a, b) => a - b)).toEqual(visits);
    // Its length is the travelled distance.
    const length = route.slice(1).reduce((sum, p, i) => sum + haversineM(route[i]![0], route[i]![1], p[0], p[1]), 0);
    expect(length).toBeCloseTo((travelTime(search, unit) as TravelTime).metres, 0);
    expect(length).toBeCloseTo(400 + 1000 + 400, -1);
  });

  it('has no route for an unreachable unit', () => {
    const scene = router.snap('foot', ...P.A)!;
    const search = searchFromScene(router.network, router.profile('foot'), scene);
    expect(routeCoordinates(search, router.snap('foot', ...P.J)!, P.J, P.A)).toBeNull();
  });
});
