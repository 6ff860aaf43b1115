import { describe, expect, it } from 'vitest';
import { heatFill, maxCount } from './township-heat-layer.ts';

describe('township heat colours', () => {
  it('scales to the busiest township', () => {
    expect(maxCount({ a: 3, b: 12 })).toBe(12);
    expect(maxCount({})).toBe(1);
  });
  it('draws the busiest township red and more opaque than a quiet one', () => {
    const busiest = heatFill(12, 12);
    const quiet = heatFill(1, 12);
    expect(busiest[0]).toBeGreaterThan(busiest[2]);
    expect(busiest[3]).toBeGreaterThan(quiet[3]);
  });
  it('gives a township without incidents the neutral fill', () => {
    expect(heatFill(0, 12)).toEqual(heatFill(0, 1));
    expect(heatFill(0, 12)).not.toEqual(heatFill(1, 12));
  });
});
