import { describe, expect, it } from 'vitest';
import type { Hotspot } from '../../server/wire/index.ts';
import { nextTourStop } from './tour.ts';

function hotspot(id: string, rank: number): Hotspot {
  return {
    id, rank, z: 4, p: 0.0001, gridCodes: [], villageCodes: [], townshipCodes: [],
    centre: [120, 32], extent: [119.9, 31.9, 120.1, 32.1], count: 10, expected: 3, previous: 5, weekEarlier: 4,
    changeVsPrevious: 1, changeVsWeekEarlier: 1.5, trend: 'rising', topCategories: [],
  };
}

describe('nextTourStop', () => {
  const ranking = [hotspot('hs-c', 3), hotspot('hs-a', 1), hotspot('hs-b', 2)];

  it('starts at rank 1 and steps in rank order, whatever order the list is in', () => {
    expect(nextTourStop(ranking, null)?.id).toBe('hs-a');
    expect(nextTourStop(ranking, 'hs-a')?.id).toBe('hs-b');
    expect(nextTourStop(ranking, 'hs-b')?.id).toBe('hs-c');
  });

  it('wraps from the last back to rank 1', () => {
    expect(nextTourStop(ranking, 'hs-c')?.id).toBe('hs-a');
  });

  it('restarts at rank 1 when the current hotspot left the ranking', () => {
    expect(nextTourStop(ranking, 'hs-gone')?.id).toBe('hs-a');
  });

  it('has nothing to tour without hotspots', () => {
    expect(nextTourStop([], null)).toBeNull();
    expect(nextTourStop([], 'hs-a')).toBeNull();
  });
});
