// Significant hotspots (Gi* over the grid cells): each hotspot's member grids outlined in a strong
// magenta that no other layer uses, thicker as its z-score grows, with its rank and count as a label.
// The fill is only a tint (alpha ≤ 60): the township choropleth and the pins underneath must stay
// readable through it. Ids are stable, so deck.gl only re-uploads when the ranking changed.
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import type { AreaGeometry } from '../../server/wire/index.ts';
import type { HotspotCellProps, HotspotLabel, HotspotRows } from './hotspot-rows.ts';
import { MAP_LABEL_PROPS, type RGB, type RGBA } from './palette.ts';

export interface HotspotLayerInput {
  rows: HotspotRows;
  visible: boolean;
}

/** Hotspot colour: distinct from the choropleth ramp's red and the fire pins. */
export const HOTSPOT_COLOR: RGB = [255, 40, 150];

/** Fill and outline alpha from the faintest to the strongest hotspot. */
export function hotspotFill(intensity: number): RGBA {
  return [...HOTSPOT_COLOR, Math.round(20 + 40 * intensity)];
}
export function hotspotLine(intensity: number): RGBA {
  return [...HOTSPOT_COLOR, Math.round(170 + 85 * intensity)];
}

export function hotspotLayers({ rows, visible }: HotspotLayerInput) {
  return [
    new GeoJsonLayer<HotspotCellProps>({
      id: 'hotspots',
      data: rows.cells as Feature<AreaGeometry, HotspotCellProps>[],
      visible,
      pickable: true,
      filled: true,
      stroked: true,
      getFillColor: (f) => hotspotFill(f.properties.intensity),
      getLineColor: (f) => hotspotLine(f.properties.intensity),
      getLineWidth: (f) => 1.5 + 1.5 * f.properties.intensity,
      lineWidthUnits: 'pixels',
    }),
    new TextLayer<HotspotLabel>({
      id: 'hotspot-labels',
      data: rows.labels,
      visible,
      pickable: true,
      getPosition: (d) => d.position,
      getText: (d) => d.text,
      getSize: (d) => 14 + 4 * d.intensity,
      getColor: [255, 255, 255, 255],
      ...MAP_LABEL_PROPS,
      fontWeight: 700,
      outlineWidth: 4,
      outlineColor: [120, 0, 70, 240],
    }),
  ];
}
