// The jurisdiction and the map's static objects (cameras, routes, units), loaded once over REST and
// retried until they arrive: a wall display that starts before the server must still come up.
import type { CameraCollection, JurisdictionResponse, RouteCollection, UnitInfo } from '../../server/wire/index.ts';
import { createSmallStore, type SmallStore } from '../state/small-store.ts';
import { fetchCameras, fetchJurisdiction, fetchRoutes, fetchUnits } from './rest.ts';

export interface StaticData {
  jurisdiction: JurisdictionResponse | null;
  cameras: CameraCollection | null;
  routes: RouteCollection | null;
  units: UnitInfo[] | null;
  /** The latest load error, cleared when everything has arrived. */
  error: string | null;
}

export const EMPTY_STATIC: StaticData = { jurisdiction: null, cameras: null, routes: null, units: null, error: null };

type Key = Exclude<keyof StaticData, 'error'>;

const loaders: { [K in Key]: (signal: AbortSignal) => Promise<NonNullable<StaticData[K]>> } = {
  jurisdiction: fetchJurisdiction,
  cameras: fetchCameras,
  routes: fetchRoutes,
  units: fetchUnits,
};

/** Back-off between retries: 1 s doubling up to 30 s. */
const RETRY_MS = { first: 1000, max: 30_000 };

/** Starts loading every resource into a new store; the returned stop function cancels pending work. */
export function loadStaticData(): { store: SmallStore<StaticData>; stop: () => void } {
  const store = createSmallStore<StaticData>(EMPTY_STATIC);
  const abort = new AbortController();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  function load<K extends Key>(key: K, delay: number): void {
    loaders[key](abort.signal).then(
      (value) => {
        store.set((s) => {
          const next = { ...s, [key]: value };
          const done = next.jurisdiction && next.cameras && next.routes && next.units;
          return done ? { ...next, error: null } : next;
        });
      },
      (err: unknown) => {
        if (abort.signal.aborted) return;
        store.set((s) => ({ ...s, error: err instanceof Error ? err.message : String(err) }));
        const t = setTimeout(() => {
          timers.delete(t);
          load(key, Math.min(delay * 2, RETRY_MS.max));
        }, delay);
        timers.add(t);
      },
    );
  }

  for (const key of Object.keys(loaders) as Key[]) load(key, RETRY_MS.first);
  return {
    store,
    stop() {
      abort.abort();
      for (const t of timers) clearTimeout(t);
    },
  };
}
