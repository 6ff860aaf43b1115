// Time buckets behind the windowed counts. An hour bucket holds the raw rows of its incidents in
// time order (time, grid, category, source — 16 bytes each, needed to cut a window exactly at any
// millisecond; a late incident is inserted in place, shifting only the rows after it) and dense
// per-township counters; a day bucket holds dense per-township counters for 24 hours.
// Grid-level tables (counts per grid, per grid × category, per grid × source) are built lazily
// the first time a query needs a bucket whole, cached, and dropped when a late incident lands in
// the bucket — so add() stays a few sequential writes (a hot bucket is small and in cache) while
// each incident is aggregated into a table about once.

export const HOUR_MS = 3_600_000;
export const HOURS_PER_DAY = 24;

/** Sparse counts: sorted unique keys with their counts. */
export interface SparseCounts {
  keys: Float64Array;
  counts: Int32Array;
}

/** Key of a (grid, category) or (grid, source) pair in a SparseCounts. */
export const pairKey = (gid: number, id: number) => gid * 65536 + id;
export const pairGrid = (key: number) => Math.floor(key / 65536);
export const pairId = (key: number) => key % 65536;

/** Per-bucket grid-level tables. */
export interface GridTables {
  all: SparseCounts; // key = grid id
  byCategory: SparseCounts; // key = pairKey(grid, category)
  bySource: SparseCounts; // key = pairKey(grid, source)
}

/** Counts equal keys of an unsorted list (sorts it in place). */
function countKeys(keys: Float64Array): SparseCounts {
  keys.sort();
  let unique = 0;
  for (let k = 0; k < keys.length; k++) if (k === 0 || keys[k] !== keys[k - 1]) unique++;
  const outKeys = new Float64Array(unique), outCounts = new Int32Array(unique);
  let at = -1;
  for (let k = 0; k < keys.length; k++) {
    if (k === 0 || keys[k] !== keys[k - 1]) outKeys[++at] = keys[k] as number;
    outCounts[at] = (outCounts[at] as number) + 1;
  }
  return { keys: outKeys, counts: outCounts };
}

/** Grid-level tables of the rows of some hour buckets. */
function tablesOfRows(buckets: HourBucket[]): GridTables {
  let n = 0;
  for (const b of buckets) n += b.length;
  const all = new Float64Array(n), byCategory = new Float64Array(n), bySource = new Float64Array(n);
  let at = 0;
  for (const b of buckets) {
    for (let r = 0; r < b.length; r++, at++) {
      const g = b.grids[r] as number;
      all[at] = g;
      byCategory[at] = pairKey(g, b.categories[r] as number);
      bySource[at] = pairKey(g, b.sources[r] as number);
    }
  }
  return { all: countKeys(all), byCategory: countKeys(byCategory), bySource: countKeys(bySource) };
}

function grow<T extends Float64Array | Int32Array | Uint16Array>(a: T, min: number): T {
  if (a.length >= min) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2));
  next.set(a);
  return next;
}

/** One hour (hH, (h+1)H] of incidents. */
export class HourBucket {
  times = new Float64Array(64);
  grids = new Int32Array(64);
  categories = new Uint16Array(64);
  sources = new Uint16Array(64);
  length = 0;
  townships = new Int32Array(16);
  private tables: GridTables | null = null;

  constructor(readonly hour: number) {}

  push(t: number, gid: number, tid: number, category: number, source: number): void {
    const n = this.length;
    if (n === this.times.length) {
      this.times = grow(this.times, n + 1);
      this.grids = grow(this.grids, n + 1);
      this.categories = grow(this.categories, n + 1);
      this.sources = grow(this.sources, n + 1);
    }
    let at = n;
    if (n > 0 && t < (this.times[n - 1] as number)) {
      at = this.firstAfter(t);
      this.times.copyWithin(at + 1, at, n);
      this.grids.copyWithin(at + 1, at, n);
      this.categories.copyWithin(at + 1, at, n);
      this.sources.copyWithin(at + 1, at, n);
    }
    this.times[at] = t;
    this.grids[at] = gid;
    this.categories[at] = category;
    this.sources[at] = source;
    this.length = n + 1;
    if (tid >= this.townships.length) this.townships = grow(this.townships, tid + 1);
    (this.townships[tid] as number)++;
    this.tables = null;
  }

  /** Index of the first row with time > t. */
  firstAfter(t: number): number {
    let lo = 0, hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Grid-level tables of the whole hour, built on first use after a change. */
  gridTables(): GridTables {
    this.tables ??= tablesOfRows([this]);
    return this.tables;
  }
}

/** One day of hour buckets: dense per-township counters, and merged grid tables on demand. */
export class DayBucket {
  townships = new Int32Array(16);
  private tables: GridTables | null = null;

  constructor(readonly day: number) {}

  count(tid: number): void {
    if (tid >= this.townships.length) this.townships = grow(this.townships, tid + 1);
    (this.townships[tid] as number)++;
    this.tables = null;
  }

  gridTables(hours: (HourBucket | undefined)[]): GridTables {
    // Straight from the rows: cheaper than building and merging 24 hour tables nobody asked for.
    this.tables ??= tablesOfRows(hours.filter((h): h is HourBucket => h !== undefined));
    return this.tables;
  }
}

/** Visits the pieces that make up the window (from, to]: partial hours (scan rows), whole hours, whole days. */
export interface WindowVisitor {
  scan(hour: number, from: number, to: number): void;
  hour(hour: number): void;
  day(day: number): void;
}

export function visitWindow(from: number, to: number, v: WindowVisitor): void {
  if (!(to > from)) return;
  const a = Math.ceil(from / HOUR_MS); // first hour boundary ≥ from
  const z = Math.floor(to / HOUR_MS); // last hour boundary ≤ to
  if (a > z) {
    v.scan(Math.ceil(to / HOUR_MS) - 1, from, to); // no boundary inside: one partial hour
    return;
  }
  if (from < a * HOUR_MS) v.scan(a - 1, from, a * HOUR_MS);
  const da = Math.ceil(a / HOURS_PER_DAY), dz = Math.floor(z / HOURS_PER_DAY);
  if (da < dz) {
    for (let h = a; h < da * HOURS_PER_DAY; h++) v.hour(h);
    for (let d = da; d < dz; d++) v.day(d);
    for (let h = dz * HOURS_PER_DAY; h < z; h++) v.hour(h);
  } else {
    for (let h = a; h < z; h++) v.hour(h);
  }
  if (to > z * HOUR_MS) v.scan(z, z * HOUR_MS, to);
}
