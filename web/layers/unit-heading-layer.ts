// Direction of travel of each patrol unit: a small arrow just ahead of its dot.
import { TextLayer } from '@deck.gl/layers';
import type { UnitMarker } from './unit-layer.ts';
import { MAP_FONT } from './palette.ts';

export interface UnitHeadingInput {
  units: readonly UnitMarker[];
  visible: boolean;
}

const ARROW_OFFSET_PX = 11;

/** Arrows rotated to each unit's heading (degrees clockwise from north). */
export function unitHeadingLayer({ units, visible }: UnitHeadingInput) {
  return new TextLayer<UnitMarker>({
    id: 'unit-heading',
    data: units as UnitMarker[],
    visible,
    pickable: false,
    getPosition: (d) => d.position,
    getText: () => '▲',
    characterSet: ['▲'],
    fontFamily: MAP_FONT,
    getSize: 9,
    sizeUnits: 'pixels',
    // deck.gl angles turn counter-clockwise; headings turn clockwise.
    getAngle: (d) => -d.heading,
    getPixelOffset: (d) => {
      const a = (d.heading * Math.PI) / 180;
      return [Math.sin(a) * ARROW_OFFSET_PX, -Math.cos(a) * ARROW_OFFSET_PX];
    },
    getColor: (d) => [...d.color, 255] as [number, number, number, number],
  });
}
