import { describe, expect, it } from 'vitest';
import { addToHeat, liveHeatFrom, type HeatIncident, type LiveHeat } from './heat-live.ts';
import { DAY_MS, heatColumnsOf, NOW, serverGrid } from './heat-test-grid.ts';

const A = { lng: 119.9123, lat: 32.4876 };
const B = { lng: 120.0311, lat: 32.5502 };
const at = (seq: number, p: { lng: number; lat: number }, ms = NOW - 60_000): HeatIncident => ({ seq, ...p, occurredAtMs: ms });
const SINCE = NOW - DAY_MS;

/** Weight per cell centre (absolute, rounded), the way the layer would draw it. */
function weights(h: LiveHeat): Map<string, number> {
  const out = new Map<string, number>();
  for (let r = 0; r < h.length; r++) {
    const key = `${(h.origin[0] + h.position[2 * r]!).toFixed(6)},${(h.origin[1] + h.position[2 * r + 1]!).toFixed(6)}`;
    out.set(key, h.weight[r]!);
  }
  return out;
}

/** A loaded grid with two incidents at A (seqs 1, 2) that counts up to seq 2. */
function loaded(): LiveHeat {
  const g = serverGrid();
  g.add(A.lng, A.lat, NOW - 3_600_000);
  g.add(A.lng, A.lat, NOW - 7_200_000);
  return liveHeatFrom(heatColumnsOf(g, 2));
}

describe('live heat', () => {
  it('adds live incidents above the loaded lastSeq once each, and none at or below it', () => {
    const h = loaded();
    expect(addToHeat(h, [at(1, A), at(2, A), at(3, A)], SINCE)).toBe(1);
    // The live store repeats incidents (a stage change, a resume, a backfill): counted once.
    expect(addToHeat(h, [at(3, A), at(3, A), at(4, A)], SINCE)).toBe(1);
    expect(h.length).toBe(1);
    expect(h.weight[0]).toBe(4);
  });

  it('appends a cell the loaded grid did not have, where the server would put it', () => {
    const h = loaded();
    const before = h.position;
    expect(addToHeat(h, [at(3, B), at(4, B), at(5, A)], SINCE)).toBe(3);
    expect(h.length).toBe(2);
    expect(Array.from(h.position.subarray(0, 2))).toEqual(Array.from(before.subarray(0, 2))); // rows never move
    // The same four incidents counted by the server's grid: the same cells, centres and weights.
    const server = serverGrid();
    for (const p of [A, A, A, B, B]) server.add(p.lng, p.lat, NOW - 60_000);
    expect(weights(h)).toEqual(weights(liveHeatFrom(heatColumnsOf(server, 5))));
  });

  it('leaves out incidents older than the window and outside the grid', () => {
    const h = loaded();
    expect(addToHeat(h, [at(3, A, SINCE), at(4, A, SINCE - 1), at(5, { lng: 118, lat: 32.5 }), at(6, A, Number.NaN)], SINCE)).toBe(0);
    expect(h.weight[0]).toBe(2);
  });
});
