// How the demo's loop is set up for a county and a DEMO_RATE (the pure parts).
import { describe, expect, it } from 'vitest';
import { loadJurisdiction } from '../jurisdiction/load.ts';
import { FIXTURE_JURISDICTION_DIR } from '../test-fixtures/index.ts';
import { DUTY_REFERENCE_RATE, dutyPace, stuckTownshipsOf } from './demo-loop.ts';
import { historyStart } from './feed.ts';
import { dayNightFactor } from './incident-generator.ts';

describe('the demo loop set-up', () => {
  it('works at real pace up to the reference rate and proportionally faster above it', () => {
    expect(dutyPace(5)).toBe(1);
    expect(dutyPace(DUTY_REFERENCE_RATE)).toBe(1);
    expect(dutyPace(4 * DUTY_REFERENCE_RATE)).toBe(0.25);
  });

  it('chooses the same stuck townships every time, with their share of households', async () => {
    const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
    const a = stuckTownshipsOf(j, 1);
    expect(a).toEqual(stuckTownshipsOf(j, 1));
    expect(a.codes.size).toBe(1);
    expect(a.share).toBeCloseTo(0.5, 5); // two townships of 1000 households each
    expect(stuckTownshipsOf(j, 2).share).toBe(1);
  });

  it('starts the back-fill where about `max` incidents are expected, the day\'s rhythm counted', () => {
    const end = Date.parse('2026-03-02T15:00:00+08:00');
    const t0 = historyStart(end, 24, 30, 10_000);
    let expected = 0;
    for (let t = t0; t < end; t += 60_000) expected += 30 * dayNightFactor(t + 30_000);
    expect(expected).toBeGreaterThan(9_900);
    expect(expected).toBeLessThanOrEqual(10_050);
    expect((end - t0) / 3_600_000).toBeLessThan(6); // the busy afternoon: fewer hours than the mean rate gives
    expect(historyStart(end, 2, 30, 10_000)).toBe(end - 2 * 3_600_000);
  });
});
