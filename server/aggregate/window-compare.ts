// 环比 and week-on-week: each unit's count in a window beside the previous window of the same
// length and the same window one week earlier.
import { WEEK_MS, type CountFilter, type Level, type WindowCounts } from './window-counts.ts';

/** One unit's window with its two comparisons; change = (current − before) / before, null when before is 0. */
export interface WindowComparison {
  current: number;
  /** (now − 2w, now − w]: the previous window of the same length (环比). */
  previous: number;
  /** (now − w − 7 d, now − 7 d]: the same window a week earlier (同期, week on week). */
  weekEarlier: number;
  changeVsPrevious: number | null;
  changeVsWeekEarlier: number | null;
}

export function change(current: number, before: number): number | null {
  return before === 0 ? null : (current - before) / before;
}

/** Comparisons for every unit of a level (units seen in any of the three windows). */
export function compareWindows(counts: WindowCounts, level: Level, windowMs: number, nowMs: number, filter?: CountFilter): Record<string, WindowComparison> {
  const current = counts.counts(level, windowMs, nowMs, filter);
  const previous = counts.counts(level, windowMs, nowMs - windowMs, filter);
  const weekEarlier = counts.counts(level, windowMs, nowMs - WEEK_MS, filter);
  const out: Record<string, WindowComparison> = {};
  for (const code of new Set([...Object.keys(current), ...Object.keys(previous), ...Object.keys(weekEarlier)])) {
    const c = current[code] ?? 0, p = previous[code] ?? 0, w = weekEarlier[code] ?? 0;
    out[code] = { current: c, previous: p, weekEarlier: w, changeVsPrevious: change(c, p), changeVsWeekEarlier: change(c, w) };
  }
  return out;
}
