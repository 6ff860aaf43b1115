// Runs the hotspot tour while `active`: selects the next ranked hotspot (its details card opens)
// and fits the map to its extent, every TOUR_STEP_MS. Stops by itself when the ranking empties.
import { useEffect } from 'react';
import { flyToExtent } from '../map/map-handle.ts';
import { select, selectionStore } from '../state/selection.ts';
import { hotspotsStore } from './hotspots-api.ts';
import { nextTourStop, TOUR_STEP_MS } from './tour.ts';

export function useHotspotTour(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const step = () => {
      const current = selectionStore.get();
      const stop = nextTourStop(hotspotsStore.get().hotspots, current?.kind === 'hotspot' ? current.id : null);
      if (!stop) return;
      select({ kind: 'hotspot', id: stop.id });
      flyToExtent(stop.extent);
    };
    step();
    const timer = setInterval(step, TOUR_STEP_MS);
    return () => clearInterval(timer);
  }, [active]);
}
