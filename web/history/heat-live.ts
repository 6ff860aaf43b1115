// The heat grid as loaded from heat.arrow plus the live incidents counted on top of it, by cell.
// Positions are append-only (a new cell takes the next row), so display positions derived per row
// can be extended from where they stopped; weights change in place.
import type { HeatColumns, HeatGridGeometry } from '../../server/wire/index.ts';
import { heatCellAt, heatCellCentre } from './heat-cell.ts';

/** What the heat needs of a live incident. */
export interface HeatIncident {
  seq: number;
  lng: number;
  lat: number;
  occurredAtMs: number;
}

/** One loaded heat grid and the live incidents added to it. */
export interface LiveHeat {
  /** WGS-84 [lng, lat] the positions are offsets from. */
  readonly origin: readonly [number, number];
  readonly geometry: HeatGridGeometry;
  /** The loaded cells count no incident above this seq (NaN from a server that does not say: none is added live). */
  readonly lastSeq: number;
  /** Rows in use (cells with a weight). */
  length: number;
  /** Interleaved cell centre [lng − originLng, lat − originLat], 2 per row; rows never move. */
  position: Float32Array;
  /** Incidents per row: the loaded count plus live ones. */
  weight: Float32Array;
  /** Row of each cell index. */
  readonly rowOf: Map<number, number>;
  /** Seqs above lastSeq already added: the live store repeats incidents (changes, resumes, backfills). */
  readonly added: Set<number>;
}

/** A live heat starting from one decoded heat.arrow answer. */
export function liveHeatFrom(cells: HeatColumns): LiveHeat {
  return {
    origin: cells.origin,
    geometry: cells.geometry,
    lastSeq: cells.lastSeq,
    length: cells.length,
    position: cells.position,
    weight: Float32Array.from(cells.count),
    rowOf: new Map(Array.from(cells.cell, (cell, row) => [cell, row] as const)),
    added: new Set(),
  };
}

function grow<T extends Float32Array>(a: T, size: number): T {
  if (a.length >= size) return a;
  const next = new Float32Array(Math.max(size, 2 * a.length, 64)) as T;
  next.set(a);
  return next;
}

/**
 * Adds each incident above `lastSeq` not added yet that occurred after `sinceMs` (the heat
 * window's start) to its cell, appending cells the loaded grid did not have; returns how many it
 * added.
 */
export function addToHeat(h: LiveHeat, incidents: Iterable<HeatIncident>, sinceMs: number): number {
  let n = 0;
  for (const i of incidents) {
    if (!(i.seq > h.lastSeq) || h.added.has(i.seq) || !(i.occurredAtMs > sinceMs)) continue;
    const cell = heatCellAt(h.geometry, i.lng, i.lat);
    if (cell < 0) continue;
    let row = h.rowOf.get(cell);
    if (row === undefined) {
      row = h.length;
      h.position = grow(h.position, 2 * (row + 1));
      h.weight = grow(h.weight, row + 1);
      const [lng, lat] = heatCellCentre(h.geometry, cell);
      h.position[2 * row] = lng - h.origin[0];
      h.position[2 * row + 1] = lat - h.origin[1];
      h.weight[row] = 0;
      h.rowOf.set(cell, row);
      h.length += 1;
    }
    h.weight[row] = (h.weight[row] as number) + 1;
    h.added.add(i.seq);
    n += 1;
  }
  return n;
}
