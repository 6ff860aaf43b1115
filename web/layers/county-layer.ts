// The county itself: a slightly lighter ground and a bright outline, so the jurisdiction reads at a
// glance against the background or the basemap.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { CountyFeature } from '../../server/wire/index.ts';

export interface CountyInput {
  county: CountyFeature | null;
  visible: boolean;
  /** Draw the ground fill (not needed when something else covers the county). */
  filled: boolean;
}

/** Ground fill and outline of the county. */
export function countyLayer({ county, visible, filled }: CountyInput) {
  return new GeoJsonLayer({
    id: 'county',
    data: county ? [county] : [],
    visible,
    pickable: false,
    filled,
    stroked: true,
    // Translucent, so a basemap under it still shows.
    getFillColor: [22, 34, 58, 150],
    getLineColor: [56, 189, 248, 220],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
  });
}
