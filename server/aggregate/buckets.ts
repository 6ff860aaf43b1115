// Time buckets behind the windowed counts. An hour bucket holds the raw rows of its incidents
// (time, grid, category, source — needed to cut a window exactly at any millisecond) and dense
// per-township counters; whole days are answered from their hours (dense township counters) or from
// day tables built on demand.
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
    b.forEachRow((g, category, source) => {
      all[at] = g;
      byCategory[at] = pairKey(g, category);
      bySource[at] = pairKey(g, source);
      at++;
    });
  }
  return { all: countKeys(all), byCategory: countKeys(byCategory), bySource: countKeys(bySource) };
}

/** `a` itself if it holds `min` entries, else a copy at least twice as long (amortised O(1) growth). */
export function grow(a: Int32Array<ArrayBuffer>, min: number): Int32Array<ArrayBuffer> {
  if (a.length >= min) return a;
  const next = new Int32Array(Math.max(min, a.length * 2));
  next.set(a);
  return next;
}

/** Rows a new hour bucket has room for before its first growth. */
const MIN_CAPACITY = 64;

/**
 * One hour (hH, (h+1)H] of incidents. Rows live struct-of-arrays in typed columns with amortised
 * doubling (and a starting capacity guessed from the previous hour, so a steady feed rarely grows
 * at all): an append is four indexed stores, no object and no per-row garbage. Rows are appended
 * in arrival order; a late row only marks the bucket unsorted, and the next scan merges the late
 * tail into the sorted prefix once (cheaper than shifting rows on every late add).
 */
export class HourBucket {
  private times: Float64Array;
  private gridIds: Int32Array;
  private categoryIds: Int32Array;
  private sourceIds: Int32Array;
  private n = 0;
  /** Rows [0, sortedUpTo) are in time order. */
  private sortedUpTo = 0;
  townships = new Int32Array(16);
  private tables: GridTables | null = null;

  constructor(
    readonly hour: number,
    capacity = MIN_CAPACITY,
  ) {
    const c = Math.max(MIN_CAPACITY, Math.ceil(capacity));
    this.times = new Float64Array(c);
    this.gridIds = new Int32Array(c);
    this.categoryIds = new Int32Array(c);
    this.sourceIds = new Int32Array(c);
  }

  get length(): number {
    return this.n;
  }

  push(t: number, gid: number, tid: number, category: number, source: number): void {
    const n = this.n;
    if (n === this.times.length) this.resize(n * 2);
    if (this.sortedUpTo === n && (n === 0 || t >= (this.times[n - 1] as number))) this.sortedUpTo = n + 1;
    this.times[n] = t;
    this.gridIds[n] = gid;
    this.categoryIds[n] = category;
    this.sourceIds[n] = source;
    this.n = n + 1;
    if (tid >= this.townships.length) this.townships = grow(this.townships, tid + 1);
    (this.townships[tid] as number)++;
    this.tables = null;
  }

  /** Calls visit(grid, category, source) for every row with lo < t ≤ hi. */
  scan(lo: number, hi: number, visit: (gid: number, category: number, source: number) => void): void {
    this.sort();
    const { gridIds, categoryIds, sourceIds } = this;
    for (let r = this.firstAfter(lo), end = this.firstAfter(hi); r < end; r++) visit(gridIds[r] as number, categoryIds[r] as number, sourceIds[r] as number);
  }

  /** Grid-level tables of the whole hour, built on first use after a change. */
  gridTables(): GridTables {
    this.tables ??= tablesOfRows([this]);
    return this.tables;
  }

  /** Visits every row in any order (for building tables). */
  forEachRow(visit: (gid: number, category: number, source: number) => void): void {
    for (let r = 0; r < this.n; r++) visit(this.gridIds[r] as number, this.categoryIds[r] as number, this.sourceIds[r] as number);
  }

  private resize(capacity: number): void {
    const times = new Float64Array(capacity), gridIds = new Int32Array(capacity);
    const categoryIds = new Int32Array(capacity), sourceIds = new Int32Array(capacity);
    times.set(this.times.subarray(0, this.n));
    gridIds.set(this.gridIds.subarray(0, this.n));
    categoryIds.set(this.categoryIds.subarray(0, this.n));
    sourceIds.set(this.sourceIds.subarray(0, this.n));
    this.times = times;
    this.gridIds = gridIds;
    this.categoryIds = categoryIds;
    this.sourceIds = sourceIds;
  }

  /** Index of the first row with time > t (rows sorted). */
  private firstAfter(t: number): number {
    let lo = 0, hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Merges the unsorted tail (late rows and whatever followed them) into the sorted prefix. */
  private sort(): void {
    const n = this.n, from = this.sortedUpTo;
    if (from >= n) return;
    const { times, gridIds, categoryIds, sourceIds } = this;
    const tail = Array.from({ length: n - from }, (_, k) => from + k).sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
    const capacity = times.length;
    const t2 = new Float64Array(capacity), g2 = new Int32Array(capacity), c2 = new Int32Array(capacity), s2 = new Int32Array(capacity);
    let i = 0, j = 0;
    for (let k = 0; k < n; k++) {
      const useHead = j >= tail.length || (i < from && (times[i] as number) <= (times[tail[j] as number] as number));
      const r = useHead ? i++ : (tail[j++] as number);
      t2[k] = times[r] as number;
      g2[k] = gridIds[r] as number;
      c2[k] = categoryIds[r] as number;
      s2[k] = sourceIds[r] as number;
    }
    this.times = t2;
    this.gridIds = g2;
    this.categoryIds = c2;
    this.sourceIds = s2;
    this.sortedUpTo = n;
  }
}

/**
 * One day's grid tables, built on demand from its hours' rows and kept while the day's row count
 * is unchanged (rows are only ever added, or whole hours expired): add() never touches days.
 */
export class DayTables {
  private rows = -1;
  private tables: GridTables | null = null;

  get(hours: HourBucket[]): GridTables {
    let rows = 0;
    for (const h of hours) rows += h.length;
    if (this.tables === null || rows !== this.rows) {
      // Straight from the rows: cheaper than building and merging 24 hour tables nobody asked for.
      this.tables = tablesOfRows(hours);
      this.rows = rows;
    }
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
