// The heatmap's grid while the heatmap is shown: heat.arrow, refreshed every minute, with live
// incidents added as they arrive (see heat-feed.ts).
import { useEffect, useState } from 'react';
import { useLiveStore } from '../live/hooks.ts';
import { startHeatFeed, type HeatSource } from './heat-feed.ts';
import { loadHeat } from './load.ts';

export type { HeatSource } from './heat-feed.ts';

/** Window of the heatmap, hours (the live counting window). */
export const HEAT_WINDOW_HOURS = 24;
const REFRESH_MS = 60_000;

/** Latest heat grid while `enabled`, live between refreshes; the last one stays while it refreshes. */
export function useHeatSource(enabled: boolean): HeatSource | null {
  const live = useLiveStore();
  const [source, setSource] = useState<HeatSource | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    return startHeatFeed(live, {
      load: (signal) => loadHeat(HEAT_WINDOW_HOURS, signal),
      windowMs: HEAT_WINDOW_HOURS * 3_600_000,
      refreshMs: REFRESH_MS,
      now: () => Date.now(),
      onChange: setSource,
    });
  }, [enabled, live]);
  return source;
}
