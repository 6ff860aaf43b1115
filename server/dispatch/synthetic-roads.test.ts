// The benchmark's synthetic county: deterministic, a lattice of 2·n·(n − 1) segments less its gaps,
// with one-way streets both ways round, and at 230 a side at least 100,000 segments.
import { describe, expect, it } from 'vitest';
import { buildRoadNetwork } from './road-network.ts';
import { syntheticRoads } from './synthetic-roads.ts';

describe('synthetic roads', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(syntheticRoads({ n: 12 })).toEqual(syntheticRoads({ n: 12 }));
    expect(syntheticRoads({ n: 12, seed: 'other' })).not.toEqual(syntheticRoads({ n: 12 }));
  });

  it('makes a lattice with every class and one-way streets in both directions', () => {
    const net = buildRoadNetwork(syntheticRoads({ n: 40, gapShare: 0 }));
    expect(net.nodeCount).toBe(40 * 40);
    expect(net.wayCount).toBe(2 * 40 * 39);
    expect(new Set(net.classes)).toEqual(new Set(['arterial', 'street', 'rural']));
    expect(new Set(net.wayOneway)).toEqual(new Set([-1, 0, 1]));
  });

  it('has at least 100,000 road segments at 230 a side, with its gaps', () => {
    expect(buildRoadNetwork(syntheticRoads({ n: 230 })).wayCount).toBeGreaterThanOrEqual(100_000);
  });
});
