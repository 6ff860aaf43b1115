// The aggregate stage in one object: every stored incident goes through add(), and the read side
// (live tick, counts, heat, hotspots) asks the parts. What createApp wires after ingest.
import type { GridCollection } from '../wire/index.ts';
import { createHeatGrid, type HeatGrid, type HeatGridOptions } from './heat-grid.ts';
import { createHotspotService, type HotspotService } from './hotspot-service.ts';
import { createWindowCounts, DAY_MS, type CountableIncident, type WindowCounts } from './window-counts.ts';

/** An incident as the aggregates need it: where (codes and point) and when. */
export interface AggregatableIncident extends CountableIncident {
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
  add(i: AggregatableIncident): void;
  readonly counts: WindowCounts;
  readonly heat: HeatGrid;
  readonly hotspots: HotspotService;
}

/** Builds the aggregates of one jurisdiction; the heat grid covers the grids' bounding box. */
export function createAggregates(grids: GridCollection, options: Partial<AggregatesOptions> = {}): Aggregates {
  const o = { ...DEFAULTS, ...options };
  const counts = createWindowCounts({ retentionMs: o.retentionMs, clock: o.clock });
  const heat = createHeatGrid(boundsOf(grids), o.heat);
  const hotspots = createHotspotService(grids, counts);
  let sinceExpiry = 0;
  return {
    add(i) {
      counts.add(i);
      if (i.occurredAtMs > o.clock() - o.retentionMs) heat.add(i.lng, i.lat, i.occurredAtMs);
      if (++sinceExpiry >= EXPIRE_EVERY) {
        sinceExpiry = 0;
        heat.expireThrough(o.clock() - o.retentionMs);
      }
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
