// Generates the basemap styles (MapLibre style spec v8) for the demo county's tile schema
// (layers roads, water, landuse, boundaries, places; see tiles/generate/layers.ts). The JSON
// files next to this one are its output, committed so a county can tweak colours without code;
// `npx tsx tiles/styles/write-styles.ts` rewrites them, and a test keeps them in step.
import type {
  ExpressionSpecification,
  LayerSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { STYLE_CRS_KEY } from '../crs/display.ts';
import { PALETTES, type Theme } from './palette.ts';

/** The vector source id every layer uses. */
export const SOURCE_ID = 'basemap';
/** Paths on the serving host; the tile routes turn them into absolute URLs per request. */
export const TILEJSON_PATH = '/tiles/tilejson.json';
export const GLYPHS_PATH = '/tiles/fonts/{fontstack}/{range}.pbf';
/** Fontstacks the glyph build writes (tiles/glyphs/make-glyphs.ts). */
export const REGULAR = ['Noto Sans Regular'];
export const BOLD = ['Noto Sans Bold'];

/** Interpolates exponentially over zoom: [zoom, value, zoom, value, …]. */
export function byZoom(...stops: number[]): ExpressionSpecification {
  return ['interpolate', ['exponential', 1.5], ['zoom'], ...stops] as ExpressionSpecification;
}

function roadLayers(theme: Theme): LayerSpecification[] {
  const p = PALETTES[theme];
  const road = (cls: string): ExpressionSpecification => ['==', ['get', 'class'], cls];
  const line = (id: string, cls: string, color: string, width: ExpressionSpecification, minzoom: number): LayerSpecification => ({
    id,
    type: 'line',
    source: SOURCE_ID,
    'source-layer': 'roads',
    minzoom,
    filter: road(cls),
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': color, 'line-width': width },
  });
  return [
    line('road-rural', 'rural', p.rural, byZoom(12, 0.8, 16, 5), 12),
    line('road-street-casing', 'street', p.streetCasing, byZoom(11, 1.2, 16, 10), 11),
    line('road-street', 'street', p.street, byZoom(11, 0.6, 16, 8), 11),
    line('road-arterial-casing', 'arterial', p.arterialCasing, byZoom(8, 1, 12, 3.5, 16, 16), 8),
    line('road-arterial', 'arterial', p.arterial, byZoom(8, 0.5, 12, 2.5, 16, 13), 8),
  ];
}

function boundaryLayer(theme: Theme, level: string, color: string, width: ExpressionSpecification, dash: number[], minzoom: number): LayerSpecification {
  return {
    id: `boundary-${level}`,
    type: 'line',
    source: SOURCE_ID,
    'source-layer': 'boundaries',
    minzoom,
    filter: ['==', ['get', 'level'], level],
    layout: { 'line-join': 'round' },
    paint: { 'line-color': color, 'line-width': width, 'line-dasharray': dash, 'line-opacity': theme === 'dark' ? 0.9 : 0.8 },
  };
}

function placeLabel(theme: Theme, level: string, size: ExpressionSpecification, minzoom: number, maxzoom?: number): LayerSpecification {
  const p = PALETTES[theme];
  return {
    id: `place-${level}`,
    type: 'symbol',
    source: SOURCE_ID,
    'source-layer': 'places',
    minzoom,
    ...(maxzoom === undefined ? {} : { maxzoom }),
    filter: ['==', ['get', 'level'], level],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': level === 'village' ? REGULAR : BOLD,
      'text-size': size,
      'text-max-width': 8,
      'text-padding': 4,
    },
    paint: {
      'text-color': p.placeLabel,
      'text-halo-color': p.labelHalo,
      'text-halo-width': 1.5,
      'text-opacity': level === 'village' ? 0.85 : 1,
    },
  };
}

