// The ranking for a case on the hand-made town: free units by ETA, busy ones apart (override needed),
// off-duty and unplaced ones left out with the reason, the township's units before the county's and
// the county's only on escalation, unreachable last, and the routes of the first few drawn.
import { describe, expect, it } from 'vitest';
import type { UnitStatus } from '../wire/unit-status.ts';
import { unitIn } from '../units/status-fixtures.ts';
import { at, OTHER_TOWNSHIP, P, TOWN, TOWN_SPEEDS, TOWNSHIP, unit } from './fixtures.ts';
import { recommendUnits, type CandidateUnit, type DispatchScene } from './recommend.ts';
import { createDispatchRouter } from './router.ts';

const router = createDispatchRouter(TOWN, TOWN_SPEEDS);
const NOW = Date.UTC(2026, 10, 22, 3, 0, 0);
const FIX_AT = new Date(NOW - 5000).toISOString();

function candidate(id: string, kind: 'foot' | 'ebike' | 'car', where: [number, number] | null, status: UnitStatus = 'available', townshipCode = TOWNSHIP): CandidateUnit {
  const info = unit(id, kind, townshipCode);
  return { info, position: where && { lng: where[0], lat: where[1], at: FIX_AT }, duty: unitIn(status, info, NOW - 600_000).state };
}

const UNITS: CandidateUnit[] = [
  candidate('foot-at-A', 'foot', P.A),
  candidate('ebike-at-F', 'ebike', P.F, 'returning'),
  candidate('car-at-C', 'car', P.C),
  candidate('car-busy-at-A', 'car', P.A, 'en-route'),
  candidate('foot-on-island', 'foot', P.J),
  candidate('car-off-duty', 'car', P.D, 'off-duty'),
  candidate('ebike-broken', 'ebike', P.D, 'out-of-service'),
  candidate('foot-no-fix', 'foot', null),
  candidate('car-next-township', 'car', at(400, 10), 'available', OTHER_TOWNSHIP),
  candidate('car-next-county', 'car', at(400, 10), 'available', '321203001'),
];
const SCENE: DispatchScene = { caseId: 'case-9', lng: P.D[0], lat: P.D[1], townshipCode: TOWNSHIP, level: 'township' };

describe('recommendUnits', () => {
  const r = recommendUnits(router, SCENE, UNITS, { now: NOW });

  it('ranks the township\'s free units by road travel time, unreachable last', () => {
    // car C→A→D: 100 + 20 s; e-bike round the east loop (E→F is one-way): 1800 m / 5; walk A→D 400 m.
    expect(r.available.map((u) => [u.unitId, u.etaS === null ? null : Math.round(u.etaS)])).toEqual([
      ['car-at-C', 120], ['ebike-at-F', 360], ['foot-at-A', 400], ['foot-on-island', null],
    ]);
    expect(r.available.every((u) => !u.requiresOverride && u.tier === 'township')).toBe(true);
    expect(r.includesCounty).toBe(false);
  });

  it('gives each its road distance, straight-line distance, status and time in status', () => {
    const car = r.available[0]!;
    expect(car.distanceM).toBeCloseTo(1400, -1);
    expect(car.straightLineM).toBeCloseTo(Math.hypot(400, 1000), -1);
    expect(car).toMatchObject({ status: 'available', statusSince: null, timeInStatusS: null, caseId: null, fixAt: FIX_AT, kind: 'car' });
    const ebike = r.available[1]!;
    expect(ebike.status).toBe('returning');
    // Walked to returning 4 steps of 30 s after NOW − 10 min: in the status for 10 min − 2.5 min.
    expect(ebike.timeInStatusS).toBe(600 - 150);
    expect(r.available[3]).toMatchObject({ etaS: null, distanceM: null });
  });

  it('lists busy units apart, with their ETA and case, dispatchable only with an override', () => {
    expect(r.busy).toHaveLength(1);
    expect(r.busy[0]).toMatchObject({ unitId: 'car-busy-at-A', status: 'en-route', caseId: 'case-1', requiresOverride: true });
    expect(r.busy[0]!.etaS).toBeCloseTo(20, 0);
  });

  it('leaves out off-duty, out-of-service and unplaced units with the reason, and other townships\' units altogether', () => {
    expect(r.excluded).toEqual([
      { unitId: 'car-off-duty', callsign: 'car-off-duty', reason: 'off-duty' },
      { unitId: 'ebike-broken', callsign: 'ebike-broken', reason: 'out-of-service' },
      { unitId: 'foot-no-fix', callsign: 'foot-no-fix', reason: 'no-position' },
    ]);
    const listed = [...r.available, ...r.busy].map((u) => u.unitId);
    expect(listed).not.toContain('car-next-township');
    expect(listed).not.toContain('car-next-county');
  });

  it('on escalation ranks the county\'s other units after the township\'s, however near', () => {
    for (const widened of [recommendUnits(router, { ...SCENE, level: 'county' }, UNITS, { now: NOW }), recommendUnits(router, SCENE, UNITS, { now: NOW, includeCounty: true })]) {
      expect(widened.includesCounty).toBe(true);
      expect(widened.available.map((u) => u.unitId)).toEqual(['car-at-C', 'ebike-at-F', 'foot-at-A', 'foot-on-island', 'car-next-township']);
      expect(widened.available.at(-1)).toMatchObject({ tier: 'county' });
      expect(widened.available.at(-1)!.etaS!).toBeLessThan(20);
    }
  });

  it('draws the route of the first three free units and of any asked for', () => {
    expect(r.available.map((u) => u.route !== undefined)).toEqual([true, true, true, false]);
    const car = r.available[0]!.route!;
    expect(car[0]).toEqual(P.C);
    expect(car.at(-1)).toEqual(P.D);
    const asked = recommendUnits(router, SCENE, UNITS, { now: NOW, routes: 0, routeFor: ['car-busy-at-A'] });
    expect(asked.available.some((u) => u.route)).toBe(false);
    expect(asked.busy[0]!.route!.length).toBeGreaterThanOrEqual(2);
  });

  it('answers a case whose scene is on no usable road with every unit unreachable, not a crash', () => {
    const island = recommendUnits(router, { ...SCENE, lng: P.K[0], lat: P.K[1] }, UNITS, { now: NOW });
    expect(island.available.map((u) => [u.unitId, u.etaS === null])).toEqual([
      ['foot-on-island', false], ['car-at-C', true], ['ebike-at-F', true], ['foot-at-A', true],
    ]);
    const empty = recommendUnits(createDispatchRouter([], TOWN_SPEEDS), SCENE, UNITS, { now: NOW });
    expect(empty.available.every((u) => u.etaS === null && u.offRoadM === null)).toBe(true);
  });
});
