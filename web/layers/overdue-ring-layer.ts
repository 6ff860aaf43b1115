// The red ring around a pin whose case is past its time limit (超时): on top of the pins, a little
// wider than the largest, so it reads at county scale on a wall across the room.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { OverduePoint } from '../cases/case-pins.ts';
import { OVERDUE_RED, PRIORITY_RADIUS } from './palette.ts';

export interface OverdueRingInput {
  /** The overdue cases (display coordinates); a new array only when the set changed. */
  points: readonly OverduePoint[];
  visible: boolean;
  radiusScale: number;
}

/** Gap between a pin's edge and its ring, px. */
const GAP_PX = 3;

export function overdueRingLayer({ points, visible, radiusScale }: OverdueRingInput) {
  return new ScatterplotLayer<OverduePoint>({
    id: 'incident-overdue',
    data: points as OverduePoint[],
    visible,
    pickable: false,
    filled: false,
    stroked: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    getPosition: (d) => [d.lng, d.lat],
    getRadius: (d) => Math.max(PRIORITY_RADIUS[d.priority] * radiusScale, 2) + GAP_PX,
    getLineColor: [...OVERDUE_RED, 255],
    getLineWidth: radiusScale < 0.8 ? 2 : 2.5,
    updateTriggers: { getRadius: radiusScale, getLineWidth: radiusScale < 0.8 },
  });
}
