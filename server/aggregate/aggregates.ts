// The aggregate stage in one object: every stored incident goes through add(), and the read side
// (live tick, counts, heat, hotspots) asks the parts. What createApp wires after ingest.
import { gridCatalogue } from '../geo/grid-catalogue.ts';
import type { GridCollection } from '../wire/index.ts';
import { createHeatGrid, type HeatGrid, type HeatGridOptions } from './heat-grid.ts';
import { createHotspotService, type HotspotService } from './hotspot-service.ts';
import { categoryIndex, createWindowCounts, DAY_MS, type CountableIncident, type WindowCounts } from './window-counts.ts';

/** An incident as the aggregates need it: where (codes and point) and when. */
export interface AggregatableIncident extends CountableIncident {
  lng: number;
  lat: number;
}

/** What addAssigned needs besides the grid index and the time ingest already has. */
export interface AssignedIncident {
  category: string;
  source: string;
  lng: number;
  lat: number;
}

export interface AggregatesOptions {
  retentionMs: number;
  clock: () => number;
  heat: Partial<HeatGridOptions>;
}

const DEFAULTS: AggregatesOptions = { retentionMs: 62 * DAY_MS, clock: Date.now, heat: {} };
const EXPIRE_EVERY = 4096;

export interface Aggregates {
  /** Counts one incident by its codes (rebuilding from the store). */
  add(i: AggregatableIncident): void;
  /**
   * Counts one incident by the grid index the assigner gave it (an index into
   * gridCatalogue(grids), which the assigner of the same collection uses) and its already parsed
   * time: the ingest path, which hashes no grid code. The same counts as add() with the codes.
   */
  addAssigned(i: AssignedIncident, gridIndex: number, occurredAtMs: number): void;
  readonly counts: WindowCounts;
  readonly heat: HeatGrid;
  readonly hotspots: HotspotService;
}

/** Builds the aggregates of one jurisdiction; the heat grid covers the grids' bounding box. */
export function createAggregates(grids: GridCollection, options: Partial<AggregatesOptions> = {}): Aggregates {
  const o = { ...DEFAULTS, ...options };
  const counts = createWindowCounts({ retentionMs: o.retentionMs, clock: o.clock, grids: gridCatalogue(grids).grids });
  const heat = createHeatGrid(boundsOf(grids), o.heat);
  const hotspots = createHotspotService(grids, counts);
  // The heat grid's cutoff moves with its expiry, every EXPIRE_EVERY adds (as the counts' does),
  // rather than reading the clock on every add.
  let heatCutoff = o.clock() - o.retentionMs;
  let sinceExpiry = 0;
  function addHeat(lng: number, lat: number, t: number): void {
    if (t > heatCutoff) heat.add(lng, lat, t);
    if (++sinceExpiry >= EXPIRE_EVERY) {
      sinceExpiry = 0;
      heatCutoff = o.clock() - o.retentionMs;
      heat.expireThrough(heatCutoff);
    }
  }
  return {
    add(i) {
      counts.add(i);
      addHeat(i.lng, i.lat, i.occurredAtMs);
    },
    addAssigned(i, gridIndex, t) {
      counts.addIndexed(gridIndex, categoryIndex(i.category), i.source, t);
      addHeat(i.lng, i.lat, t);
    },
    counts,
    heat,
    hotspots,
  };
}

function boundsOf(grids: GridCollection): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const f of grids.features) {
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    for (const ring of rings) for (const [x, y] of ring as [number, number][]) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : [0, 0, 0, 0];
}
