// Cuts the basemap layers into gzipped Mapbox Vector Tiles for every tile over the county at
// each zoom. geojson-vt does the clipping and simplification (one index per layer, built once);
// vt-pbf writes the protobuf. Both are MapLibre's own maintained forks, already what the map
// renderer uses to tile GeoJSON in the browser.
import { gzipSync } from 'node:zlib';
import { GeoJSONVT, type GeoJSONVTFeature, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { LAYER_NAMES, type BasemapLayers, type LayerName } from './layers.ts';

/** Tiling options; the defaults suit a county (~20 km) viewed from overview to street level. */
export interface TilerOptions {
  /** Lowest zoom written (the whole county in one or two tiles). */
  minZoom: number;
  /** Highest zoom written; MapLibre over-zooms beyond it. */
  maxZoom: number;
  /** [west, south, east, north] the tiles must cover, degrees. */
  bounds: [number, number, number, number];
}

/** Vector tile extent (coordinate units per tile side), as the MVT spec recommends. */
export const TILE_EXTENT = 4096;

export interface BuiltTile {
  z: number;
  x: number;
  y: number;
  /** Gzipped MVT protobuf. */
  data: Buffer;
}

/** Tile column and row (XYZ, y down) containing a position at a zoom. */
export function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

/** Removes the build-only `minzoom` tag and drops features not shown at zoom z. */
function visibleAt(features: GeoJSONVTFeature[], z: number): GeoJSONVTFeature[] {
  const out: GeoJSONVTFeature[] = [];
  for (const f of features) {
    const { minzoom, ...tags } = f.tags ?? {};
    if (typeof minzoom === 'number' && minzoom > z) continue;
    out.push({ ...f, tags });
  }
  return out;
}

/** Generates the tiles of every zoom, lowest first; empty tiles are not generated. */
export function* generateTiles(layers: BasemapLayers, opts: TilerOptions): Generator<BuiltTile> {
  const indexes = LAYER_NAMES.map(
    (name) =>
      [
        name,
        new GeoJSONVT(layers[name], {
          maxZoom: opts.maxZoom,
          indexMaxZoom: opts.minZoom,
          extent: TILE_EXTENT,
          // Points (labels) need a wider buffer than lines so names near tile edges are not cut.
          buffer: name === 'places' ? 256 : 64,
          tolerance: 3,
        }),
      ] as const,
  );
  const [west, south, east, north] = opts.bounds;
  for (let z = opts.minZoom; z <= opts.maxZoom; z++) {
    const [x0, y0] = tileOf(west, north, z);
    const [x1, y1] = tileOf(east, south, z);
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const out: Partial<Record<LayerName, GeoJSONVTTile>> = {};
        let any = false;
        for (const [name, index] of indexes) {
          const tile = index.getTile(z, x, y);
          if (!tile) continue;
          const features = visibleAt(tile.features, z);
          if (features.length === 0) continue;
          // A transformed tile's features are in tile coordinates, which is all vt-pbf reads.
          out[name] = { ...tile, features } as GeoJSONVTTile;
          any = true;
        }
        if (!any) continue;
        const pbf = fromGeojsonVt(out as Record<string, GeoJSONVTTile>, { version: 2, extent: TILE_EXTENT });
        yield { z, x, y, data: gzipSync(pbf, { level: 9 }) };
      }
    }
  }
}
