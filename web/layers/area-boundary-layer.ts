// Boundaries of one level of the grid hierarchy (乡镇/街道, 村/社区, 网格). The level that fits the
// current zoom is emphasised; the others stay quiet or hidden. Lines only: clicks on areas are
// answered by a spatial index (geo/area-index.ts), so no invisible full-screen fill is drawn.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { FeatureCollection } from 'geojson';
import type { AreaGeometry } from '../../server/wire/index.ts';
import type { RGBA } from './palette.ts';

export type AreaLevel = 'township' | 'village' | 'grid';

/** How prominently a level is drawn at the current zoom. */
export type Prominence = 'emphasised' | 'context' | 'hidden';

export interface AreaBoundaryInput {
  level: AreaLevel;
  data: FeatureCollection<AreaGeometry, { code: string }> | null;
  visible: boolean;
  prominence: Prominence;
}

const STYLE: Record<AreaLevel, Record<Exclude<Prominence, 'hidden'>, { color: RGBA; width: number }>> = {
  township: { emphasised: { color: [147, 197, 253, 235], width: 2.4 }, context: { color: [147, 197, 253, 200], width: 1.8 } },
  village: { emphasised: { color: [125, 170, 225, 190], width: 1.3 }, context: { color: [125, 170, 225, 70], width: 0.8 } },
  grid: { emphasised: { color: [120, 150, 190, 150], width: 0.9 }, context: { color: [120, 150, 190, 50], width: 0.6 } },
};

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Outline of every area of one level. */
export function areaBoundaryLayer({ level, data, visible, prominence }: AreaBoundaryInput) {
  const style = STYLE[level][prominence === 'hidden' ? 'context' : prominence];
  return new GeoJsonLayer<{ code: string }>({
    id: `area-${level}`,
    data: data ?? EMPTY,
    visible: visible && prominence !== 'hidden',
    pickable: false,
    filled: false,
    stroked: true,
    getLineColor: style.color,
    getLineWidth: style.width,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    updateTriggers: { getLineColor: prominence, getLineWidth: prominence },
  });
}
