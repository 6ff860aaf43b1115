// Live incident pins: colour by category, size by priority, newest drawn on top.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Incident } from '../../server/wire/index.ts';
import { CATEGORY_COLORS, PRIORITY_RADIUS } from './palette.ts';

export interface IncidentInput {
  /** Newest first; a new array only when the incidents changed. */
  incidents: readonly Incident[];
  visible: boolean;
  /** Multiplies every pin's radius: smaller at county scale, where thousands share the screen. */
  radiusScale: number;
}

/** Pins of the incidents in the window. */
export function incidentLayer({ incidents, visible, radiusScale }: IncidentInput) {
  return new ScatterplotLayer<Incident>({
    id: 'incidents',
    // Reversed view so the newest pin is drawn last (on top); memoised by the caller's data reference.
    data: oldestFirst(incidents),
    visible,
    pickable: true,
    filled: true,
    stroked: true,
    radiusUnits: 'pixels',
    radiusScale,
    radiusMinPixels: 2,
    lineWidthUnits: 'pixels',
    lineWidthMaxPixels: 1.5,
    getPosition: (d) => [d.lng, d.lat],
    getRadius: (d) => PRIORITY_RADIUS[d.priority],
    getFillColor: (d) => CATEGORY_COLORS[d.category],
    getLineColor: [255, 255, 255, 230],
    getLineWidth: radiusScale < 0.8 ? 0.75 : 1.5,
    updateTriggers: { getLineWidth: radiusScale < 0.8 },
  });
}

const reversed = new WeakMap<readonly Incident[], Incident[]>();

/** The same incidents oldest first, cached per input array so the layer's data keeps its reference. */
function oldestFirst(incidents: readonly Incident[]): Incident[] {
  let r = reversed.get(incidents);
  if (!r) {
    r = [...incidents].reverse();
    reversed.set(incidents, r);
  }
  return r;
}
