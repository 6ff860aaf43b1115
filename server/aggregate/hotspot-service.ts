// Hotspots of a window, straight from the live window counts: the glue between WindowCounts and
// the pure detector, used by GET /api/v1/hotspots.
import type { GridCollection } from '../wire/index.ts';
import { createHotspotDetector, type Hotspot, type HotspotOptions } from './hotspots.ts';
import { WEEK_MS, type WindowCounts } from './window-counts.ts';

export interface HotspotService {
  /** Ranked hotspots of (nowMs − windowMs, nowMs], compared with the previous window and a week earlier. */
  hotspots(windowMs: number, nowMs: number, options?: Partial<HotspotOptions>): Hotspot[];
}

export function createHotspotService(grids: GridCollection, counts: WindowCounts): HotspotService {
  const detector = createHotspotDetector(grids);
  return {
    hotspots(windowMs, nowMs, options) {
      const current = counts.counts('grid', windowMs, nowMs);
      return detector.detect(
        {
          current,
          previous: counts.counts('grid', windowMs, nowMs - windowMs),
          weekEarlier: counts.counts('grid', windowMs, nowMs - WEEK_MS),
          categoriesOf(gridCodes) {
            // One per-grid count per category (a handful of queries), not one query per grid.
            const out: Record<string, number> = {};
            for (const category of Object.keys(counts.breakdown('category', windowMs, nowMs))) {
              const perGrid = counts.counts('grid', windowMs, nowMs, { category });
              out[category] = gridCodes.reduce((s, code) => s + (perGrid[code] ?? 0), 0);
            }
            return out;
          },
        },
        options,
      );
    },
  };
}
