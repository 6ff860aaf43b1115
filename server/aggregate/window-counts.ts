// Rolling window counts (滚动窗口统计) of incidents per township, village and grid, per category and
// per source, for any window (now − w, now]: the 1 h / 24 h / 7 d / 30 d views and custom ones.
//
// Incremental: add() appends the time to four sorted series (the grid's, the grid's per category
// and per source, the township's) and never looks at other incidents; a query answers with two
// binary searches per series; expiry drops prefixes. Villages, townships by category/source and the
// total are sums over grids, so every level sums to the same total (the sum rule) by construction.
// Windows reaching past the retention cutoff are clamped to it for every series alike, so partially
// expired series never break that rule.
import { TimeSeries } from './time-series.ts';

/** What the counters need to know about an incident. */
export interface CountableIncident {
  townshipCode: string;
  villageCode: string;
  gridCode: string;
  category: string;
  source: string;
  occurredAtMs: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/** The standard windows of the 一张图 views. */
export const STANDARD_WINDOWS = { '1h': HOUR_MS, '24h': DAY_MS, '7d': WEEK_MS, '30d': 30 * DAY_MS } as const;

export type Level = 'township' | 'village' | 'grid';
export type Dimension = 'category' | 'source';
/** Count only one category or one source (the two are kept separately, not crossed). */
export type CountFilter = { category: string } | { source: string } | undefined;

export interface WindowCountsOptions {
  /** How long incidents are kept: 30 d with its 环比 needs 60 d, with the week-earlier view 37 d. */
  retentionMs: number;
  /** Wall clock for automatic expiry, so a long-running server forgets old incidents unasked. */
  clock: () => number;
  /** Automatic expiry runs once per this many adds (expiry visits every series, ~1 ms for 10k grids). */
  expireEvery: number;
}

const DEFAULTS: WindowCountsOptions = { retentionMs: 62 * DAY_MS, clock: Date.now, expireEvery: 4096 };

/** Incremental windowed counters. */
export interface WindowCounts {
  /** Counts one incident; occurredAt in any order. Incidents older than the retention are ignored. */
  add(i: CountableIncident): void;
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

interface GridCounters {
  code: string;
  villageCode: string;
  townshipCode: string;
  all: TimeSeries;
  byCategory: (TimeSeries | undefined)[];
  bySource: (TimeSeries | undefined)[];
}

/** Interns strings to small ids so per-grid series are arrays, not maps. */
class Interner {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = this.names.push(name) - 1));
    return id;
  }
  find(name: string): number | undefined {
    return this.ids.get(name);
  }
}

export function createWindowCounts(options: Partial<WindowCountsOptions> = {}): WindowCounts {
  const { retentionMs, clock, expireEvery } = { ...DEFAULTS, ...options };
  const grids = new Map<string, GridCounters>();
  const townships = new Map<string, TimeSeries>();
  const categories = new Interner();
  const sources = new Interner();
  let cutoffMs = -Infinity; // incidents at or before this are expired
  let size = 0;
  let addsSinceExpiry = 0;

  function gridOf(i: CountableIncident): GridCounters {
    let g = grids.get(i.gridCode);
    if (g === undefined) {
      g = { code: i.gridCode, villageCode: i.villageCode, townshipCode: i.townshipCode, all: new TimeSeries(), byCategory: [], bySource: [] };
      grids.set(i.gridCode, g);
    }
    return g;
  }

  function addTo(list: (TimeSeries | undefined)[], id: number, t: number): void {
    let s = list[id];
    if (s === undefined) list[id] = s = new TimeSeries();
    s.add(t);
  }

  /** The series of a grid the filter selects (undefined: nothing of that kind in this grid). */
  function select(g: GridCounters, filter: CountFilter): TimeSeries | undefined {
    if (filter === undefined) return g.all;
    if ('category' in filter) {
      const id = categories.find(filter.category);
      return id === undefined ? undefined : g.byCategory[id];
    }
    const id = sources.find(filter.source);
    return id === undefined ? undefined : g.bySource[id];
  }

  /** (from, to] clamped to the retention cutoff. */
  const range = (windowMs: number, nowMs: number): [number, number] => [Math.max(nowMs - windowMs, cutoffMs), nowMs];
  const keyOf = (g: GridCounters, level: Level) => (level === 'grid' ? g.code : level === 'village' ? g.villageCode : g.townshipCode);

  function counts(level: Level, windowMs: number, nowMs: number, filter?: CountFilter): Record<string, number> {
    const [from, to] = range(windowMs, nowMs);
    const out: Record<string, number> = {};
    if (level === 'township' && filter === undefined) {
      for (const [code, s] of townships) out[code] = s.count(from, to);
      return out;
    }
    for (const g of grids.values()) {
      const key = keyOf(g, level);
      out[key] = (out[key] ?? 0) + (select(g, filter)?.count(from, to) ?? 0);
    }
    return out;
  }

  function expire(nowMs: number): void {
    const cutoff = nowMs - retentionMs;
    if (!(cutoff > cutoffMs)) return;
    cutoffMs = cutoff;
    size = 0;
    for (const s of townships.values()) s.expireThrough(cutoff);
    for (const g of grids.values()) {
      g.all.expireThrough(cutoff);
      size += g.all.length;
      for (const s of g.byCategory) s?.expireThrough(cutoff);
      for (const s of g.bySource) s?.expireThrough(cutoff);
    }
  }

  return {
    add(i) {
      if (++addsSinceExpiry >= expireEvery) {
        addsSinceExpiry = 0;
        expire(clock());
      }
      const t = i.occurredAtMs;
      if (!Number.isFinite(t) || t <= cutoffMs) return;
      const g = gridOf(i);
      g.all.add(t);
      addTo(g.byCategory, categories.id(i.category), t);
      addTo(g.bySource, sources.id(i.source), t);
      let ts = townships.get(i.townshipCode);
      if (ts === undefined) townships.set(i.townshipCode, (ts = new TimeSeries()));
      ts.add(t);
      size++;
    },
    expire,
    townshipCounts: (windowMs, nowMs) => counts('township', windowMs, nowMs),
    counts,
    total(windowMs, nowMs, filter) {
      const [from, to] = range(windowMs, nowMs);
      let n = 0;
      if (filter === undefined) for (const s of townships.values()) n += s.count(from, to);
      else for (const g of grids.values()) n += select(g, filter)?.count(from, to) ?? 0;
      return n;
    },
    breakdown(dimension, windowMs, nowMs, unit) {
      const [from, to] = range(windowMs, nowMs);
      const names = dimension === 'category' ? categories.names : sources.names;
      const out: Record<string, number> = {};
      for (const g of grids.values()) {
        if (unit !== undefined && keyOf(g, unit.level) !== unit.code) continue;
        const list = dimension === 'category' ? g.byCategory : g.bySource;
        list.forEach((s, id) => {
          const name = names[id] as string;
          out[name] = (out[name] ?? 0) + (s?.count(from, to) ?? 0);
        });
      }
      return out;
    },
    unitCount(level, code, windowMs, nowMs, filter) {
      const [from, to] = range(windowMs, nowMs);
      if (level === 'grid') {
        const g = grids.get(code);
        return g === undefined ? 0 : (select(g, filter)?.count(from, to) ?? 0);
      }
      if (level === 'township' && filter === undefined) return townships.get(code)?.count(from, to) ?? 0;
      let n = 0;
      for (const g of grids.values()) if (keyOf(g, level) === code) n += select(g, filter)?.count(from, to) ?? 0;
      return n;
    },
    get size() {
      return size;
    },
  };
}
