// The density grid behind the heatmap (热力图): incident counts per fixed square cell, for any
// window, maintained incrementally (one sorted time series per non-empty cell).
//
// Fixed cells rather than H3: at county scale (tens of km) a local equal-size grid has negligible
// distortion, a cell index is two multiplications (H3's latLngToCell is ~1 µs and a dependency),
// cells map one-to-one onto a regular raster the web can draw as binary attributes or an image, and
// their edges line up across zoom levels by simple 2×2 merging. H3's advantages — global coverage,
// equal-area hexagons across latitudes — do not matter inside one county or province.
import type { HeatGridGeometry } from '../wire/analytics.ts';
import { TimeSeries } from './time-series.ts';

export interface HeatGridOptions {
  /** Cell edge in metres: 250 m resolves a street block without making single incidents dots. */
  cellMeters: number;
}

const DEFAULTS: HeatGridOptions = { cellMeters: 250 };
const METRES_PER_DEGREE_LAT = 111_320;
/** Up to this many cells (4 bytes each) are also indexed densely. */
const MAX_DENSE_CELLS = 1 << 22;

/** Cell geometry, as the wire describes it to clients. */
export type HeatGeometry = HeatGridGeometry;

/** Non-empty cells of one window, as parallel columns ready for Arrow or deck.gl binary attributes. */
export interface HeatCells extends HeatGeometry {
  /** Row-major cell index r·columns + c. */
  index: Uint32Array;
  count: Uint32Array;
  /** Cell centres (WGS-84). */
  lng: Float64Array;
  lat: Float64Array;
}

export interface HeatGrid {
  readonly geometry: HeatGeometry;
  /** Counts one incident at (lng, lat); points outside the bounds are ignored (returns false). */
  add(lng: number, lat: number, occurredAtMs: number): boolean;
  /** Cells with at least one incident in (nowMs − windowMs, nowMs]. */
  cells(windowMs: number, nowMs: number): HeatCells;
  /** Forgets incidents at or before cutoffMs. */
  expireThrough(cutoffMs: number): void;
  /** A new, empty grid with the same cells (to count a subset, e.g. one township's incidents). */
  empty(): HeatGrid;
}

/** A density grid over [west, south, east, north]. */
export function createHeatGrid(bounds: [number, number, number, number], options: Partial<HeatGridOptions> = {}): HeatGrid {
  const { cellMeters } = { ...DEFAULTS, ...options };
  const [west, south, east, north] = bounds;
  const cellLat = cellMeters / METRES_PER_DEGREE_LAT;
  const cellLng = cellMeters / (METRES_PER_DEGREE_LAT * Math.cos((((south + north) / 2) * Math.PI) / 180));
  const columns = Math.max(1, Math.ceil((east - west) / cellLng));
  const rows = Math.max(1, Math.ceil((north - south) / cellLat));
  const series = new Map<number, TimeSeries>();
  // A county's few thousand cells (a province's few million) are also looked up by position in a
  // dense array: an add then costs no hashing; the map stays for iterating the non-empty cells.
  const dense: (TimeSeries | undefined)[] | null = columns * rows <= MAX_DENSE_CELLS ? new Array<TimeSeries | undefined>(columns * rows).fill(undefined) : null;
  const geometry: HeatGeometry = { west, south, cellLng, cellLat, columns, rows, cellMeters };
  let oldest = Infinity; // no incident at or before this time is kept: expiry before it has nothing to do

  return {
    geometry,
    add(lng, lat, t) {
      if (!(lng >= west && lng <= east && lat >= south && lat <= north) || !Number.isFinite(t)) return false;
      const c = Math.min(columns - 1, Math.floor((lng - west) / cellLng));
      const r = Math.min(rows - 1, Math.floor((lat - south) / cellLat));
      const key = r * columns + c;
      let s = dense === null ? series.get(key) : dense[key];
      if (s === undefined) {
        series.set(key, (s = new TimeSeries()));
        if (dense !== null) dense[key] = s;
      }
      s.add(t);
      if (t < oldest) oldest = t;
      return true;
    },
    cells(windowMs, nowMs) {
      const keys: number[] = [], counts: number[] = [];
      for (const [key, s] of series) {
        const n = s.count(nowMs - windowMs, nowMs);
        if (n > 0) { keys.push(key); counts.push(n); }
      }
      const order = keys.map((_, k) => k).sort((a, b) => (keys[a] as number) - (keys[b] as number));
      const index = Uint32Array.from(order, (k) => keys[k] as number);
      return {
        ...geometry,
        index,
        count: Uint32Array.from(order, (k) => counts[k] as number),
        lng: Float64Array.from(index, (i) => west + ((i % columns) + 0.5) * cellLng),
        lat: Float64Array.from(index, (i) => south + (Math.floor(i / columns) + 0.5) * cellLat),
      };
    },
    expireThrough(cutoffMs) {
      if (cutoffMs < oldest) return;
      oldest = Infinity;
      for (const [key, s] of series) {
        s.expireThrough(cutoffMs);
        if (s.length === 0) {
          series.delete(key);
          if (dense !== null) dense[key] = undefined;
        } else if (s.first() < oldest) oldest = s.first();
      }
    },
    empty: () => createHeatGrid(bounds, options),
  };
}
