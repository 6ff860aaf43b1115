import { describe, expect, it } from 'vitest';
import { createWindowCounts, HOUR_MS, type CountableIncident } from './window-counts.ts';

const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);

function incident(townshipCode: string, occurredAtMs: number): CountableIncident {
  return { townshipCode, villageCode: `${townshipCode}001`, gridCode: `${townshipCode}001001`, category: 'dispute', source: 'demo', occurredAtMs };
}

describe('window counts', () => {
  it('counts incidents per township inside (now − window, now]', () => {
    const counts = createWindowCounts();
    counts.add(incident('a', T0 - 30 * 60_000));
    counts.add(incident('a', T0 - HOUR_MS)); // exactly one hour ago: outside the 1 h window
    counts.add(incident('b', T0));
    counts.add(incident('b', T0 + 1)); // after now
    expect(counts.townshipCounts(HOUR_MS, T0)).toEqual({ a: 1, b: 1 });
    expect(counts.townshipCounts(2 * HOUR_MS, T0)).toEqual({ a: 2, b: 1 });
  });

  it('accepts out-of-order incidents', () => {
    const counts = createWindowCounts();
    for (const m of [50, 10, 40, 20, 30, 5]) counts.add(incident('a', T0 - m * 60_000));
    expect(counts.townshipCounts(25 * 60_000, T0)).toEqual({ a: 3 }); // 5, 10 and 20 minutes ago
  });

  it('reports a township whose count fell to zero', () => {
    const counts = createWindowCounts();
    counts.add(incident('a', T0 - 2 * HOUR_MS));
    expect(counts.townshipCounts(HOUR_MS, T0)).toEqual({ a: 0 });
  });
});
