// The phone's position (WGS-84, as the Geolocation API gives it) while the field page is open:
// one watch for the page, read by navigation and by 发现上报. Geolocation needs a secure context
// (https or localhost); without one, or when denied, the worker taps the map instead.
import { createSmallStore, type SmallStore } from '../state/small-store.ts';

export type PositionState =
  | { state: 'pending' }
  | { state: 'ok'; lng: number; lat: number; accuracyM: number; at: number }
  | { state: 'denied' }
  | { state: 'unavailable' };

export type PositionStore = SmallStore<PositionState>;

/** A store for the position, pending until a watch reports. */
export const createPositionStore = (): PositionStore => createSmallStore<PositionState>({ state: 'pending' });

/** Watches the position into `store`; returns the function that stops watching. */
export function watchPosition(store: PositionStore): () => void {
  const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
  if (!geo) {
    store.set({ state: 'unavailable' });
    return () => undefined;
  }
  const id = geo.watchPosition(
    (p) => store.set({ state: 'ok', lng: p.coords.longitude, lat: p.coords.latitude, accuracyM: p.coords.accuracy, at: p.timestamp }),
    (err) => {
      // Keep a fix we had: a timeout after one is not a reason to forget it.
      if (store.get().state === 'ok' && err.code !== err.PERMISSION_DENIED) return;
      store.set({ state: err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable' });
    },
    { enableHighAccuracy: true, maximumAge: 15_000, timeout: 30_000 },
  );
  return () => geo.clearWatch(id);
}
