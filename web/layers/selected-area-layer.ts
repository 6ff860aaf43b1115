// The selected township, village or grid: a light fill and a bright outline.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import type { AreaGeometry } from '../../server/wire/index.ts';

export interface SelectedAreaInput {
  /** The selected area as a one-element array (stable while the selection stays), or empty. */
  areas: readonly Feature<AreaGeometry>[];
}

export function selectedAreaLayer({ areas }: SelectedAreaInput) {
  return new GeoJsonLayer({
    id: 'selected-area',
    data: areas as Feature<AreaGeometry>[],
    pickable: false,
    filled: true,
    stroked: true,
    getFillColor: [56, 189, 248, 55],
    getLineColor: [56, 189, 248, 255],
    getLineWidth: 2.5,
    lineWidthUnits: 'pixels',
  });
}
