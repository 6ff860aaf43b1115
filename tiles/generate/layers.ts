// Turns the demo county's GeoJSON (data/demo, WGS-84) into the basemap's vector-tile layers:
// the schema the styles in tiles/styles draw. Each feature carries a `minzoom` so that busy
// detail (rural roads, village borders and names) stays out of the low-zoom tiles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString, Point, Position } from 'geojson';
import type {
  AreaGeometry,
  CountyFeature,
  LanduseCollection,
  RoadClass,
  RoadCollection,
  TownshipCollection,
  VillageCollection,
  WaterCollection,
} from '../../server/wire/jurisdiction.ts';

/** The jurisdiction and base geography the basemap is drawn from. */
export interface BasemapSource {
  county: CountyFeature;
  townships: TownshipCollection;
  villages: VillageCollection;
  roads: RoadCollection;
  water: WaterCollection;
  landuse: LanduseCollection;
}

/** Reads the six files the basemap needs from a jurisdiction directory such as data/demo. */
export function readBasemapSource(dir: string): BasemapSource {
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;
  const countyFile = read<CountyFeature | FeatureCollection<AreaGeometry>>('county.geojson');
  const county = (countyFile.type === 'FeatureCollection' ? countyFile.features[0] : countyFile) as CountyFeature;
  return {
    county,
    townships: read('townships.geojson'),
    villages: read('villages.geojson'),
    roads: read('roads.geojson'),
    water: read('water.geojson'),
    landuse: read('landuse.geojson'),
  };
}

export const LAYER_NAMES = ['landuse', 'water', 'roads', 'boundaries', 'places'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];

/** Properties every tiled feature has besides its own: the lowest zoom it appears at. */
export interface Tiled {
  minzoom: number;
}

export type BasemapLayers = Record<LayerName, FeatureCollection<Geometry, Tiled & Record<string, string | number>>>;

/** Describes each layer's fields for the TileJSON `vector_layers` entry. */
export const LAYER_FIELDS: Record<LayerName, Record<string, string>> = {
  landuse: { kind: 'built-up | farmland | park' },
  water: { kind: 'river | lake | canal', name: 'Chinese name' },
  roads: { class: 'arterial | street | rural', name: 'Chinese name' },
  boundaries: { level: 'county | township | village', code: 'statistical code', name: 'Chinese name' },
  places: { level: 'county | township | village', code: 'statistical code', name: 'Chinese name' },
};

// Lowest zoom of each kind of feature. Townships are ~5 km across, villages ~1 km.
const ROAD_MINZOOM: Record<RoadClass, number> = { arterial: 8, street: 11, rural: 12 };
const BOUNDARY_MINZOOM = { county: 8, township: 9, village: 12 } as const;
const PLACE_MINZOOM = { county: 8, township: 10, village: 13 } as const;

function rings(g: AreaGeometry): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** An area's outline as lines: borders are drawn as lines, never as filled polygons. */
function outline(g: AreaGeometry): MultiLineString {
  return { type: 'MultiLineString', coordinates: rings(g) };
}

/** A point inside the area to hang its name on (its centroid when that falls inside). */
function labelPoint(f: Feature<AreaGeometry>): Point {
  return pointOnFeature(f).geometry;
}

type Level = keyof typeof BOUNDARY_MINZOOM;

function areaFeatures(level: Level, items: Array<{ geometry: AreaGeometry; code: string; name: string }>) {
  const boundaries = items.map((a) => ({
    type: 'Feature' as const,
    geometry: outline(a.geometry),
    properties: { level, code: a.code, name: a.name, minzoom: BOUNDARY_MINZOOM[level] },
  }));
  const places = items.map((a) => ({
    type: 'Feature' as const,
    geometry: labelPoint({ type: 'Feature', geometry: a.geometry, properties: {} }),
    properties: { level, code: a.code, name: a.name, minzoom: PLACE_MINZOOM[level] },
  }));
  return { boundaries, places };
}

/** Builds the basemap layers from the source geography. */
export function buildLayers(src: BasemapSource): BasemapLayers {
  const fc = <G extends Geometry>(features: Array<Feature<G, Tiled & Record<string, string | number>>>) => ({
    type: 'FeatureCollection' as const,
    features,
  });
  const county = areaFeatures('county', [
    { geometry: src.county.geometry, code: src.county.properties.code, name: src.county.properties.name },
  ]);
  const townships = areaFeatures(
    'township',
    src.townships.features.map((f) => ({ geometry: f.geometry, code: f.properties.code, name: f.properties.name })),
  );
  const villages = areaFeatures(
    'village',
    src.villages.features.map((f) => ({ geometry: f.geometry, code: f.properties.code, name: f.properties.name })),
  );
  const roads = src.roads.features.map(
    (f): Feature<LineString, Tiled & Record<string, string | number>> => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: { class: f.properties.class, name: f.properties.name, minzoom: ROAD_MINZOOM[f.properties.class] ?? 12 },
    }),
  );
  return {
    landuse: fc(src.landuse.features.map((f) => ({ ...f, properties: { kind: f.properties.kind, minzoom: 8 } }))),
    water: fc(
      src.water.features.map((f) => ({
        ...f,
        properties: { kind: f.properties.kind, name: f.properties.name, minzoom: f.properties.kind === 'canal' ? 11 : 8 },
      })),
    ),
    // Arterials last so that, drawn in order, they end up on top of smaller roads.
    roads: fc(roads.sort((a, b) => b.properties.minzoom - a.properties.minzoom)),
    // Villages first, county last: the higher level's line is drawn over the lower one's.
    boundaries: fc([...villages.boundaries, ...townships.boundaries, ...county.boundaries]),
    places: fc([...county.places, ...townships.places, ...villages.places]),
  };
}
