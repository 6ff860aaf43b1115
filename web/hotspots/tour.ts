// The hotspot tour (热点巡航): the wall display and the leader's briefing step through the ranked
// hotspots by themselves, one every few seconds, rank 1 first, and start over. Pure stepping here;
// the hook in use-hotspot-tour.ts moves the map and the selection.
import type { Hotspot } from '../../server/wire/index.ts';

/** How long each hotspot stays in view. */
export const TOUR_STEP_MS = 12_000;

/**
 * The hotspot after `currentId` in rank order, wrapping to the first; the first when `currentId` is
 * not (or no longer) in the ranking; null when there is nothing to tour.
 */
export function nextTourStop(hotspots: readonly Hotspot[], currentId: string | null): Hotspot | null {
  if (hotspots.length === 0) return null;
  const ranked = [...hotspots].sort((a, b) => a.rank - b.rank);
  const at = currentId === null ? -1 : ranked.findIndex((h) => h.id === currentId);
  return ranked[(at + 1) % ranked.length] ?? null;
}
