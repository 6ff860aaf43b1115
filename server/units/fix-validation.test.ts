// The plausibility checks of one GPS fix, table-tested: the clock, the area, and the jump from and
// to its neighbours in time for each kind of unit.
import { describe, expect, it } from 'vitest';
import { localFrame } from '../dispatch/geo.ts';
import { checkFix, plausibleArea } from './fix-validation.ts';
import type { FixContext, FixPoint } from './fix-validation.ts';

const NOW = Date.parse('2026-12-03T08:00:00Z');
const O = { lng: 119.96, lat: 32.47 };
const AREA = plausibleArea([[119.9, 32.4], [120.0, 32.5]], 5000);

/** A fix `m` metres east of O, `s` seconds after NOW - 60 s. */
function at(s: number, m = 0): FixPoint {
  return { atMs: NOW - 60_000 + s * 1000, lng: O.lng + m / localFrame(O.lat).kx, lat: O.lat };
}

const ctx = (over: Partial<FixContext> = {}): FixContext => ({ now: NOW, area: AREA, kind: 'foot', ...over });

describe('checkFix', () => {
  it.each([
    ['a fix 20 s ahead of the clock (within the slack)', { ...at(80) }, ctx(), null],
    ['a fix 31 s ahead of the clock', { ...at(91) }, ctx(), 'future'],
    ['inside the margin beyond the bounds (4 km west)', { ...at(0), lng: 119.9 - 4000 / localFrame(32.45).kx }, ctx(), null],
    ['outside the margin (6 km west)', { ...at(0), lng: 119.9 - 6000 / localFrame(32.45).kx }, ctx(), 'outside-area'],
    ['lat and lng swapped', { ...at(0), lng: O.lat, lat: O.lng }, ctx(), 'outside-area'],
    ['foot: 40 m in 10 s (14.4 km/h)', at(10, 40), ctx({ before: at(0) }), null],
    ['foot: 500 m in 10 s (180 km/h)', at(10, 500), ctx({ before: at(0) }), 'too-fast'],
    ['foot: GPS noise of 45 m in 1 s is not a jump', at(1, 45), ctx({ before: at(0) }), null],
    ['e-bike: 120 m in 10 s (43 km/h) + slack', at(10, 120), ctx({ kind: 'ebike', before: at(0) }), null],
    ['e-bike: 300 m in 10 s (108 km/h)', at(10, 300), ctx({ kind: 'ebike', before: at(0) }), 'too-fast'],
    ['car: 400 m in 10 s (144 km/h)', at(10, 400), ctx({ kind: 'car', before: at(0) }), null],
    ['car: 1 km in 10 s (360 km/h): a teleport', at(10, 1000), ctx({ kind: 'car', before: at(0) }), 'too-fast'],
    ['out of order: fits before and after', at(5, 20), ctx({ before: at(0), after: at(10, 40) }), null],
    ['out of order: too far from the fix after it', at(5, 0), ctx({ before: at(0), after: at(6, 500) }), 'too-fast'],
  ] as const)('%s', (_what, fix, c, code) => {
    expect(checkFix(fix, c)?.code ?? null).toBe(code);
  });

  it('says why, with the numbers', () => {
    expect(checkFix(at(10, 1000), ctx({ kind: 'car', before: at(0) }))?.reason).toMatch(/1000 m in 10 s \(360 km\/h\).*patrol car moves \(150 km\/h\)/);
    expect(checkFix(at(131), ctx())?.reason).toMatch(/71 s ahead/);
  });
});
