// Rolling window counts (滚动窗口统计) of incidents per township, village and grid, per category and
// per source. Incremental: add() touches a handful of sorted time series and never rescans other
// incidents; a query answers any window (now − w, now] with binary searches; incidents older than
// the retention expire by dropping prefixes.
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

export interface WindowCountsOptions {
  /** How long incidents are kept: the 30-day window plus its 环比 needs 60 days; a little slack. */
  retentionMs: number;
}

const DEFAULTS: WindowCountsOptions = { retentionMs: 62 * DAY_MS };

/** Incremental windowed counters. */
export interface WindowCounts {
  /** Counts one incident; any order of occurredAt. */
  add(i: CountableIncident): void;
  /** Incidents per township with occurredAt in (nowMs − windowMs, nowMs]; every township seen, zeros included. */
  townshipCounts(windowMs: number, nowMs: number): Record<string, number>;
}

export function createWindowCounts(options: Partial<WindowCountsOptions> = {}): WindowCounts {
  const { retentionMs } = { ...DEFAULTS, ...options };
  const townships = new Map<string, TimeSeries>();
  let latestMs = -Infinity;

  function series(map: Map<string, TimeSeries>, key: string): TimeSeries {
    let s = map.get(key);
    if (s === undefined) map.set(key, (s = new TimeSeries()));
    return s;
  }

  return {
    add(i) {
      if (!Number.isFinite(i.occurredAtMs)) return;
      if (i.occurredAtMs > latestMs) latestMs = i.occurredAtMs;
      if (i.occurredAtMs <= latestMs - retentionMs) return;
      const s = series(townships, i.townshipCode);
      s.add(i.occurredAtMs);
      if (s.first() <= latestMs - retentionMs) s.expireThrough(latestMs - retentionMs);
    },
    townshipCounts(windowMs, nowMs) {
      const out: Record<string, number> = {};
      for (const [code, s] of townships) {
        const n = s.count(nowMs - windowMs, nowMs);
        out[code] = n; // zeros too, so a client merging by key sees a count fall to 0
      }
      return out;
    },
  };
}
