// When ticks are cut: soon after a commit (coalesced, with a floor between ticks), else periodically.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTickSchedule } from './tick-schedule.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A schedule whose ticks take `tickMs` each, recording when each starts. */
function schedule(tickMs = 0) {
  const starts: number[] = [];
  const s = createTickSchedule(
    async () => {
      starts.push(Date.now());
      if (tickMs > 0) await new Promise((r) => setTimeout(r, tickMs));
    },
    { periodMs: 250, coalesceMs: 5, minGapMs: 25 },
    () => Date.now(),
  );
  return { s, starts };
}

describe('the tick schedule', () => {
  it('ticks every period when nothing is committed', async () => {
    const { s, starts } = schedule();
    const t0 = Date.now();
    s.start();
    await vi.advanceTimersByTimeAsync(760);
    expect(starts.map((t) => t - t0)).toEqual([250, 500, 750]);
  });

  it('cuts a tick a few ms after a commit, one for a whole burst', async () => {
    const { s, starts } = schedule();
    const t0 = Date.now();
    s.start();
    await vi.advanceTimersByTimeAsync(100);
    for (let k = 0; k < 10; k++) s.wake();
    await vi.advanceTimersByTimeAsync(10);
    expect(starts.map((t) => t - t0)).toEqual([105]);
    // The period starts again from that tick.
    await vi.advanceTimersByTimeAsync(260);
    expect(starts.map((t) => t - t0)).toEqual([105, 355]);
  });

  it('keeps at least the minimum gap between ticks under a steady feed', async () => {
    const { s, starts } = schedule();
    const t0 = Date.now();
    s.start();
    for (let ms = 0; ms < 200; ms += 2) {
      s.wake();
      await vi.advanceTimersByTimeAsync(2);
    }
    const gaps = starts.slice(1).map((t, k) => t - starts[k]!);
    expect(starts[0]! - t0).toBe(5);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(25);
    expect(starts.length).toBeGreaterThanOrEqual(7);
  });

  it('serves a commit that arrives during a tick right after it, and stops cleanly', async () => {
    const { s, starts } = schedule(40);
    const t0 = Date.now();
    s.start();
    s.wake();
    await vi.advanceTimersByTimeAsync(10);
    s.wake(); // during the first tick (5 → 45)
    await vi.advanceTimersByTimeAsync(60);
    expect(starts.map((t) => t - t0)).toEqual([5, 50]);
    const stopped = s.stop();
    await vi.advanceTimersByTimeAsync(1000);
    await stopped;
    expect(starts).toHaveLength(2);
  });
});
