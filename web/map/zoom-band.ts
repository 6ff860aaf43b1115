// Which level of the grid hierarchy fits the zoom: townships at county scale, villages closer in,
// grid cells at street scale. Boundaries, labels and area clicks follow the band.
import type { AreaLevel, Prominence } from '../layers/area-boundary-layer.ts';

export type ZoomBand = AreaLevel;

/** Zoom where villages (about 1–2 km across) become the level to read. */
export const VILLAGE_ZOOM = 12.9;
/** Zoom where grid cells (a few hundred metres) become the level to read. */
export const GRID_ZOOM = 14.4;
/** Camera wedges (tens to hundreds of metres) are drawn from this zoom on. */
export const CAMERA_FOV_ZOOM = 13.5;

export function zoomBand(zoom: number): ZoomBand {
  if (zoom >= GRID_ZOOM) return 'grid';
  if (zoom >= VILLAGE_ZOOM) return 'village';
  return 'township';
}

const ORDER: Record<AreaLevel, number> = { township: 0, village: 1, grid: 2 };

/** How prominently `level` is drawn in `band`: its own level emphasised, coarser ones as context. */
export function prominence(level: AreaLevel, band: ZoomBand): Prominence {
  if (level === band) return 'emphasised';
  if (ORDER[level] < ORDER[band]) return 'context';
  // Villages are a faint hint at county scale; the 900 grid cells only show once they are readable.
  return level === 'village' ? 'context' : 'hidden';
}
