// Subscriptions to the map's view for components that only care about coarse changes (the zoom
// band, whether wedges show): they re-render when the answer changes, not on every frame.
import { useSyncExternalStore } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';

/** A value derived from the map's view, recomputed on every zoom, re-rendering only when it changes. */
export function useMapView<T extends string | number | boolean>(map: MapLibreMap, read: (map: MapLibreMap) => T): T {
  return useSyncExternalStore(
    (onChange) => {
      map.on('zoom', onChange);
      map.on('move', onChange);
      return () => {
        map.off('zoom', onChange);
        map.off('move', onChange);
      };
    },
    () => read(map),
  );
}
