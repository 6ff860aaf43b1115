// Builds the demo county's offline basemap: the vector-tile archive and the glyph ranges its
// styles need. Pure function of its inputs, so tests run it on a small fixture county.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bbox } from '@turf/turf';
import { FONTSTACKS, GLYPH_RANGE_STARTS, writeGlyphs } from '../glyphs/make-glyphs.ts';
import { openMbtiles } from '../serve/mbtiles-reader.ts';
import { buildLayers, LAYER_FIELDS, LAYER_NAMES, readBasemapSource } from './layers.ts';
import { createMbtilesWriter } from './mbtiles-writer.ts';
import { generateTiles } from './tiler.ts';

export interface BuildOptions {
  /** Jurisdiction directory with county/townships/villages/roads/water/landuse .geojson. */
  inputDir: string;
  /** Where the .mbtiles archive goes. */
  outPath: string;
  /** Where the glyph ranges go (<fontsDir>/<fontstack>/<range>.pbf); omit to skip them. */
  fontsDir?: string;
  minZoom?: number; // default 8: the whole county on a wall display
  maxZoom?: number; // default 16: street level; MapLibre over-zooms past it
  log?: (line: string) => void;
}

export interface BuildResult {
  tiles: number;
  bytes: number;
  glyphFiles: number;
  bounds: [number, number, number, number];
}

/** Bump when the tile schema or tiling changes, so existing archives count as stale. */
const BUILD_VERSION = '1';
const SOURCE_FILES = ['county.geojson', 'townships.geojson', 'villages.geojson', 'roads.geojson', 'water.geojson', 'landuse.geojson'];

/** Fingerprint of the inputs and the builder; stored in the archive to tell when it is stale. */
export function sourceHash(inputDir: string): string {
  const h = createHash('sha256').update(`yizhangtu-basemap-${BUILD_VERSION}\n`);
  for (const f of SOURCE_FILES) h.update(`${f}\n`).update(readFileSync(join(inputDir, f)));
  return h.digest('hex').slice(0, 32);
}

/** Whether the archive (and glyphs, if asked) exist and were built from the current inputs. */
export function isUpToDate(opts: Pick<BuildOptions, 'inputDir' | 'outPath' | 'fontsDir'>): boolean {
  if (!existsSync(opts.outPath)) return false;
  if (opts.fontsDir) {
    const last = GLYPH_RANGE_STARTS[GLYPH_RANGE_STARTS.length - 1] ?? 0;
    if (!FONTSTACKS.every((f) => existsSync(join(opts.fontsDir ?? '', f.name, `${last}-${last + 255}.pbf`)))) return false;
  }
  let stored: string | undefined;
  try {
    const archive = openMbtiles(opts.outPath);
    stored = archive.info.sourceHash;
    archive.close();
  } catch {
    return false;
  }
  return stored === sourceHash(opts.inputDir);
}

const LAYER_DESCRIPTIONS: Record<(typeof LAYER_NAMES)[number], string> = {
  landuse: 'Land use areas',
  water: 'Rivers, canals (lines) and lakes (polygons)',
  roads: 'Roads by class',
  boundaries: 'County, township and village borders (schematic)',
  places: 'Label points of the county, townships and villages',
};

export function buildBasemap(opts: BuildOptions): BuildResult {
  const log = opts.log ?? (() => {});
  const minZoom = opts.minZoom ?? 8;
  const maxZoom = opts.maxZoom ?? 16;
  const src = readBasemapSource(opts.inputDir);
  const layers = buildLayers(src);
  log(`layers: ${LAYER_NAMES.map((n) => `${n} ${layers[n].features.length}`).join(', ')}`);

  const [w, s, e, n] = bbox(src.county) as [number, number, number, number];
  const margin = Math.max(e - w, n - s) * 0.02;
  const bounds: BuildResult['bounds'] = [w - margin, s - margin, e + margin, n + margin];

  mkdirSync(dirname(opts.outPath), { recursive: true });
  const writer = createMbtilesWriter(opts.outPath);
  let tiles = 0;
  let bytes = 0;
  let zoomTiles = 0;
  let zoom = minZoom;
  try {
    for (const t of generateTiles(layers, { minZoom, maxZoom, bounds })) {
      if (t.z !== zoom) {
        log(`z${zoom}: ${zoomTiles} tiles`);
        zoom = t.z;
        zoomTiles = 0;
      }
      writer.putTile(t.z, t.x, t.y, t.data);
      tiles += 1;
      zoomTiles += 1;
      bytes += t.data.length;
    }
    log(`z${zoom}: ${zoomTiles} tiles`);
    writer.finish({
      source_hash: sourceHash(opts.inputDir),
      name: `${src.county.properties.name} basemap`,
      description: `Offline basemap of ${src.county.properties.province}${src.county.properties.city}${src.county.properties.name} (Yizhangtu demo county; schematic)`,
      attribution: src.county.properties.schematic ? '示意底图 Schematic demo data' : src.county.properties.name,
      version: '1',
      minzoom: minZoom,
      maxzoom: maxZoom,
      bounds,
      center: [(w + e) / 2, (s + n) / 2, 11],
      vector_layers: LAYER_NAMES.map((id) => ({
        id,
        description: LAYER_DESCRIPTIONS[id],
        minzoom: minZoom,
        maxzoom: maxZoom,
        fields: LAYER_FIELDS[id],
      })),
    });
  } catch (err) {
    writer.abort();
    throw err;
  }
  log(`wrote ${tiles} tiles, ${(bytes / 1024).toFixed(0)} KiB (gzipped) to ${opts.outPath}`);

  let glyphFiles = 0;
  if (opts.fontsDir) {
    glyphFiles = writeGlyphs(opts.fontsDir);
    log(`wrote ${glyphFiles} glyph ranges to ${opts.fontsDir}`);
  }
  return { tiles, bytes, glyphFiles, bounds };
}
