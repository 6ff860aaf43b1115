// The style a browser receives: the committed style file for the theme with its serving-host
// paths made absolute for this request's origin (MapLibre loads tiles and glyphs in workers,
// where a path without a host does not resolve), or, when a raster basemap is configured, a
// style drawing that instead.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { STYLE_ATTRIBUTION_KEY, STYLE_CRS_KEY } from '../crs/display.ts';
import { GLYPHS_PATH } from '../styles/make-style.ts';
import type { Theme } from '../styles/palette.ts';
import type { RasterBasemap } from './basemap-config.ts';

const absolute = (origin: string, url: string) => (url.startsWith('/') && !url.startsWith('//') ? origin + url : url);

/** Rewrites every serving-host path in a style (sources, glyphs, sprite) into an absolute URL. */
export function absolutizeStyle(style: StyleSpecification, origin: string): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {};
  for (const [id, src] of Object.entries(style.sources)) {
    const s = { ...src } as SourceSpecification & { url?: string; tiles?: string[] };
    if (typeof s.url === 'string') s.url = absolute(origin, s.url);
    if (Array.isArray(s.tiles)) s.tiles = s.tiles.map((t) => absolute(origin, t));
    sources[id] = s;
  }
  const out: StyleSpecification = { ...style, sources };
  if (style.glyphs) out.glyphs = absolute(origin, style.glyphs);
  if (typeof style.sprite === 'string') out.sprite = absolute(origin, style.sprite);
  else if (Array.isArray(style.sprite)) out.sprite = style.sprite.map((s) => ({ ...s, url: absolute(origin, s.url) }));
  return out;
}

/** Reads a committed style file (`<stylesDir>/<name>.json`). */
export function readStyleFile(stylesDir: string, name: string): StyleSpecification {
  return JSON.parse(readFileSync(join(stylesDir, `${name}.json`), 'utf8')) as StyleSpecification;
}

/** A style drawing an online raster basemap, dimmed and inverted for the dark wall display. */
export function rasterStyle(theme: Theme, raster: RasterBasemap): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {};
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': theme === 'dark' ? '#0a1320' : '#f3f1ec' } },
  ];
  raster.urls.forEach((url, i) => {
    const id = `raster-${i}`;
    sources[id] = {
      type: 'raster',
      tiles: [url],
      tileSize: 256,
      maxzoom: 18,
      ...(i === 0 ? { attribution: raster.attribution } : {}),
    };
    layers.push({
      id,
      type: 'raster',
      source: id,
      // brightness-min above brightness-max inverts the image: a light map turns dark.
      paint:
        theme === 'dark'
          ? { 'raster-brightness-min': 0.95, 'raster-brightness-max': 0.08, 'raster-saturation': -0.6, 'raster-hue-rotate': 180 }
          : {},
    });
  });
  return {
    version: 8,
    name: `${theme === 'day' ? '日间' : '夜间'} raster basemap`,
    metadata: { [STYLE_CRS_KEY]: raster.crs, [STYLE_ATTRIBUTION_KEY]: raster.attribution, 'yizhangtu:theme': theme },
    sources,
    glyphs: GLYPHS_PATH,
    layers,
  };
}
