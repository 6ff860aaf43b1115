// The county itself: a slightly lighter ground and a bright outline, so the jurisdiction reads at a
// glance against the empty background until the offline basemap arrives.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { CountyFeature } from '../../server/wire/index.ts';

export interface CountyInput {
  county: CountyFeature | null;
  visible: boolean;
}

/** Ground fill and outline of the county. */
export function countyLayer({ county, visible }: CountyInput) {
  return new GeoJsonLayer({
    id: 'county',
    data: county ? [county] : [],
    visible,
    pickable: false,
    filled: true,
    stroked: true,
    getFillColor: [22, 34, 58, 255],
    getLineColor: [56, 189, 248, 220],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
  });
}
