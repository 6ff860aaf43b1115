// A ring around the selected pin, camera or unit, so the eye finds it after a fly-to.
import { ScatterplotLayer } from '@deck.gl/layers';

export interface SelectionInput {
  /** Where the selected point object is: one position, or none when nothing (or an area) is selected. */
  positions: readonly [number, number][];
}

/** One pulsing-free ring (a wall display must not animate needlessly). */
export function selectionLayer({ positions }: SelectionInput) {
  return new ScatterplotLayer<[number, number]>({
    id: 'selection',
    data: positions as [number, number][],
    pickable: false,
    filled: false,
    stroked: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    getPosition: (d) => d,
    getRadius: 17,
    getLineColor: [56, 189, 248, 255],
    getLineWidth: 3,
  });
}
