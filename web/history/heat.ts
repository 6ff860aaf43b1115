// The heat grid of the last day from heat.arrow, fetched while the heatmap is shown and refreshed
// every minute: the server keeps the grid incrementally, so a refresh costs one small stream.
import { useEffect, useState } from 'react';
import type { HeatColumns } from '../../server/wire/index.ts';
import { loadHeat } from './load.ts';

/** Window of the heatmap, hours (the live counting window). */
export const HEAT_WINDOW_HOURS = 24;
const REFRESH_MS = 60_000;

/** The heat grid's cells and their counts as Float32 weights (what the GPU attribute takes). */
export interface HeatSource {
  cells: HeatColumns;
  weights: Float32Array;
}

/** Latest heat grid while `enabled`, refreshed every minute; the last one stays while it refreshes. */
export function useHeatSource(enabled: boolean): HeatSource | null {
  const [source, setSource] = useState<HeatSource | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      loadHeat(HEAT_WINDOW_HOURS, ctrl.signal).then(
        (cells) => setSource({ cells, weights: Float32Array.from(cells.count) }),
        // A failed refresh keeps the last grid; the next minute tries again.
        (err: unknown) => { if (!ctrl.signal.aborted) console.warn('heat.arrow', err); },
      ).finally(() => {
        if (!ctrl.signal.aborted) timer = setTimeout(refresh, REFRESH_MS);
      });
    };
    refresh();
    return () => {
      ctrl.abort();
      if (timer !== null) clearTimeout(timer);
    };
  }, [enabled]);
  return source;
}
