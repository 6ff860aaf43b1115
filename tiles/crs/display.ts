// Display coordinates: everything Yizhangtu stores is WGS-84; what it draws must be in the
// basemap's coordinate system. The web's layer factories take a ToDisplay function and apply it
// to every position they hand to deck.gl / MapLibre, so a GCJ-02 basemap and the overlays agree.
import type { Geometry, Position } from 'geojson';
import { gcj02ToWgs84, wgs84ToGcj02, type LngLat } from './gcj02.ts';

export type { LngLat } from './gcj02.ts';

/** The coordinate system a basemap is drawn in. 天地图 (CGCS2000) counts as wgs84. */
export const BASEMAP_CRSES = ['wgs84', 'gcj02'] as const;
export type BasemapCrs = (typeof BASEMAP_CRSES)[number];

/** Key in a MapLibre style's `metadata` naming the basemap CRS (absent means wgs84). */
export const STYLE_CRS_KEY = 'yizhangtu:crs';
/** Key in a MapLibre style's `metadata` with the basemap attribution text to show. */
export const STYLE_ATTRIBUTION_KEY = 'yizhangtu:attribution';

/** Maps a stored WGS-84 position to the position to draw it at. */
export type ToDisplay = (lng: number, lat: number) => LngLat;

const identity: ToDisplay = (lng, lat) => [lng, lat];

/** The WGS-84 → display transform for a basemap CRS. */
export function toDisplayFor(crs: BasemapCrs): ToDisplay {
  return crs === 'gcj02' ? wgs84ToGcj02 : identity;
}

/** The display → WGS-84 transform (for clicks and the cursor readout). */
export function fromDisplayFor(crs: BasemapCrs): ToDisplay {
  return crs === 'gcj02' ? gcj02ToWgs84 : identity;
}

/** Reads the basemap CRS a style declares in its metadata; anything unknown is wgs84. */
export function basemapCrsOf(style: { metadata?: unknown }): BasemapCrs {
  const m = style.metadata;
  if (m && typeof m === 'object' && (m as Record<string, unknown>)[STYLE_CRS_KEY] === 'gcj02') return 'gcj02';
  return 'wgs84';
}

function mapPositions(coords: Position[], f: ToDisplay): Position[] {
  return coords.map((p) => f(p[0] ?? 0, p[1] ?? 0));
}

/** A copy of a GeoJSON geometry with every position transformed (identity returns it as is). */
export function geometryToDisplay<G extends Geometry>(g: G, f: ToDisplay): G {
  if (f === identity) return g;
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: f(g.coordinates[0] ?? 0, g.coordinates[1] ?? 0) };
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: mapPositions(g.coordinates, f) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((r) => mapPositions(r, f)) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((p) => p.map((r) => mapPositions(r, f))) };
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((x) => geometryToDisplay(x, f)) };
  }
}
