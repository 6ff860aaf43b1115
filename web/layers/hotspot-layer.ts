// Significant hotspots (Gi* over the grid cells): each hotspot's member grids outlined and tinted
// in a strong magenta-red that no other layer uses, deeper as its z-score grows, with its rank and
// count as a label. Ids are stable, so deck.gl only re-uploads when the ranking changed.
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import type { AreaGeometry } from '../../server/wire/index.ts';
import type { HotspotCellProps, HotspotLabel, HotspotRows } from './hotspot-rows.ts';
import { MAP_FONT, type RGB, type RGBA } from './palette.ts';

export interface HotspotLayerInput {
  rows: HotspotRows;
  visible: boolean;
}

/** Hotspot colour: distinct from the choropleth ramp's red and the fire pins. */
export const HOTSPOT_COLOR: RGB = [255, 40, 150];

/** Fill and outline alpha from the faintest to the strongest hotspot. */
export function hotspotFill(intensity: number): RGBA {
  return [...HOTSPOT_COLOR, Math.round(40 + 110 * intensity)];
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
      pickable: false,
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
      pickable: false,
      getPosition: (d) => d.position,
      getText: (d) => d.text,
      getSize: (d) => 14 + 4 * d.intensity,
      getColor: [255, 255, 255, 255],
      sizeUnits: 'pixels',
      fontFamily: MAP_FONT,
      fontWeight: 700,
      fontSettings: { sdf: true, fontSize: 64, buffer: 8, radius: 16 },
      outlineWidth: 4,
      outlineColor: [120, 0, 70, 240],
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
  ];
}