/** Names along rivers and canals, and in the middle of lakes. */
function waterLabel(theme: Theme, geometry: 'LineString' | 'Polygon'): LayerSpecification {
  const p = PALETTES[theme];
  return {
    id: geometry === 'LineString' ? 'water-label-line' : 'water-label-area',
    type: 'symbol',
    source: SOURCE_ID,
    'source-layer': 'water',
    minzoom: geometry === 'LineString' ? 11 : 12,
    filter: ['==', ['geometry-type'], geometry],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': REGULAR,
      'text-size': 12,
      'symbol-placement': geometry === 'LineString' ? 'line' : 'point',
      'symbol-spacing': 400,
      'text-letter-spacing': 0.2,
    },
    paint: { 'text-color': p.waterLabel, 'text-halo-color': p.labelHalo, 'text-halo-width': 1.2 },
  };
}

/** The demo-county basemap style for a theme. */
export function makeStyle(theme: Theme): StyleSpecification {
  const p = PALETTES[theme];
  const landuse = (kind: string, color: string): LayerSpecification => ({
    id: `landuse-${kind}`,
    type: 'fill',
    source: SOURCE_ID,
    'source-layer': 'landuse',
    filter: ['==', ['get', 'kind'], kind],
    paint: { 'fill-color': color },
  });
  return {
    version: 8,
    name: theme === 'day' ? '一张图 日间 (console)' : '一张图 夜间 (wall display)',
    metadata: { [STYLE_CRS_KEY]: 'wgs84', 'yizhangtu:theme': theme },
    sources: { [SOURCE_ID]: { type: 'vector', url: TILEJSON_PATH } },
    glyphs: GLYPHS_PATH,
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': p.background } },
      landuse('farmland', p.farmland),
      landuse('built-up', p.builtUp),
      landuse('park', p.park),
      {
        id: 'water-area',
        type: 'fill',
        source: SOURCE_ID,
        'source-layer': 'water',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': p.water },
      },
      {
        id: 'water-line',
        type: 'line',
        source: SOURCE_ID,
        'source-layer': 'water',
        filter: ['==', ['geometry-type'], 'LineString'],
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': p.waterLine,
          // Rivers are wide; canals are thin and only in tiles from z11.
          'line-width': [
            'interpolate',
            ['exponential', 1.5],
            ['zoom'],
            8,
            ['match', ['get', 'kind'], 'river', 1.5, 0.5],
            12,
            ['match', ['get', 'kind'], 'river', 4, 1.2],
            16,
            ['match', ['get', 'kind'], 'river', 28, 8],
          ],
        },
      },
      boundaryLayer(theme, 'village', p.villageLine, byZoom(12, 0.6, 16, 1.5), [2, 2], 12),
      boundaryLayer(theme, 'township', p.townshipLine, byZoom(9, 0.8, 16, 2.5), [4, 2], 9),
      boundaryLayer(theme, 'county', p.countyLine, byZoom(8, 1.5, 16, 4), [6, 2, 1, 2], 0),
      ...roadLayers(theme),
      waterLabel(theme, 'LineString'),
      waterLabel(theme, 'Polygon'),
      {
        id: 'road-label',
        type: 'symbol',
        source: SOURCE_ID,
        'source-layer': 'roads',
        minzoom: 13,
        filter: ['!=', ['get', 'name'], ''],
        layout: {
          'text-field': ['get', 'name'],
          'text-font': REGULAR,
          'text-size': byZoom(13, 10, 16, 13),
          'symbol-placement': 'line',
          'symbol-spacing': 300,
          'text-rotation-alignment': 'map',
        },
        paint: { 'text-color': p.roadLabel, 'text-halo-color': p.labelHalo, 'text-halo-width': 1.2 },
      },
      placeLabel(theme, 'village', byZoom(13, 10, 16, 13), 13),
      placeLabel(theme, 'township', byZoom(10, 12, 14, 16), 10),
      placeLabel(theme, 'county', byZoom(8, 14, 10, 18), 8, 10),
    ],
  };
}
