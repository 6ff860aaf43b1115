// The 一张图 choropleth: each township filled by its incident count in the current window.
import { GeoJsonLayer } from '@deck.gl/layers';
import type { TownshipCollection, TownshipCounts, TownshipProps } from '../../server/wire/index.ts';
import { HEAT_RAMP, rampColor, type RGBA } from './palette.ts';

export interface TownshipHeatInput {
  townships: TownshipCollection | null;
  counts: TownshipCounts;
  visible: boolean;
  /** Layer opacity: full at county scale, faint closer in where streets and grids matter more. */
  opacity: number;
}

const EMPTY: TownshipCollection = { type: 'FeatureCollection', features: [] };
/** Fill alpha from the quietest to the busiest township: hotspots stand out, quiet areas let the basemap through. */
const FILL_ALPHA = { min: 55, max: 150 };
const EMPTY_FILL: RGBA = [30, 41, 70, 90];

/** Largest count among townships (at least 1, so an empty window maps to the ramp's start). */
export function maxCount(counts: TownshipCounts): number {
  let max = 1;
  for (const v of Object.values(counts)) if (v > max) max = v;
  return max;
}

/** Fill colour of a township with `count` incidents when the busiest has `max`. */
export function heatFill(count: number, max: number): RGBA {
  if (!count) return EMPTY_FILL;
  // Square root keeps quieter townships distinguishable next to one very busy town centre.
  const t = Math.sqrt(count / max);
  const [r, g, b] = rampColor(HEAT_RAMP, t);
  return [r, g, b, Math.round(FILL_ALPHA.min + (FILL_ALPHA.max - FILL_ALPHA.min) * t)];
}

/** Townships coloured by count; `counts` is a new object whenever a count changed. */
export function townshipHeatLayer({ townships, counts, visible, opacity }: TownshipHeatInput) {
  const max = maxCount(counts);
  return new GeoJsonLayer<TownshipProps>({
    id: 'township-heat',
    data: townships ?? EMPTY,
    visible,
    opacity,
    pickable: false,
    filled: true,
    stroked: false,
    getFillColor: (f) => heatFill(counts[f.properties.code] ?? 0, max),
    updateTriggers: { getFillColor: counts },
  });
}
