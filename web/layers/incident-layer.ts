// Live incident pins: colour by category, size by priority, outline by the case's stage in the
// closed loop (a closed case's pin fades), newest drawn on top.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Incident } from '../../server/wire/index.ts';
import { isOpenStage } from '../../server/wire/case.ts';
import type { CaseViews } from '../cases/case-views.ts';
import { pinStage } from '../cases/case-pins.ts';
import { CATEGORY_COLORS, CLOSED_FILL_ALPHA, PRIORITY_RADIUS, STAGE_OUTLINE, type RGBA } from './palette.ts';

export interface IncidentInput {
  /** Newest first; a new array only when the incidents changed. */
  incidents: readonly Incident[];
  visible: boolean;
  /** Multiplies every pin's radius: smaller at county scale, where thousands share the screen. */
  radiusScale: number;
  /** Newer views of the cases that changed (a new map whenever one did). */
  views: CaseViews;
}

/** Pins of the incidents in the window. */
export function incidentLayer({ incidents, visible, radiusScale, views }: IncidentInput) {
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
    getPosition: (d) => [d.lng, d.lat],
    getRadius: (d) => PRIORITY_RADIUS[d.priority],
    lineWidthMaxPixels: 2,
    getFillColor: (d): RGBA => {
      const [r, g, b] = CATEGORY_COLORS[d.category];
      return [r, g, b, isOpenStage(pinStage(d, views)) ? 255 : CLOSED_FILL_ALPHA];
    },
    getLineColor: (d) => STAGE_OUTLINE[pinStage(d, views)],
    getLineWidth: radiusScale < 0.8 ? 1 : 2,
    updateTriggers: { getLineWidth: radiusScale < 0.8, getFillColor: views, getLineColor: views },
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
