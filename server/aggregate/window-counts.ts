// Rolling window counts (滚动窗口统计) of incidents per township, village and grid, per category and
// per source, for any window (now − w, now] — the 1 h / 24 h / 7 d / 30 d views and custom ones —
// exact to the millisecond.
//
// Incremental (see buckets.ts, bucket-store.ts): add() inserts one row into its hour bucket and
// bumps two dense per-township counters, never looking at other incidents; a window is answered
// from whole days, whole hours and the rows of at most two partial hours; expiry drops whole
// buckets. The live tick's per-township query is cheaper still: each window length keeps running
// counts that slide forward by the few rows that entered or left since the previous tick.
// Every level is counted from the same rows and tables, so townships, villages and grids always sum
// to the same total (the sum rule); windows reaching past the retention cutoff are clamped to it
// for every level alike.
import type { GridAssignment } from '../wire/index.ts';
import { BucketStore, categoryIndex, type CountableIncident, type CountFilter, type Dimension, type Level } from './bucket-store.ts';
import { HOUR_MS } from './buckets.ts';

export type { CountableIncident, CountFilter, Dimension, Level };
export { categoryIndex, HOUR_MS };
export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** The standard windows of the 一张图 views. */
export const STANDARD_WINDOWS = { '1h': HOUR_MS, '24h': DAY_MS, '7d': WEEK_MS, '30d': 30 * DAY_MS } as const;

export interface WindowCountsOptions {
  /** How long incidents are kept: 30 d with its 环比 needs 60 d, with the week-earlier view 37 d. */
  retentionMs: number;
  /** Wall clock for automatic expiry, so a long-running server forgets old incidents unasked. */
  clock: () => number;
  /** Automatic expiry runs once per this many adds. */
  expireEvery: number;
  /** The grids addIndexed's gridIndex refers to: the assigner's `catalogue.grids`. */
  grids: readonly GridAssignment[];
}

const DEFAULTS: WindowCountsOptions = { retentionMs: 62 * DAY_MS, clock: Date.now, expireEvery: 4096, grids: [] };

/** Incremental windowed counters. */
export interface WindowCounts {
  /** Counts one incident; occurredAt in any order. Incidents older than the retention are ignored. */
  add(i: CountableIncident): void;
  /**
   * The same as add() with the grid's and category's codes, but by index — the grid's in
   * `options.grids` (what the assigner returned), the category's in INCIDENT_CATEGORIES (see
   * `categoryIndex`) — so the ingest path hashes no code per incident. Throws on an index out of range.
   */
  addIndexed(gridIndex: number, categoryIndex: number, source: string, occurredAtMs: number): void;
  /** Moves the retention clock forward (add() also does, from the wall clock): incidents at or before nowMs − retention are forgotten. */
  expire(nowMs: number): void;
  /** Incidents per township with occurredAt in (nowMs − windowMs, nowMs]; every township seen, zeros included. */
  townshipCounts(windowMs: number, nowMs: number): Record<string, number>;
  /** Counts per unit of a level in the window, optionally for one category or source; zeros included. */
  counts(level: Level, windowMs: number, nowMs: number, filter?: CountFilter): Record<string, number>;
  /** All incidents in the window (optionally one category or source). */
  total(windowMs: number, nowMs: number, filter?: CountFilter): number;
  /** Counts per category or per source in the window, for one unit or (without unit) everywhere. */
  breakdown(dimension: Dimension, windowMs: number, nowMs: number, unit?: { level: Level; code: string }): Record<string, number>;
  /** Incidents in the window for one unit (0 when unknown). */
  unitCount(level: Level, code: string, windowMs: number, nowMs: number, filter?: CountFilter): number;
  /** Incidents retained. */
  readonly size: number;
}

/** Running per-township counts of one window length, valid for (toMs − windowMs, toMs]. */
interface Sliding {
  toMs: number;
  counts: Float64Array;
}

const MAX_SLIDING = 8;

