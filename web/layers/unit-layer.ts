// Patrol units (群防群治/巡逻力量) at their latest fix: a dot in their team's colour, ringed by state.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { UnitState } from '../../server/wire/index.ts';
import { UNIT_STATE_RING, type RGB } from './palette.ts';

/** A unit's latest fix joined with its team colour, ready to draw. */
export interface UnitMarker {
  id: string;
  position: [number, number];
  heading: number;
  state: UnitState;
  color: RGB;
}

export interface UnitInput {
  units: readonly UnitMarker[];
  visible: boolean;
}

/** Unit dots; `units` is a new array only when a fix arrived. */
export function unitLayer({ units, visible }: UnitInput) {
  return new ScatterplotLayer<UnitMarker>({
    id: 'units',
    data: units as UnitMarker[],
    visible,
    pickable: true,
    filled: true,
    stroked: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    getPosition: (d) => d.position,
    getRadius: 6,
    getFillColor: (d) => d.color,
    getLineColor: (d) => UNIT_STATE_RING[d.state],
    getLineWidth: 2,
  });
}
