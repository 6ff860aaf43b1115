import { describe, expect, it } from 'vitest';
import type { UnitFix, UnitInfo } from '../wire/index.ts';
import { createUnitState } from './unit-state.ts';

const units: UnitInfo[] = [
  { id: 'u1', callsign: '1号', kind: 'foot', team: 't', routeId: 'r', townshipCode: '321202001' },
  { id: 'u2', callsign: '2号', kind: 'car', team: 't', routeId: 'r', townshipCode: '321202001' },
];
const fix = (id: string, at: string, lng = 119.9): UnitFix => ({ id, lng, lat: 32.48, heading: 0, speed: 1, state: 'available', at });

describe('unit state', () => {
  it('keeps the latest fix per unit', () => {
    const s = createUnitState(units);
    s.update(fix('u1', '2026-01-01T00:00:00Z', 119.9));
    s.update(fix('u1', '2026-01-01T00:00:01Z', 119.91));
    expect(s.latest()).toEqual([fix('u1', '2026-01-01T00:00:01Z', 119.91)]);
  });

  it('ignores fixes of unknown units', () => {
    const s = createUnitState(units);
    expect(s.update(fix('ghost', '2026-01-01T00:00:00Z'))).toBe(false);
    expect(s.latest()).toEqual([]);
  });

  it('does not move a unit back for an older fix arriving late', () => {
    const s = createUnitState(units);
    s.update(fix('u1', '2026-01-01T00:00:05Z', 119.95));
    expect(s.update(fix('u1', '2026-01-01T00:00:01Z', 119.91))).toBe(false);
    expect(s.latest()[0]!.lng).toBe(119.95);
  });

  it('drains each moved unit once, with its latest fix', () => {
    const s = createUnitState(units);
    s.update(fix('u1', '2026-01-01T00:00:00Z', 119.9));
    s.update(fix('u1', '2026-01-01T00:00:01Z', 119.91));
    s.update(fix('u2', '2026-01-01T00:00:01Z'));
    expect(s.drainChanged().map((f) => [f.id, f.lng])).toEqual([
      ['u1', 119.91],
      ['u2', 119.9],
    ]);
    expect(s.drainChanged()).toEqual([]);
  });
});
