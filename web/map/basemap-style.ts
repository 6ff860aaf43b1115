// The basemap: the offline style the server serves under /tiles (tiles/styles, built by
// `npm run tiles`), always from this page's own host. Also what overlays need to line up with
// it: the basemap's coordinate system (a county may plug in a GCJ-02 raster basemap) and the
// WGS-84 → display transform to apply to every position drawn on top.
import type { Map as MapLibreMap, MapOptions } from 'maplibre-gl';
import {
  basemapCrsOf,
  fromDisplayFor,
  STYLE_ATTRIBUTION_KEY,
  toDisplayFor,
  type BasemapCrs,
  type ToDisplay,
} from '../../tiles/crs/display.ts';

export { fromDisplayFor, toDisplayFor, type BasemapCrs, type ToDisplay };

/** MapLibre's style document type (maplibre-gl does not re-export it under this name). */
export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;

export type BasemapTheme = 'day' | 'dark';

/** URL of the basemap style for a theme (day: duty console, dark: wall display), on this host. */
export function basemapStyle(theme: BasemapTheme): string {
  return new URL(`/tiles/styles/${theme}.json`, globalThis.location?.href ?? 'http://localhost/').href;
}

/**
 * Map options the basemap relies on; spread them into `new Map({...})`. Chinese characters are
 * drawn by MapLibre from the machine's own fonts (no CJK glyph download); only Latin letters,
 * digits and punctuation come from the served glyph ranges.
 */
export const BASEMAP_MAP_OPTIONS = {
  localIdeographFontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
} satisfies Partial<MapOptions>;

/** The loaded style's metadata; undefined until the style has loaded (listen for 'style.load'). */
function styleMetadata(map: MapLibreMap): Record<string, unknown> | undefined {
  // getStyle() serialises the whole style: call these on 'style.load', not per frame.
  const style = map.getStyle() as StyleSpecification | undefined;
  return style?.metadata as Record<string, unknown> | undefined;
}

/** The loaded basemap's coordinate system (wgs84 until its style has loaded). */
export function basemapCrs(map: MapLibreMap): BasemapCrs {
  return basemapCrsOf({ metadata: styleMetadata(map) });
}

/** The WGS-84 → display transform for the loaded basemap (identity unless it is GCJ-02). */
export function basemapToDisplay(map: MapLibreMap): ToDisplay {
  return toDisplayFor(basemapCrs(map));
}

/** The attribution text the basemap's provider requires, if its style declares one. */
export function basemapAttribution(map: MapLibreMap): string | undefined {
  const a = styleMetadata(map)?.[STYLE_ATTRIBUTION_KEY];
  return typeof a === 'string' ? a : undefined;
}
