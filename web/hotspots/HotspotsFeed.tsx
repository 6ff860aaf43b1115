// Keeps the hotspot ranking fetched while the hotspot layer is switched on (and only then): the
// map layer, the ranking panel and the details card all read the one hotspotsStore.
import { useSmallStore } from '../state/small-store.ts';
import { layerVisibilityStore } from '../state/layer-visibility.ts';
import { useHotspotsFeed } from './hotspots-api.ts';

/** The window the ranking is computed over: the live counting window of the wall. */
export const HOTSPOT_WINDOW = '24h';

export function HotspotsFeed() {
  const on = useSmallStore(layerVisibilityStore, (v) => v.hotspots);
  useHotspotsFeed(HOTSPOT_WINDOW, on);
  return null;
}
