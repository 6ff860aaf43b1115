// Colours and sizes of map symbols, shared by the layers and the legend so they always agree.
// Chosen for a dark command-centre map: saturated symbols, quiet boundaries.
import type { CameraState, CaseStage, IncidentCategory, IncidentPriority, UnitState } from '../../server/wire/index.ts';

export type RGB = [number, number, number];
export type RGBA = [number, number, number, number];

export const CATEGORY_COLORS: Record<IncidentCategory, RGB> = {
  dispute: [251, 146, 60], // 矛盾纠纷: orange
  'public-order': [96, 165, 250], // 治安: police blue
  fire: [244, 63, 94], // 消防: red
  traffic: [250, 204, 21], // 交通: yellow
  'work-safety': [192, 132, 252], // 安全生产: violet
  environment: [74, 222, 128], // 环境: green
  'public-service': [45, 212, 191], // 民生服务: teal
  other: [203, 213, 225], // 其他: grey
};

/** Pin radius in screen pixels: urgent incidents must stand out on a wall across the room. */
export const PRIORITY_RADIUS: Record<IncidentPriority, number> = { urgent: 10, high: 7.5, normal: 5.5, low: 4 };

/**
 * A pin's outline says where its case is in the closed loop: white waits for 受理, cyan is being
 * dispatched and handled, violet waits for 核查, grey is closed (and its fill fades).
 */
export const STAGE_OUTLINE: Record<CaseStage, RGBA> = {
  intake: [255, 255, 255, 235],
  accepted: [34, 211, 238, 255],
  dispatched: [34, 211, 238, 255],
  handling: [34, 211, 238, 255],
  verifying: [167, 139, 250, 255],
  verified: [167, 139, 250, 255],
  archived: [100, 116, 139, 200],
  merged: [100, 116, 139, 200],
};

/** The stage groups the legend names, with the stage whose outline stands for each. */
export const STAGE_GROUPS = [
  { key: 'intake', stage: 'intake' },
  { key: 'open', stage: 'handling' },
  { key: 'verifying', stage: 'verifying' },
  { key: 'closed', stage: 'archived' },
] as const satisfies readonly { key: string; stage: CaseStage }[];

/** Fill alpha of a closed case's pin: still there, no longer calling for attention. */
export const CLOSED_FILL_ALPHA = 80;

/** The ring of a case past its time limit (超时), and of the stuck-case (卡点) badges. */
export const OVERDUE_RED: RGB = [239, 68, 68];

export const CAMERA_COLORS: Record<CameraState, RGB> = {
  online: [52, 211, 153],
  offline: [100, 116, 139],
  fault: [251, 113, 133],
};

export const UNIT_STATE_RING: Record<UnitState, RGB> = {
  available: [255, 255, 255],
  dispatched: [251, 191, 36],
  'off-duty': [100, 116, 139],
};

/** Choropleth ramp, low → high (deep blue → amber → red), with the fill alpha applied separately. */
export const HEAT_RAMP: RGB[] = [
  [30, 58, 110],
  [37, 99, 235],
  [14, 165, 233],
  [250, 204, 21],
  [249, 115, 22],
  [239, 68, 68],
];

/** Heatmap colours, transparent-ish blue through to hot white-red. */
export const HEATMAP_RANGE: RGB[] = [
  [37, 99, 235],
  [14, 165, 233],
  [74, 222, 128],
  [250, 204, 21],
  [249, 115, 22],
  [239, 68, 68],
];

/** Colour of `t` in [0, 1] on a ramp, linearly interpolated. */
export function rampColor(ramp: readonly RGB[], t: number): RGB {
  const x = Math.min(Math.max(Number.isFinite(t) ? t : 0, 0), 1) * (ramp.length - 1);
  const i = Math.min(Math.floor(x), ramp.length - 2);
  const f = x - i;
  const a = ramp[i] ?? [0, 0, 0];
  const b = ramp[i + 1] ?? a;
  return [0, 1, 2].map((k) => Math.round((a[k] ?? 0) + ((b[k] ?? 0) - (a[k] ?? 0)) * f)) as RGB;
}

/** CSS colour of an RGB triple, for panels and the legend. */
export function css([r, g, b]: RGB, alpha = 1): string {
  return alpha === 1 ? `rgb(${r} ${g} ${b})` : `rgb(${r} ${g} ${b} / ${alpha})`;
}

/** Font stack with a CJK face first: labels must never fall back to tofu boxes. */
export const MAP_FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/**
 * What every map text label shares: pixel sizes, the map font as SDF (crisp when scaled, with an
 * outline that keeps it readable over any fill), centred on its point.
 */
export const MAP_LABEL_PROPS = {
  sizeUnits: 'pixels',
  fontFamily: MAP_FONT,
  fontSettings: { sdf: true, fontSize: 64, buffer: 8, radius: 16 },
  getTextAnchor: 'middle',
  getAlignmentBaseline: 'center',
} as const;