export function createWindowCounts(options: Partial<WindowCountsOptions> = {}): WindowCounts {
  const { retentionMs, clock, expireEvery, grids } = { ...DEFAULTS, ...options };
  const store = new BucketStore(grids);
  const sliding = new Map<number, Sliding>();
  let addsSinceExpiry = 0;

  function expire(nowMs: number): void {
    if (store.expire(nowMs - retentionMs)) sliding.clear(); // clamping moved: start over
  }

  const toRecord = (names: string[], values: Float64Array) => {
    const out: Record<string, number> = {};
    names.forEach((name, id) => (out[name] = values[id] ?? 0));
    return out;
  };
  const sum = (values: Float64Array) => values.reduce((a, b) => a + b, 0);
  const internerOf = (level: Level) => (level === 'grid' ? store.grids : level === 'village' ? store.villages : store.townships);

  /** Per-township counts for the live tick: slide the running counts forward by the rows in between. */
  function slidingTownships(windowMs: number, nowMs: number): Float64Array {
    const s = sliding.get(windowMs);
    const width = store.townships.names.length;
    if (s === undefined || nowMs < s.toMs || nowMs - s.toMs >= windowMs) {
      const counts = store.tally({ level: 'township' }, nowMs - windowMs, nowMs);
      if (sliding.size >= MAX_SLIDING) sliding.delete(sliding.keys().next().value as number);
      if (nowMs >= (s?.toMs ?? -Infinity)) sliding.set(windowMs, { toMs: nowMs, counts });
      return counts;
    }
    if (s.counts.length < width) {
      const grown = new Float64Array(width);
      grown.set(s.counts);
      s.counts = grown;
    }
    if (nowMs > s.toMs) {
      const entered = store.tally({ level: 'township' }, s.toMs, nowMs);
      const left = store.tally({ level: 'township' }, s.toMs - windowMs, nowMs - windowMs);
      for (let t = 0; t < entered.length; t++) s.counts[t] = (s.counts[t] as number) + (entered[t] as number) - (left[t] ?? 0);
      s.toMs = nowMs;
    }
    return s.counts;
  }

  function expireEveryFewAdds(): void {
    if (++addsSinceExpiry >= expireEvery) {
      addsSinceExpiry = 0;
      expire(clock());
    }
  }

  /** A late incident inside a running window: count it there now (later ones enter by sliding). */
  function countInSliding(tid: number, t: number): void {
    for (const [windowMs, s] of sliding) {
      if (t > s.toMs - windowMs && t <= s.toMs) {
        if (tid >= s.counts.length) {
          const grown = new Float64Array(tid + 1);
          grown.set(s.counts);
          s.counts = grown;
        }
        s.counts[tid] = (s.counts[tid] as number) + 1;
      }
    }
  }

  return {
    add(i) {
      expireEveryFewAdds();
      const tid = store.add(i);
      if (tid >= 0 && sliding.size > 0) countInSliding(tid, i.occurredAtMs);
    },
    addIndexed(gridIndex, category, source, occurredAtMs) {
      expireEveryFewAdds();
      const tid = store.addIndexed(gridIndex, category, source, occurredAtMs);
      if (tid >= 0 && sliding.size > 0) countInSliding(tid, occurredAtMs);
    },
    expire,
    townshipCounts: (windowMs, nowMs) => toRecord(store.townships.names, slidingTownships(windowMs, nowMs)),
    counts: (level, windowMs, nowMs, filter) => toRecord(internerOf(level).names, store.tally({ level, filter }, nowMs - windowMs, nowMs)),
    total: (windowMs, nowMs, filter) => sum(store.tally({ level: 'township', filter }, nowMs - windowMs, nowMs)),
    breakdown(dimension, windowMs, nowMs, unit) {
      const names = (dimension === 'category' ? store.categories : store.sources).names;
      let scope: { level: Level; id: number } | undefined;
      if (unit !== undefined) {
        const id = internerOf(unit.level).find(unit.code);
        if (id === undefined) return toRecord(names, new Float64Array(0));
        scope = { level: unit.level, id };
      }
      return toRecord(names, store.tally({ level: 'grid', breakdown: dimension, unit: scope }, nowMs - windowMs, nowMs));
    },
    unitCount(level, code, windowMs, nowMs, filter) {
      const id = internerOf(level).find(code);
      return id === undefined ? 0 : sum(store.tally({ level: 'grid', filter, unit: { level, id } }, nowMs - windowMs, nowMs));
    },
    get size() {
      return store.size;
    },
  };
}
