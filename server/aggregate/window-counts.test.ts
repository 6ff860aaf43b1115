import { describe, expect, it } from 'vitest';
import { compareWindows } from './window-compare.ts';
import { createWindowCounts, DAY_MS, HOUR_MS, WEEK_MS, type CountableIncident } from './window-counts.ts';

const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);
const clock = () => T0;

function incident(townshipCode: string, occurredAtMs: number, more: Partial<CountableIncident> = {}): CountableIncident {
  return { townshipCode, villageCode: `${townshipCode}001`, gridCode: `${townshipCode}001001`, category: 'dispute', source: 'demo', occurredAtMs, ...more };
}

describe('window counts', () => {
  it('counts incidents per township inside (now − window, now]', () => {
    const counts = createWindowCounts({ clock });
    counts.add(incident('a', T0 - 30 * 60_000));
    counts.add(incident('a', T0 - HOUR_MS)); // exactly one hour ago: outside the 1 h window
    counts.add(incident('b', T0));
    counts.add(incident('b', T0 + 1)); // after now
    expect(counts.townshipCounts(HOUR_MS, T0)).toEqual({ a: 1, b: 1 });
    expect(counts.townshipCounts(2 * HOUR_MS, T0)).toEqual({ a: 2, b: 1 });
  });

  it('accepts out-of-order incidents', () => {
    const counts = createWindowCounts({ clock });
    for (const m of [50, 10, 40, 20, 30, 5]) counts.add(incident('a', T0 - m * 60_000));
    expect(counts.townshipCounts(25 * 60_000, T0)).toEqual({ a: 3 }); // 5, 10 and 20 minutes ago
  });

  it('reports a township whose count fell to zero', () => {
    const counts = createWindowCounts({ clock });
    counts.add(incident('a', T0 - 2 * HOUR_MS));
    expect(counts.townshipCounts(HOUR_MS, T0)).toEqual({ a: 0 });
  });

  it('counts per village and grid, per category and per source', () => {
    const counts = createWindowCounts({ clock });
    counts.add(incident('a', T0 - 1, { gridCode: 'a001001', category: 'fire', source: 'alarm-110' }));
    counts.add(incident('a', T0 - 2, { gridCode: 'a001002', category: 'fire', source: 'hotline-12345' }));
    counts.add(incident('a', T0 - 3, { villageCode: 'a002', gridCode: 'a002001', category: 'traffic', source: 'alarm-110' }));
    expect(counts.counts('village', HOUR_MS, T0)).toEqual({ a001: 2, a002: 1 });
    expect(counts.counts('grid', HOUR_MS, T0, { category: 'fire' })).toEqual({ a001001: 1, a001002: 1, a002001: 0 });
    expect(counts.counts('township', HOUR_MS, T0, { source: 'alarm-110' })).toEqual({ a: 2 });
    expect(counts.breakdown('category', HOUR_MS, T0)).toEqual({ fire: 2, traffic: 1 });
    expect(counts.breakdown('source', HOUR_MS, T0, { level: 'village', code: 'a001' })).toEqual({ 'alarm-110': 1, 'hotline-12345': 1 });
    expect(counts.unitCount('village', 'a002', HOUR_MS, T0, { category: 'traffic' })).toBe(1);
    expect(counts.total(HOUR_MS, T0, { category: 'unknown' })).toBe(0);
  });

  it('forgets incidents older than the retention, and ignores ones arriving already too old', () => {
    let now = T0;
    const counts = createWindowCounts({ retentionMs: DAY_MS, clock: () => now, expireEvery: 1 });
    counts.add(incident('a', T0 - 2 * HOUR_MS));
    expect(counts.size).toBe(1);
    now = T0 + DAY_MS;
    counts.add(incident('a', T0 - 3 * HOUR_MS)); // expiry runs first: both are too old now
    expect(counts.size).toBe(0);
    expect(counts.total(30 * DAY_MS, now)).toBe(0);
  });

  it('compares each window with the previous one (环比) and the same window a week earlier', () => {
    const counts = createWindowCounts({ clock });
    for (let k = 0; k < 4; k++) counts.add(incident('a', T0 - 10 * 60_000)); // this hour: 4
    for (let k = 0; k < 2; k++) counts.add(incident('a', T0 - 90 * 60_000)); // previous hour: 2
    counts.add(incident('b', T0 - WEEK_MS - 1)); // a week earlier, b only
    expect(compareWindows(counts, 'township', HOUR_MS, T0)).toEqual({
      a: { current: 4, previous: 2, weekEarlier: 0, changeVsPrevious: 1, changeVsWeekEarlier: null },
      b: { current: 0, previous: 0, weekEarlier: 1, changeVsPrevious: null, changeVsWeekEarlier: -1 },
    });
  });
});
