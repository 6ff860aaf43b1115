// The county itself: a bright outline, so the jurisdiction reads at a glance. No fill: the basemap
// (roads, water, built-up areas) must show through inside the county.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { CountyFeature } from '../../server/wire/index.ts';

export interface CountyInput {
  county: CountyFeature | null;
  visible: boolean;
}

/** Outline of the county. */
export function countyLayer({ county, visible }: CountyInput) {
  return new GeoJsonLayer({
    id: 'county',
    data: county ? [county] : [],
    visible,
    pickable: false,
    filled: false,
    stroked: true,
    getLineColor: [56, 189, 248, 220],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
  });
}
