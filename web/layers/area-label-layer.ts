// Chinese names of the areas of one level, drawn by deck.gl (no glyph server needed: air-gapped).
import { TextLayer } from '@deck.gl/layers';
import type { AreaLevel } from './area-boundary-layer.ts';
import { MAP_LABEL_PROPS, type RGBA } from './palette.ts';

/** One label: the area's name at a point inside it. */
export interface AreaLabel {
  code: string;
  name: string;
  position: [number, number];
}

export interface AreaLabelInput {
  level: AreaLevel;
  data: readonly AreaLabel[];
  visible: boolean;
  /**
   * Every character any area name uses. Given up front (rather than 'auto', which derives it from
   * the current data) so culling labels to the view never rebuilds the font atlas, and all levels
   * share one atlas.
   */
  characters: ReadonlySet<string>;
}

const STYLE: Record<AreaLevel, { size: number; color: RGBA; weight: number }> = {
  township: { size: 18, color: [241, 245, 249, 255], weight: 700 },
  village: { size: 14, color: [219, 234, 254, 245], weight: 600 },
  grid: { size: 12.5, color: [186, 206, 232, 225], weight: 500 },
};

/** Labels of one level; show only the level the zoom emphasises, so names never pile up. */
export function areaLabelLayer({ level, data, visible, characters }: AreaLabelInput) {
  const style = STYLE[level];
  return new TextLayer<AreaLabel>({
    id: `label-${level}`,
    data,
    visible,
    pickable: false,
    getPosition: (d) => d.position,
    getText: (d) => d.name,
    getSize: style.size,
    getColor: style.color,
    ...MAP_LABEL_PROPS,
    characterSet: characters as Set<string>,
    fontWeight: style.weight,
    outlineWidth: 3,
    outlineColor: [8, 13, 26, 230],
  });
}
