// Builders for heat tests: the server's own heat grid (server/aggregate/heat-grid.ts) over a
// county-sized box, and its cells as decoded heat.arrow columns, so tests compare with the server.
// Tests only: the browser never loads this file, and the point is to compare with the server's grid.
// eslint-disable-next-line no-restricted-imports
import { createHeatGrid, type HeatGrid } from '../../server/aggregate/heat-grid.ts';
import type { HeatColumns } from '../../server/wire/index.ts';

/** About Hailing's extent: [west, south, east, north]. */
export const BOUNDS: [number, number, number, number] = [119.84, 32.38, 120.07, 32.61];
export const ORIGIN: [number, number] = [119.955, 32.495];
export const NOW = Date.parse('2026-03-01T00:00:00Z');
export const DAY_MS = 86_400_000;

/** An empty server grid over BOUNDS. */
export function serverGrid(): HeatGrid {
  return createHeatGrid(BOUNDS);
}

/** The last day's cells of `grid` as heat.arrow decodes them (what the encoder writes), counting up to `lastSeq`. */
export function heatColumnsOf(grid: HeatGrid, lastSeq: number): HeatColumns {
  const c = grid.cells(DAY_MS, NOW);
  const position = new Float32Array(2 * c.index.length);
  c.index.forEach((_, k) => {
    position[2 * k] = (c.lng[k] as number) - ORIGIN[0];
    position[2 * k + 1] = (c.lat[k] as number) - ORIGIN[1];
  });
  return {
    length: c.index.length, origin: ORIGIN, position, count: c.count, cell: c.index,
    total: c.count.reduce((a, b) => a + b, 0), geometry: grid.geometry, lastSeq, metadata: new Map(),
  };
}
