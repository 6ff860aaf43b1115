// The routing graph: nodes where roads share a vertex (after quantising), ways between them with
// haversine lengths, one-way rules, incoming arcs in CSR, and bad lines skipped rather than fatal.
import { describe, expect, it } from 'vitest';
import { at, P, TOWN } from './fixtures.ts';
import { buildRoadNetwork, onewayOf, wayPart, type RoadLine } from './road-network.ts';

const line = (coordinates: number[][], props: RoadLine['properties'] = { id: 'r', class: 'street' }): RoadLine => ({ geometry: { coordinates }, properties: props });

describe('road network', () => {
  const town = buildRoadNetwork(TOWN);

  it('puts a node at every shared vertex and line end, and a way between consecutive nodes', () => {
    // Nodes A, C, D, E, F, J, K (B, H and I are used by one road each, in its middle).
    expect(town.nodeCount).toBe(7);
    // west street, bridge, two east streets, motorway, east loop, island.
    expect(town.wayCount).toBe(7);
    expect(town.skipped).toBe(0);
    expect(town.classes).toEqual(['street', 'arterial', 'motorway']);
  });

  it('measures ways in metres along their vertices', () => {
    const lengthOf = (id: string) => town.wayLength[[...town.wayRoad].indexOf(town.roadIds.indexOf(id))]!;
    expect(lengthOf('west-street')).toBeCloseTo(1000, 0);
    expect(lengthOf('east-loop')).toBeCloseTo(1800, 0);
    expect(lengthOf('bridge')).toBeCloseTo(400, 0);
  });

  it('keeps each node\'s incoming arcs, both directions of every way', () => {
    expect(town.arcTail.length).toBe(2 * town.wayCount);
    for (let v = 0; v < town.nodeCount; v++) {
      for (let a = town.inStart[v]!; a < town.inStart[v + 1]!; a++) {
        expect(town.arcHead[a]).toBe(v);
        const w = town.arcWay[a]!;
        expect(town.arcAlong[a] ? town.wayTo[w] : town.wayFrom[w]).toBe(v);
        expect(town.arcAlong[a] ? town.wayFrom[w] : town.wayTo[w]).toBe(town.arcTail[a]);
      }
    }
  });

  it('splits a road where another meets it in the middle, and joins vertices that differ only by float noise', () => {
    const net = buildRoadNetwork([
      line([at(0, 0), at(500, 0), at(1000, 0)]),
      line([[at(500, 0)[0] + 1e-9, at(500, 0)[1] - 1e-9], at(500, 500)]),
    ]);
    expect(net.nodeCount).toBe(4);
    expect(net.wayCount).toBe(3);
  });

  it('reads one-way rules as OSM writes them', () => {
    expect(['yes', true, 1, '1', 'true'].map(onewayOf)).toEqual([1, 1, 1, 1, 1]);
    expect(['-1', -1, 'reverse'].map(onewayOf)).toEqual([-1, -1, -1]);
    expect(['no', undefined, null, 0, 'false'].map(onewayOf)).toEqual([0, 0, 0, 0, 0]);
    expect([...town.wayOneway].filter((o) => o !== 0)).toEqual([1]);
  });

  it('skips lines it cannot use instead of failing', () => {
    const net = buildRoadNetwork([
      line([P.A, P.B]),
      { geometry: null, properties: null },
      line([P.A, P.A]),
      line([[NaN, 32], [200, 95], P.C]),
      line([[119.9, 32.45], [Infinity, 32.46]]),
    ] as RoadLine[]);
    expect(net.wayCount).toBe(1);
    expect(net.skipped).toBe(4);
  });

  it('cuts a part of a way between two distances, in either direction', () => {
    const w = [...town.wayRoad].indexOf(town.roadIds.indexOf('west-street'));
    const part = wayPart(town, w, 250, 750);
    expect(part).toHaveLength(3); // 250 m, the vertex B at 500 m, 750 m
    // Vertices are kept to 1e-7° (≈ 1 cm).
    expect(part[1]![0]).toBeCloseTo(P.B[0], 7);
    expect(part[1]![1]).toBeCloseTo(P.B[1], 7);
    expect(wayPart(town, w, 750, 250)).toEqual([...part].reverse());
  });
});
