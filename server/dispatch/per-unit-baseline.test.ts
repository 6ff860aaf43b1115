// The benchmark's baseline must give the answers ours gives, or the ratio would be bought with wrong
// ones: on the hand-made town (one-way streets, the closed motorway, the island) and a synthetic grid.
import { describe, expect, it } from 'vitest';
import { UNIT_KINDS } from '../wire/index.ts';
import { at, P, TOWN, TOWN_SPEEDS } from './fixtures.ts';
import { createPerUnitBaseline } from './per-unit-baseline.ts';
import { buildRoadNetwork } from './road-network.ts';
import { routerOver } from './router.ts';
import { syntheticRoads } from './synthetic-roads.ts';
import { searchFromScene, targetNodes, travelTime } from './travel-times.ts';
import { loadUnitSpeeds } from './unit-speeds.ts';

function agree(router: ReturnType<typeof routerOver>, scenes: [number, number][], places: [number, number][]) {
  const baseline = createPerUnitBaseline(router);
  let compared = 0;
  for (const kind of UNIT_KINDS) {
    for (const [lng, lat] of scenes) {
      const scene = router.snap(kind, lng, lat)!;
      const snaps = places.map((p) => router.snap(kind, p[0], p[1]));
      const search = searchFromScene(router.network, router.profile(kind), scene, targetNodes(router.network, snaps));
      const theirs = baseline.times(kind, scene, snaps);
      snaps.forEach((s, i) => {
        const ours = travelTime(search, s!);
        const their = theirs[i]!;
        if (ours === 'unreachable' || their === 'unreachable') expect(their).toBe(ours);
        else {
          expect(their.seconds).toBeCloseTo(ours.seconds, 6);
          expect(their.metres).toBeCloseTo(ours.metres, 3);
        }
        compared++;
      });
    }
  }
  return compared;
}

describe('the per-unit ngraph.path baseline', () => {
  it('gives the town\'s times exactly as the one reversed search does', () => {
    const router = routerOver(buildRoadNetwork(TOWN), TOWN_SPEEDS);
    const places = [P.A, P.B, P.C, P.D, P.E, P.F, P.H, P.I, P.J, at(0, 300), at(400, 600), at(400, 900), at(-30, 250), at(150, 1010)];
    expect(agree(router, [P.D, P.F, at(400, 700), at(0, 200), P.K], places)).toBe(3 * 5 * places.length);
  });

  it('keeps both of two roads joining the same junctions (the faster one counts)', () => {
    const slow = { geometry: { coordinates: [P.A, at(200, -300), P.D] }, properties: { id: 'detour', class: 'street' } };
    const router = routerOver(buildRoadNetwork([...TOWN, slow]), TOWN_SPEEDS);
    expect(agree(router, [P.D, P.E], [P.A, P.C, at(0, 300)])).toBe(3 * 2 * 3);
  });

  it('agrees on a synthetic grid with one-way streets and gaps', () => {
    const router = routerOver(buildRoadNetwork(syntheticRoads({ n: 30, gapShare: 0.1 })), loadUnitSpeeds());
    const spot = (i: number) => [119.8 + ((i * 37) % 29) * 0.001, 32.35 + ((i * 53) % 29) * 0.0009] as [number, number];
    expect(agree(router, [spot(1), spot(2), spot(3)], Array.from({ length: 20 }, (_, i) => spot(i + 10)))).toBe(3 * 3 * 20);
  });
});
