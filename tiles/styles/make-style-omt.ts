// The same two looks for a county's own basemap in the OpenMapTiles schema, which is what
// planetiler and tilemaker produce by default from an OpenStreetMap extract (layers
// transportation, water, waterway, landuse, landcover, park, boundary, place, *_name).
// Names prefer the Chinese `name:zh` and fall back to the local `name`.
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { STYLE_CRS_KEY } from '../crs/display.ts';
import { BOLD, byZoom, GLYPHS_PATH, REGULAR, SOURCE_ID, TILEJSON_PATH } from './make-style.ts';
import { PALETTES, type Theme } from './palette.ts';

/** The vector layer an OpenMapTiles archive always has; how the server recognises the schema. */
export const OMT_MARKER_LAYER = 'transportation';

const NAME: ExpressionSpecification = ['coalesce', ['get', 'name:zh'], ['get', 'name']];
const cls = (...values: string[]): ExpressionSpecification => ['match', ['get', 'class'], values, true, false];

function fill(id: string, layer: string, filter: ExpressionSpecification | null, color: string, minzoom = 0, opacity = 1): LayerSpecification {
  return {
    id,
    type: 'fill',
    source: SOURCE_ID,
    'source-layer': layer,
    minzoom,
    ...(filter ? { filter } : {}),
    paint: { 'fill-color': color, 'fill-opacity': opacity },
  };
}

function line(id: string, layer: string, filter: ExpressionSpecification, color: string, width: ExpressionSpecification, minzoom: number, dash?: number[]): LayerSpecification {
  return {
    id,
    type: 'line',
    source: SOURCE_ID,
    'source-layer': layer,
    minzoom,
    filter,
    layout: { 'line-cap': dash ? 'butt' : 'round', 'line-join': 'round' },
    paint: { 'line-color': color, 'line-width': width, ...(dash ? { 'line-dasharray': dash } : {}) },
  };
}

function label(theme: Theme, id: string, layer: string, filter: ExpressionSpecification, size: ExpressionSpecification, minzoom: number, color: string, placement: 'point' | 'line' = 'point'): LayerSpecification {
  return {
    id,
    type: 'symbol',
    source: SOURCE_ID,
    'source-layer': layer,
    minzoom,
    filter,
    layout: {
      'text-field': NAME,
      'text-font': placement === 'point' && layer === 'place' ? BOLD : REGULAR,
      'text-size': size,
      'symbol-placement': placement,
      'text-max-width': 8,
    },
    paint: { 'text-color': color, 'text-halo-color': PALETTES[theme].labelHalo, 'text-halo-width': 1.4 },
  };
}

/** The OpenMapTiles-schema basemap style for a theme. */
export function makeOmtStyle(theme: Theme): StyleSpecification {
  const p = PALETTES[theme];
  const major = cls('motorway', 'trunk', 'primary');
  const medium = cls('secondary', 'tertiary');
  const minor = cls('minor', 'service', 'track');
  return {
    version: 8,
    name: `${theme === 'day' ? '一张图 日间' : '一张图 夜间'} (OpenMapTiles)`,
    metadata: { [STYLE_CRS_KEY]: 'wgs84', 'yizhangtu:theme': theme, 'yizhangtu:schema': 'openmaptiles' },
    sources: { [SOURCE_ID]: { type: 'vector', url: TILEJSON_PATH } },
    glyphs: GLYPHS_PATH,
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': p.background } },
      fill('landcover-farmland', 'landcover', cls('farmland'), p.farmland),
      fill('landcover-green', 'landcover', cls('grass', 'wood', 'wetland'), p.park, 0, 0.7),
      fill('landuse-built-up', 'landuse', cls('residential', 'commercial', 'industrial', 'retail', 'suburb', 'neighbourhood'), p.builtUp),
      fill('park', 'park', null, p.park, 0, 0.8),
      fill('water-area', 'water', null, p.water),
      line('waterway-river', 'waterway', cls('river'), p.waterLine, byZoom(8, 1, 12, 3, 16, 16), 8),
      line('waterway-other', 'waterway', cls('canal', 'stream', 'drain', 'ditch'), p.waterLine, byZoom(11, 0.5, 16, 5), 11),
      fill('building', 'building', null, theme === 'day' ? '#dcd5cb' : '#1a2738', 14, 0.8),
      line('boundary-township', 'boundary', ['all', ['>=', ['get', 'admin_level'], 7], ['<=', ['get', 'admin_level'], 8]], p.townshipLine, byZoom(9, 0.8, 16, 2.5), 9, [4, 2]),
      line('boundary-county', 'boundary', ['all', ['>=', ['get', 'admin_level'], 3], ['<=', ['get', 'admin_level'], 6]], p.countyLine, byZoom(6, 1, 16, 4), 0, [6, 2, 1, 2]),
      line('road-minor', 'transportation', minor, p.rural, byZoom(12, 0.6, 16, 6), 12),
      line('road-medium-casing', 'transportation', medium, p.streetCasing, byZoom(10, 1, 16, 11), 10),
      line('road-medium', 'transportation', medium, p.street, byZoom(10, 0.5, 16, 9), 10),
      line('road-major-casing', 'transportation', major, p.arterialCasing, byZoom(6, 1, 12, 3.5, 16, 16), 6),
      line('road-major', 'transportation', major, p.arterial, byZoom(6, 0.5, 12, 2.5, 16, 13), 6),
      line('railway', 'transportation', cls('rail'), p.townshipLine, byZoom(10, 0.8, 16, 2), 10, [3, 3]),
      label(theme, 'water-name-line', 'water_name', ['==', ['geometry-type'], 'LineString'], byZoom(11, 11, 16, 13), 11, p.waterLabel, 'line'),
      label(theme, 'water-name', 'water_name', ['==', ['geometry-type'], 'Point'], byZoom(10, 11, 16, 14), 10, p.waterLabel),
      label(theme, 'road-label', 'transportation_name', ['has', 'name'], byZoom(13, 10, 16, 13), 13, p.roadLabel, 'line'),
      label(theme, 'place-village', 'place', cls('village', 'hamlet', 'neighbourhood', 'quarter'), byZoom(12, 10, 16, 13), 12, p.placeLabel),
      label(theme, 'place-town', 'place', cls('town', 'suburb'), byZoom(9, 12, 14, 16), 9, p.placeLabel),
      label(theme, 'place-city', 'place', cls('city'), byZoom(6, 13, 12, 20), 6, p.placeLabel),
    ],
  };
}
