// What a click on the map selects: a point object deck.gl picked (incident, camera, unit), else the
// area of the level the zoom emphasises under the cursor, else nothing.
import type { JurisdictionResponse } from '../../server/wire/index.ts';
import { areaIndex } from '../geo/area-index.ts';
import type { Selection, SelectionKind } from '../state/selection.ts';
import type { ZoomBand } from './zoom-band.ts';

/** The point layers a click can select, by deck.gl layer id. */
const POINT_PICKS: Record<string, SelectionKind> = {
  incidents: 'incident', 'incident-history': 'incident', cameras: 'camera', units: 'unit', hotspots: 'hotspot', 'hotspot-labels': 'hotspot',
  // A count under an area's name selects that area.
  'counts-township': 'township', 'stuck-cases': 'township', 'counts-village': 'village', 'counts-grid': 'grid',
};

export interface ClickContext {
  /** deck.gl layer id and object under the cursor, if any. */
  layerId: string | null;
  object: unknown;
  /** WGS-84 position of the click. */
  coordinate: readonly number[] | null;
  jurisdiction: JurisdictionResponse | null;
  /** Whether the grid hierarchy is shown (hidden areas are not clickable). */
  areasVisible: boolean;
  band: ZoomBand;
}

export function isPointLayer(layerId: string | null | undefined): boolean {
  return !!layerId && layerId in POINT_PICKS;
}

/** The selection a click makes. */
export function selectionForClick(c: ClickContext): Selection | null {
  const kind = c.layerId ? POINT_PICKS[c.layerId] : undefined;
  if (kind && c.object) return { kind, id: (c.object as { id: string }).id };
  const [lng, lat] = c.coordinate ?? [];
  if (!c.jurisdiction || !c.areasVisible || lng === undefined || lat === undefined) return null;
  const collection = c.band === 'grid' ? c.jurisdiction.grids : c.band === 'village' ? c.jurisdiction.villages : c.jurisdiction.townships;
  const area = areaIndex<{ code: string }>(collection).find(lng, lat);
  return area ? { kind: c.band, id: area.properties.code } : null;
}
