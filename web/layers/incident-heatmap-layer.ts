// The heatmap of recent incidents, weighted by priority.
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Incident, IncidentPriority } from '../../server/wire/index.ts';
import { HEATMAP_RANGE } from './palette.ts';

export interface IncidentHeatmapInput {
  incidents: readonly Incident[];
  visible: boolean;
}

const WEIGHT: Record<IncidentPriority, number> = { urgent: 3, high: 2, normal: 1, low: 0.6 };

/** Kernel density of the incidents in the window. */
export function incidentHeatmapLayer({ incidents, visible }: IncidentHeatmapInput) {
  return new HeatmapLayer<Incident>({
    id: 'incident-heatmap',
    data: incidents as Incident[],
    visible,
    pickable: false,
    getPosition: (d) => [d.lng, d.lat],
    getWeight: (d) => WEIGHT[d.priority],
    radiusPixels: 45,
    intensity: 1,
    threshold: 0.06,
    colorRange: HEATMAP_RANGE,
    opacity: 0.75,
  });
}
