import { describe, expect, it } from 'vitest';
import { createDemoClock } from './demo-clock.ts';

describe('demo clock', () => {
  it('is the real clock, held at each step of a back-fill walking forward, then the real clock again', () => {
    let real = 1_000_000;
    const clock = createDemoClock(() => real);
    expect(clock.now()).toBe(real);
    clock.walkTo(500_000);
    expect(clock.walking).toBe(true);
    real += 10;
    expect(clock.now()).toBe(500_000);
    clock.walkTo(400_000); // never backwards
    expect(clock.now()).toBe(500_000);
    clock.walkTo(2_000_000); // never past the real time
    expect(clock.now()).toBe(real);
    clock.release();
    real += 10;
    expect(clock.now()).toBe(real);
    expect(() => clock.walkTo(1)).toThrow(/released/);
  });
});
