// The ranked hotspots of the counting window (GET /api/v1/hotspots), re-fetched every minute: the
// statistic is computed over the whole window on the server, so a minute-old ranking is current
// enough for a wall display and costs the server one computation per client per minute.
import { useEffect } from 'react';
import type { Hotspot, HotspotsResponse } from '../../server/wire/index.ts';
import { getJson } from '../api/http.ts';
import { createSmallStore, useSmallStore } from '../state/small-store.ts';

export const HOTSPOT_REFRESH_MS = 60_000;

/** One standard window name of the server ('1h', '24h', '7d', '30d'). */
export function fetchHotspots(window: string, signal?: AbortSignal): Promise<HotspotsResponse> {
  return getJson<HotspotsResponse>(`/hotspots?window=${encodeURIComponent(window)}`, signal);
}

/** The last fetched ranking and, when the last fetch failed, why (the ranking is kept). */
export interface HotspotsState {
  hotspots: Hotspot[];
  window: HotspotsResponse['window'] | null;
  error: string | null;
}

const EMPTY: HotspotsState = { hotspots: [], window: null, error: null };

/** Shared by the map layer, the ranking panel and the details card. */
export const hotspotsStore = createSmallStore<HotspotsState>(EMPTY);

/**
 * Keeps hotspotsStore fresh for `window` while `enabled`: at once, then every minute. A failed
 * fetch keeps the last ranking and records the reason, so a brief server hiccup does not blank
 * the layer but is not silent either.
 */
export function useHotspotsFeed(window: string, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    const load = () => {
      fetchHotspots(window, ctrl.signal).then(
        (r) => hotspotsStore.set({ hotspots: r.hotspots, window: r.window, error: null }),
        (err: unknown) => {
          if (ctrl.signal.aborted) return;
          hotspotsStore.set({ ...hotspotsStore.get(), error: err instanceof Error ? err.message : String(err) });
        },
      );
    };
    load();
    const timer = setInterval(load, HOTSPOT_REFRESH_MS);
    return () => {
      clearInterval(timer);
      ctrl.abort();
    };
  }, [window, enabled]);
}

const NONE: Hotspot[] = [];

/** The current ranking, or none while the hotspot layer is off. */
export function useHotspots(enabled: boolean): Hotspot[] {
  const hotspots = useSmallStore(hotspotsStore, (s) => s.hotspots);
  return enabled ? hotspots : NONE;
}
