// Turns the served hotspots into what the hotspot layer draws: the member grids' outlines (looked
// up in the jurisdiction's grid features, already in display coordinates) and one label per
// hotspot at its centre. Pure, so the mapping is tested without a GPU.
import type { Feature } from 'geojson';
import type { AreaGeometry, Hotspot } from '../../server/wire/index.ts';
import type { ToDisplay } from '../map/basemap-style.ts';

/** Properties of one member grid's outline. */
export interface HotspotCellProps {
  hotspotId: string;
  rank: number;
  z: number;
  /** 0 (just significant) … 1 (strongest): drives colour intensity. */
  intensity: number;
}

export interface HotspotLabel {
  id: string;
  rank: number;
  intensity: number;
  text: string;
  position: [number, number];
}

export interface HotspotRows {
  /** Feature `id` is the hotspot's id, so a click selects the hotspot (map/pick.ts). */
  cells: Feature<AreaGeometry, HotspotCellProps>[];
  labels: HotspotLabel[];
}

/** z at which a hotspot is drawn faintest and strongest (Gi* ≈ 1.96 is p = 0.025 one-sided). */
export const Z_FAINT = 2;
export const Z_STRONG = 6;

/** Intensity in [0, 1] of a Gi* z-score. */
export function zIntensity(z: number): number {
  if (!Number.isFinite(z)) return 0;
  return Math.min(Math.max((z - Z_FAINT) / (Z_STRONG - Z_FAINT), 0), 1);
}

/** Label text: rank and the window's count, e.g. "#1 (42)". ASCII only, so the default font atlas has it. */
export function hotspotLabelText(h: Pick<Hotspot, 'rank' | 'count'>): string {
  return `#${h.rank} (${h.count})`;
}

interface GridFeature { properties: { code: string }; geometry: AreaGeometry }

/**
 * Rows for `hotspots` over `grids` (display coordinates); `toDisplay` moves the WGS-84 centre
 * the same way. Grids the jurisdiction does not know (a reload in between) are skipped; the label
 * stays, at the centre.
 */
export function hotspotRows(hotspots: readonly Hotspot[], grids: readonly GridFeature[], toDisplay: ToDisplay): HotspotRows {
  const byCode = new Map<string, GridFeature>();
  for (const g of grids) byCode.set(g.properties.code, g);
  const cells: HotspotRows['cells'] = [];
  const labels: HotspotLabel[] = [];
  for (const h of hotspots) {
    const intensity = zIntensity(h.z);
    for (const code of h.gridCodes) {
      const g = byCode.get(code);
      if (g) cells.push({ type: 'Feature', id: h.id, geometry: g.geometry, properties: { hotspotId: h.id, rank: h.rank, z: h.z, intensity } });
    }
    labels.push({ id: h.id, rank: h.rank, intensity, text: hotspotLabelText(h), position: toDisplay(h.centre[0], h.centre[1]) });
  }
  return { cells, labels };
}
