import { describe, expect, it } from 'vitest';
import { loadJurisdiction } from '../jurisdiction/load.ts';
import { FIXTURE_JURISDICTION_DIR } from '../test-fixtures/index.ts';
import { createPatrolSimulation } from './patrol.ts';

const metres = (a: { lng: number; lat: number }, b: { lng: number; lat: number }) =>
  Math.hypot((a.lng - b.lng) * 111_320 * Math.cos((a.lat * Math.PI) / 180), (a.lat - b.lat) * 111_320);

describe('patrol simulation', () => {
  it('reports one fix per unit with a route, at the given time', async () => {
    const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
    const fixes = createPatrolSimulation(j.units, j.routes).step(Date.parse('2026-03-02T04:00:00Z'));
    expect(fixes.map((f) => f.id)).toEqual(['unit-01', 'unit-02']);
    expect(fixes.every((f) => f.at === '2026-03-02T04:00:00.000Z')).toBe(true);
  });

  it('keeps units on their route (inside its bounding box) over an hour', async () => {
    const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
    const sim = createPatrolSimulation(j.units, j.routes);
    const t0 = Date.parse('2026-03-02T04:00:00Z');
    for (let s = 0; s < 3600; s += 5) {
      for (const f of sim.step(t0 + s * 1000)) {
        const route = j.routes.features.find((r) => r.properties.id === j.units.find((u) => u.id === f.id)!.routeId)!;
        const xs = route.geometry.coordinates.map((c) => c[0]!);
        const ys = route.geometry.coordinates.map((c) => c[1]!);
        expect(f.lng).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-6);
        expect(f.lng).toBeLessThanOrEqual(Math.max(...xs) + 1e-6);
        expect(f.lat).toBeGreaterThanOrEqual(Math.min(...ys) - 1e-6);
        expect(f.lat).toBeLessThanOrEqual(Math.max(...ys) + 1e-6);
      }
    }
  });

  it('moves a unit no faster than a patrol car between fixes', async () => {
    const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
    const sim = createPatrolSimulation(j.units, j.routes);
    const t0 = Date.parse('2026-03-02T04:00:00Z');
    let prev = sim.step(t0);
    for (let s = 1; s < 300; s++) {
      const next = sim.step(t0 + s * 1000);
      next.forEach((f, k) => expect(metres(f, prev[k]!)).toBeLessThanOrEqual(25));
      prev = next;
    }
  });

  it('leaves out a unit whose route does not exist', async () => {
    const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
    const units = [...j.units, { ...j.units[0]!, id: 'lost', routeId: 'route-xx' }];
    expect(createPatrolSimulation(units, j.routes).step(0).map((f) => f.id)).not.toContain('lost');
  });
});
