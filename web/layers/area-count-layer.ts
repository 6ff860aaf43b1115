// Incident counts of the areas of one level (township, village or grid: the zoom band's level),
// drawn as numbers under the area names. Pickable: clicking a count selects its area.
import { TextLayer } from '@deck.gl/layers';
import type { AreaLevel } from './area-boundary-layer.ts';
import { MAP_LABEL_PROPS, type RGBA } from './palette.ts';

/** One area's count at its label point (display coordinates); `id` is the area code. */
export interface AreaCount {
  id: string;
  position: [number, number];
  count: number;
  text: string;
}

export interface AreaCountInput {
  level: AreaLevel;
  data: readonly AreaCount[];
  visible: boolean;
}

const STYLE: Record<AreaLevel, { size: number; offset: number }> = {
  township: { size: 17, offset: 19 },
  village: { size: 14, offset: 15 },
  grid: { size: 12.5, offset: 13 },
};
const COLOR: RGBA = [253, 224, 71, 255];
const DIGITS = new Set('0123456789');

/** Counts of one level; the caller shows only the zoom band's level. */
export function areaCountLayer({ level, data, visible }: AreaCountInput) {
  const style = STYLE[level];
  return new TextLayer<AreaCount>({
    id: `counts-${level}`,
    data,
    visible,
    pickable: true,
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: style.size,
    getColor: COLOR,
    // Under the name label, which sits on the same point.
    getPixelOffset: [0, style.offset],
    ...MAP_LABEL_PROPS,
    characterSet: DIGITS as Set<string>,
    fontWeight: 700,
    // Digits only: a smaller atlas is enough.
    fontSettings: { sdf: true, fontSize: 48, buffer: 6, radius: 12 },
    outlineWidth: 3,
    outlineColor: [8, 13, 26, 235],
  });
}
