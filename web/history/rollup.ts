// Incident counts per grid for a time window, counted from the history columns and rolled up to
// village and township by the grid code's prefix (grid = village code + 3 digits, village =
// township code + 3 digits), so every level sums to the same total.
//
// The counter is incremental: appended rows are added as they arrive (once per publish, not per
// incident), and when the window's start moves forward only the rows that left it are taken off —
// found by binary search in the time-sorted part the server sent, by a scan of the short live tail.
import type { HistoryColumns } from './columns.ts';

/** Counts per area code at each level of the hierarchy, and the total they all sum to. */
export interface RollupCounts {
  total: number;
  township: ReadonlyMap<string, number>;
  village: ReadonlyMap<string, number>;
  grid: ReadonlyMap<string, number>;
}

/** Code lengths of the statistical division codes (统计用区划代码). */
const TOWNSHIP_DIGITS = 9;
const VILLAGE_DIGITS = 12;

interface Counter {
  cutoffMs: number;
  /** Rows [0, counted) have been looked at. */
  counted: number;
  /** Per grid index: rows of [cutoffMs, ∞) among the counted ones. */
  perGrid: Int32Array;
}

const counters = new WeakMap<HistoryColumns, Counter>();

/** First row in [0, end) of the sorted part whose time is ≥ t. */
function lowerBound(c: HistoryColumns, end: number, t: number): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((c.occurredAt[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countFresh(c: HistoryColumns, cutoffMs: number): Counter {
  const counter: Counter = { cutoffMs, counted: 0, perGrid: new Int32Array(Math.max(c.grids.length, 1)) };
  // The sorted part: start at the first row inside the window.
  const from = lowerBound(c, c.sortedEnd, cutoffMs);
  for (let r = from; r < c.sortedEnd; r++) counter.perGrid[c.grid[r] as number]! += 1;
  counter.counted = c.sortedEnd;
  return counter;
}

function ensureGrids(counter: Counter, grids: number): void {
  if (counter.perGrid.length >= grids) return;
  const next = new Int32Array(Math.max(grids, counter.perGrid.length * 2));
  next.set(counter.perGrid);
  counter.perGrid = next;
}

/**
 * Brings the counter of `c` to the window [cutoffMs, ∞) and its first `rows` rows (the published
 * ones, so counts match the dots drawn); returns the count per grid index (valid until the next
 * call). A window that grows (an earlier cutoff) or fewer rows than before is counted afresh: that
 * is the user switching windows, not the clock.
 */
export function gridCounts(c: HistoryColumns, cutoffMs: number, rows = c.length): Int32Array {
  let counter = counters.get(c);
  if (!counter || cutoffMs < counter.cutoffMs || rows < counter.counted) {
    counter = countFresh(c, cutoffMs);
    counters.set(c, counter);
  }
  ensureGrids(counter, c.grids.length);
  const per = counter.perGrid;
  if (cutoffMs > counter.cutoffMs) {
    const old = counter.cutoffMs;
    // Sorted part: the rows in [old, cutoff) are contiguous.
    const a = lowerBound(c, c.sortedEnd, old);
    const b = lowerBound(c, c.sortedEnd, cutoffMs);
    for (let r = a; r < b; r++) per[c.grid[r] as number]! -= 1;
    // Live tail (arrival order): look at each counted row.
    for (let r = c.sortedEnd; r < counter.counted; r++) {
      const t = c.occurredAt[r] as number;
      if (t >= old && t < cutoffMs) per[c.grid[r] as number]! -= 1;
    }
    counter.cutoffMs = cutoffMs;
  }
  for (let r = counter.counted; r < rows; r++) {
    if ((c.occurredAt[r] as number) >= cutoffMs) per[c.grid[r] as number]! += 1;
  }
  counter.counted = rows;
  return per;
}

function add(m: Map<string, number>, code: string, n: number): void {
  m.set(code, (m.get(code) ?? 0) + n);
}

/** Rolls per-grid counts (by index into `grids`) up to villages and townships. */
export function rollUp(grids: readonly string[], perGrid: ArrayLike<number>): RollupCounts {
  const grid = new Map<string, number>();
  const village = new Map<string, number>();
  const township = new Map<string, number>();
  let total = 0;
  for (let g = 0; g < grids.length; g++) {
    const n = perGrid[g] ?? 0;
    if (n <= 0) continue;
    const code = grids[g] as string;
    add(grid, code, n);
    add(village, code.slice(0, VILLAGE_DIGITS), n);
    add(township, code.slice(0, TOWNSHIP_DIGITS), n);
    total += n;
  }
  return { total, township, village, grid };
}

/** The rolled-up counts of the first `rows` rows of `c` that occurred at or after `cutoffMs`. */
export function windowCounts(c: HistoryColumns, cutoffMs: number, rows = c.length): RollupCounts {
  return rollUp(c.grids, gridCounts(c, cutoffMs, rows));
}
