import { describe, expect, it } from 'vitest';
import type { RoadCollection } from '../../server/wire/jurisdiction.ts';
import { buildGraph, components, nodeRoads, shortestPath } from './network.ts';
import type { RoadDraft } from './roads.ts';

describe('nodeRoads', () => {
  it('puts one shared vertex where two roads cross', () => {
    const [a, b] = nodeRoads([
      { name: 'A', class: 'street', line: [[0, 0], [100, 100]] },
      { name: 'B', class: 'street', line: [[0, 100], [100, 0]] },
    ]) as [RoadDraft, RoadDraft];
    expect(a.line).toHaveLength(3);
    expect(b.line).toHaveLength(3);
    expect(a.line[1]).toEqual([50, 50]);
    expect(b.line[1]).toBe(a.line[1]); // the very same point, so it rounds identically
  });

  it('joins a road that ends on another into it', () => {
    const [main, spur] = nodeRoads([
      { name: 'main', class: 'arterial', line: [[0, 0], [200, 0]] },
      { name: 'spur', class: 'rural', line: [[80, 90], [80.2, 0.3]] },
    ]) as [RoadDraft, RoadDraft];
    expect(main.line).toHaveLength(3);
    expect(main.line[1]).toBe(spur.line[1]);
  });

  it('leaves roads that do not meet unchanged', () => {
    const drafts: RoadDraft[] = [
      { name: 'A', class: 'street', line: [[0, 0], [100, 0]] },
      { name: 'B', class: 'street', line: [[0, 10], [100, 10]] },
    ];
    expect(nodeRoads(drafts).map((d) => d.line)).toEqual(drafts.map((d) => d.line));
  });
});

describe('road graph', () => {
  const road = (name: string, cls: 'arterial' | 'street', coords: number[][]): RoadCollection['features'][number] => ({
    type: 'Feature',
    properties: { id: name, name, class: cls },
    geometry: { type: 'LineString', coordinates: coords },
  });
  // A square: a direct street from west to east, and a longer detour on an arterial.
  const roads: RoadCollection = {
    type: 'FeatureCollection',
    features: [
      road('street', 'street', [[119.9, 32.49], [119.91, 32.49]]),
      road('arterial', 'arterial', [[119.9, 32.49], [119.9, 32.4905], [119.91, 32.4905], [119.91, 32.49]]),
      road('island', 'street', [[119.95, 32.5], [119.96, 32.5]]),
    ],
  };
  const graph = buildGraph(roads);

  it('links roads at shared vertices and finds separate components', () => {
    const comp = components(graph);
    expect(graph.lngLat).toHaveLength(6);
    expect(new Set(comp).size).toBe(2);
    expect(comp.filter((c) => c === 0)).toHaveLength(4);
  });

  it('routes by travel time, not distance', () => {
    // ~940 m of street at 9 m/s (104 s) versus ~1050 m of arterial at 14 m/s (75 s).
    const path = shortestPath(graph, 0, 1);
    expect(path).toEqual([0, 2, 3, 1]);
    expect(shortestPath(graph, 0, 4)).toEqual([]);
  });
});
