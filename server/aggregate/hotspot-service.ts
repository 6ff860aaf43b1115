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
      let perCategory: [string, Record<string, number>][] | undefined; // per-grid counts of each category, on first need
      return detector.detect(
        {
          current,
          previous: counts.counts('grid', windowMs, nowMs - windowMs),
          weekEarlier: counts.counts('grid', windowMs, nowMs - WEEK_MS),
          categoriesOf(gridCodes) {
            // One per-grid count per category, shared by all hotspots — not one query per grid.
            perCategory ??= Object.keys(counts.breakdown('category', windowMs, nowMs)).map((category) => [category, counts.counts('grid', windowMs, nowMs, { category })]);
            const out: Record<string, number> = {};
            for (const [category, perGrid] of perCategory) out[category] = gridCodes.reduce((s, code) => s + (perGrid[code] ?? 0), 0);
            return out;
          },
        },
        options,
      );
    },
  };
}
