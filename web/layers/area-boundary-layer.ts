// Boundaries of one level of the grid hierarchy (乡镇/街道, 村/社区, 网格). The level that fits the
// current zoom is emphasised and is the one a click selects; the others stay quiet or hidden.
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
  /** Code of the selected area of this level, highlighted. */
  selectedCode: string | null;
}

const STYLE: Record<AreaLevel, Record<Exclude<Prominence, 'hidden'>, { color: RGBA; width: number }>> = {
  township: { emphasised: { color: [147, 197, 253, 235], width: 2.4 }, context: { color: [147, 197, 253, 200], width: 1.8 } },
  village: { emphasised: { color: [125, 170, 225, 190], width: 1.3 }, context: { color: [125, 170, 225, 70], width: 0.8 } },
  grid: { emphasised: { color: [120, 150, 190, 150], width: 0.9 }, context: { color: [120, 150, 190, 50], width: 0.6 } },
};

// Nearly transparent, not fully: the fill is what a click on the area hits.
const CLICK_FILL: RGBA = [0, 0, 0, 1];
const SELECTED_FILL: RGBA = [56, 189, 248, 70];

/** Lines of one area level, with an almost invisible fill that makes the areas clickable. */
export function areaBoundaryLayer({ level, data, visible, prominence, selectedCode }: AreaBoundaryInput) {
  const style = STYLE[level][prominence === 'hidden' ? 'context' : prominence];
  return new GeoJsonLayer<{ code: string }>({
    id: `area-${level}`,
    data: data ?? EMPTY,
    visible: visible && prominence !== 'hidden',
    pickable: prominence === 'emphasised',
    filled: true,
    stroked: true,
    getFillColor: (f) => (f.properties.code === selectedCode ? SELECTED_FILL : CLICK_FILL),
    getLineColor: style.color,
    getLineWidth: style.width,
    lineWidthUnits: 'pixels',
    lineJointRounded: true,
    updateTriggers: { getFillColor: selectedCode, getLineColor: prominence, getLineWidth: prominence },
  });
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
