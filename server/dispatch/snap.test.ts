// Snapping: the nearest point on the nearest road of a kind, the distance along its way, and the
// walked leg off the road; motorways are not where a foot patrol stands.
import { describe, expect, it } from 'vitest';
import { at, P, TOWN, TOWN_SPEEDS } from './fixtures.ts';
import { haversineM } from './geo.ts';
import { buildRoadNetwork, type RoadLine } from './road-network.ts';
import { routerOver } from './router.ts';
import { createSnapper } from './snap.ts';

const router = routerOver(buildRoadNetwork(TOWN), TOWN_SPEEDS);
const roadOf = (way: number) => router.network.roadIds[router.network.wayRoad[way]!];

describe('snapping to the nearest road', () => {
  it('finds the foot point, its distance along the way and the leg off the road', () => {
    const s = router.snapper.snap(...at(-30, 250))!;
    expect(roadOf(s.way)).toBe('west-street');
    expect(s.alongM).toBeCloseTo(250, 0);
    expect(s.offRoadM).toBeCloseTo(30, 0);
    expect(haversineM(s.lng, s.lat, ...at(0, 250))).toBeLessThan(0.5);
  });

  it('snaps a point on a road onto it', () => {
    const s = router.snapper.snap(...at(400, 700))!;
    expect(roadOf(s.way)).toBe('east-street-north');
    expect(s.offRoadM).toBeLessThan(0.01);
    expect(s.alongM).toBeCloseTo(200, 0);
  });

  it('snaps by kind: a car to the motorway 10 m away, a walker to the street 150 m away', () => {
    const p = at(150, 1010);
    expect(roadOf(router.snap('car', ...p)!.way)).toBe('motorway');
    const foot = router.snap('foot', ...p)!;
    expect(roadOf(foot.way)).toBe('west-street');
    expect(foot.offRoadM).toBeCloseTo(Math.hypot(150, 10), 0);
  });

  it('finds the nearest piece even when many boxes are nearer than it (long diagonal roads)', () => {
    // Twenty diagonals y = x + c, 70–205 m away, each with a box around the point; the street 10 m
    // away has a box 10 m off, so it comes after all of them by box distance.
    const roads: RoadLine[] = [{ geometry: { coordinates: [at(10, -5), at(10, 5)] }, properties: { id: 'street' } }];
    for (let c = 100; c < 300; c += 10) roads.push({ geometry: { coordinates: [at(-1000, -1000 + c), at(1000, 1000 + c)] }, properties: { id: `diagonal-${c}` } });
    const net = buildRoadNetwork(roads);
    const s = createSnapper(net).snap(...at(0, 0))!;
    expect(net.roadIds[net.wayRoad[s.way]!]).toBe('street');
    expect(s.offRoadM).toBeCloseTo(10, 0);
  });

  it('answers null for a point that is not a place, or a network with no road', () => {
    expect(router.snapper.snap(NaN, 32)).toBeNull();
    expect(router.snapper.snap(200, 32)).toBeNull();
    expect(createSnapper(buildRoadNetwork([])).snap(...P.A)).toBeNull();
  });
});
