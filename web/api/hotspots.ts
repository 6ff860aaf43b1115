// The ranked hotspots of the counting window (GET /api/v1/hotspots), re-fetched every minute: the
// statistic is computed over the whole window on the server, so a minute-old ranking is current
// enough for a wall display and costs the server one computation per client per minute.
import { useEffect, useState } from 'react';
import type { Hotspot, HotspotsResponse } from '../../server/wire/index.ts';
import { getJson } from './http.ts';

export const HOTSPOT_REFRESH_MS = 60_000;

/** One standard window name of the server ('1h', '24h', '7d', '30d'). */
export function fetchHotspots(window: string, signal?: AbortSignal): Promise<HotspotsResponse> {
  return getJson<HotspotsResponse>(`/hotspots?window=${encodeURIComponent(window)}`, signal);
}

const NONE: Hotspot[] = [];

/**
 * The hotspots of `window`, refreshed every minute and at once when the window changes; while
 * `enabled` is false nothing is fetched. A failed fetch keeps the last ranking (the next try is a
 * minute later), so a brief server hiccup does not blank the layer.
 */
export function useHotspots(window: string, enabled: boolean): Hotspot[] {
  const [hotspots, setHotspots] = useState<Hotspot[]>(NONE);
  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    const load = () => {
      fetchHotspots(window, ctrl.signal).then((r) => setHotspots(r.hotspots), () => {
        // Aborted or failed: keep what is shown.
      });
    };
    load();
    const timer = setInterval(load, HOTSPOT_REFRESH_MS);
    return () => {
      clearInterval(timer);
      ctrl.abort();
    };
  }, [window, enabled]);
  return enabled ? hotspots : NONE;
}
