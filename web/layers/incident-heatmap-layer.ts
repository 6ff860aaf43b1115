// The heatmap of recent incidents, from the server's heat grid (heat.arrow: 250 m cells with
// counts, live incidents added in the browser) as binary attributes: a few thousand weighted cell
// centres instead of every incident.
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { COORDINATE_SYSTEM } from '@deck.gl/core';
import { HEATMAP_RANGE } from './palette.ts';

/** The cells as deck.gl binary data: centres as offsets from `origin`, weight = incidents. */
export interface HeatCellsData {
  length: number;
  attributes: {
    getPosition: { value: Float32Array; size: 2 };
    getWeight: { value: Float32Array; size: 1 };
  };
}

export interface IncidentHeatmapInput {
  cells: HeatCellsData | null;
  origin: readonly [number, number];
  visible: boolean;
}

const EMPTY: HeatCellsData = {
  length: 0,
  attributes: { getPosition: { value: new Float32Array(0), size: 2 }, getWeight: { value: new Float32Array(0), size: 1 } },
};

/** Kernel density of the incidents in the heat window. */
export function incidentHeatmapLayer({ cells, origin, visible }: IncidentHeatmapInput) {
  return new HeatmapLayer<unknown>({
    id: 'incident-heatmap',
    data: cells ?? EMPTY,
    visible: visible && !!cells,
    pickable: false,
    coordinateSystem: COORDINATE_SYSTEM.LNGLAT_OFFSETS,
    coordinateOrigin: [origin[0], origin[1], 0],
    radiusPixels: 45,
    intensity: 1,
    threshold: 0.06,
    colorRange: HEATMAP_RANGE,
    opacity: 0.75,
  });
}
