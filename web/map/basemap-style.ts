// The basemap style. For now a plain background: the offline vector basemap replaces this file
// (its owner is the basemap engineer). Everything else draws with deck.gl and does not depend on it.
import type { MapOptions } from 'maplibre-gl';

/** MapLibre's style document type (maplibre-gl does not re-export it under this name). */
export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;

const BACKGROUND: Record<'day' | 'dark', string> = {
  day: '#e9edf2',
  dark: '#070b16',
};

/** A style with only a background layer, in the day or dark theme. */
export function basemapStyle(theme: 'day' | 'dark'): StyleSpecification {
  return {
    version: 8,
    name: `yizhangtu-${theme}`,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BACKGROUND[theme] } }],
  };
}
