// The basemap settings a deployment can change, read from an environment object handed in by
// the server's config loader (this module never touches process.env itself).
//
//   BASEMAP_MBTILES=/srv/county.mbtiles   a county's own vector tiles (tilemaker / planetiler,
//                                         OpenMapTiles schema) instead of the built demo tiles
//   BASEMAP_RASTER_URL=<XYZ or WMTS KVP URL template with {z} {x} {y}>   an online raster basemap
//                                         instead (opt-in; several URLs separated by spaces are
//                                         stacked bottom first, e.g. 天地图 vec_w + cva_w)
//   BASEMAP_CRS=wgs84|gcj02               the raster source's coordinate system (天地图 = wgs84,
//                                         AMap / Tencent = gcj02); overlays are shifted to match
//   BASEMAP_ATTRIBUTION=<text>            attribution shown on the map (required with a raster URL)
import { BASEMAP_CRSES, type BasemapCrs } from '../crs/display.ts';

export interface RasterBasemap {
  /** Tile URL templates, bottom layer first. */
  urls: string[];
  crs: BasemapCrs;
  attribution: string;
}

export interface BasemapConfig {
  /** The vector-tile archive to serve. */
  mbtilesPath: string;
  /** When set, the styles draw this raster basemap instead of the vector tiles. */
  raster?: RasterBasemap;
}

export class BasemapConfigError extends Error {
  override name = 'BasemapConfigError';
}

/** Parses the BASEMAP_* variables; `defaultMbtiles` is the demo archive. */
export function basemapConfigFromEnv(env: Record<string, string | undefined>, defaultMbtiles: string): BasemapConfig {
  const get = (k: string) => {
    const v = env[k]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const mbtilesPath = get('BASEMAP_MBTILES') ?? defaultMbtiles;
  const rasterUrl = get('BASEMAP_RASTER_URL');
  const crsRaw = get('BASEMAP_CRS')?.toLowerCase() ?? 'wgs84';
  if (!(BASEMAP_CRSES as readonly string[]).includes(crsRaw)) {
    throw new BasemapConfigError(`BASEMAP_CRS=${crsRaw} must be one of ${BASEMAP_CRSES.join(', ')}`);
  }
  if (!rasterUrl) {
    if (crsRaw !== 'wgs84') throw new BasemapConfigError('BASEMAP_CRS=gcj02 applies only with BASEMAP_RASTER_URL');
    return { mbtilesPath };
  }
  const urls = rasterUrl.split(/\s+/);
  for (const u of urls) {
    if (!/^https?:\/\//.test(u) || !u.includes('{z}') || !u.includes('{x}') || !u.includes('{y}')) {
      throw new BasemapConfigError(`BASEMAP_RASTER_URL: ${u} must be an http(s) URL template with {z}, {x} and {y}`);
    }
  }
  const attribution = get('BASEMAP_ATTRIBUTION');
  if (!attribution) throw new BasemapConfigError('BASEMAP_ATTRIBUTION is required with BASEMAP_RASTER_URL (the provider\'s terms require it)');
  return { mbtilesPath, raster: { urls, crs: crsRaw as BasemapCrs, attribution } };
}
