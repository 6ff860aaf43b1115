// The 卡点 layer: a red badge over each township with overdue open cases, with their count, so a
// leader sees where cases are stuck at a glance. Pickable: a badge selects its township.
import { TextLayer } from '@deck.gl/layers';
import type { StuckRow } from './stuck-rows.ts';
import { MAP_LABEL_PROPS, OVERDUE_RED } from './palette.ts';

export interface StuckInput {
  rows: readonly StuckRow[];
  visible: boolean;
  /** The badge's words around the count, e.g. n => `超时 ${n}`. */
  text: (n: number) => string;
}

export function stuckLayer({ rows, visible, text }: StuckInput) {
  const labels = rows.map((r) => text(r.overdue));
  return new TextLayer<StuckRow>({
    id: 'stuck-cases',
    data: rows as StuckRow[],
    visible,
    pickable: true,
    getPosition: (d) => d.position,
    getText: (_d, { index }) => labels[index] ?? '',
    getSize: 15,
    getColor: [255, 255, 255, 255],
    // Above the township's name, which sits on the same point.
    getPixelOffset: [0, -27],
    ...MAP_LABEL_PROPS,
    // Every digit up front, so a count changing never rebuilds the font atlas.
    characterSet: new Set(text(1234567890)),
    fontWeight: 700,
    background: true,
    getBackgroundColor: [...OVERDUE_RED, 235],
    getBorderColor: [255, 255, 255, 220],
    getBorderWidth: 1,
    backgroundPadding: [7, 2],
    backgroundBorderRadius: 9,
    updateTriggers: { getText: labels.join('|') },
  });
}
