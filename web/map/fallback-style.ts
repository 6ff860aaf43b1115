// A plain background style, used when the served basemap style cannot be loaded (not built, or
// the tile service is down): the overlays must keep working without a basemap.
import type { StyleSpecification } from './basemap-style.ts';

/** Background colour behind the overlays when there is no basemap. */
export const FALLBACK_BACKGROUND = '#070b16';

export const FALLBACK_STYLE: StyleSpecification = {
  version: 8,
  name: 'yizhangtu-fallback',
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': FALLBACK_BACKGROUND } }],
};
