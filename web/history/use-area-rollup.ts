// Incidents per township, village and grid for the chosen pin window (the whole counting window for
// "all"), rolled up from the 30-day history columns: what the map's count labels show and what an
// area's details card says, so the two always agree.
import { useMemo } from 'react';
import { useLive } from '../live/hooks.ts';
import { PIN_WINDOW_MS, pinCutoff, pinWindowStore } from '../state/pin-window.ts';
import { useSmallStore } from '../state/small-store.ts';
import { useHistory } from './hooks.ts';
import { windowCounts, type RollupCounts } from './rollup.ts';

/** The rolled-up counts, or null until the history has loaded. */
export function useAreaRollup(): RollupCounts | null {
  const columns = useHistory((h) => h.columns);
  const rows = useHistory((h) => h.rows);
  const pinWindow = useSmallStore(pinWindowStore, (w) => w);
  const sinceMs = useLive((s) => pinCutoff(s.asOf, PIN_WINDOW_MS[pinWindow] ?? s.windowMs));
  return useMemo(() => (columns ? windowCounts(columns, sinceMs, rows) : null), [columns, rows, sinceMs]);
}
