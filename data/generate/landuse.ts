// Land use for the basemap: the city built up, village settlements built up, farmland in between,
// and a few parks (around the city lakes and elsewhere). The polygons do not overlap, so they
// can be drawn in any order.
import { difference, featureCollection, feature, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { LanduseCollection, LanduseKind } from '../../server/wire/jurisdiction.ts';
import { divisions, townshipKind } from './divisions.ts';
import { isUrbanTownship, type Hierarchy } from './hierarchy.ts';
import type { XY } from './planar.ts';
import { roundCoord, toLngLat } from './projection.ts';
import { createRng } from './random.ts';
import { createShapeIndex, type Shape } from './shape-index.ts';
import { blob } from './sketch.ts';
import type { Water } from './water.ts';

type Area = Feature<Polygon | MultiPolygon>;

/** A metric shape as a WGS-84 feature (rings closed). */
export function shapeFeature(shape: Shape): Area {
  const polys = shape.map((rings) => rings.map((r) => [...r, r[0] as XY].map(toLngLat)));
  return feature(polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] as Position[][] } : { type: 'MultiPolygon', coordinates: polys });
}

const ringFeature = (ring: XY[]): Area => shapeFeature([[ring]]);

/** Overlay results carry new intersection points: round them like everything else. */
function rounded(area: Area): Area {
  const r = (rings: Position[][]): Position[][] => rings.map((ring) => ring.map((p) => [roundCoord(p[0] as number), roundCoord(p[1] as number)]));
  const g = area.geometry;
  return feature(g.type === 'Polygon' ? { type: 'Polygon', coordinates: r(g.coordinates) } : { type: 'MultiPolygon', coordinates: g.coordinates.map(r) });
}

export function buildLanduse(seed: string, h: Hierarchy, water: Water): LanduseCollection {
  const rng = createRng(seed, 'landuse');
  const urbanIndex = createShapeIndex(h.shapes.urban);
  const urban = shapeFeature(h.shapes.urban);
  const rural = shapeFeature(h.shapes.rural);

  // Parks: one around each city lake, and two more near city community centres.
  const parkRings: XY[][] = [];
  for (const lake of water.lakes) {
    const ring = lake[0] as XY[];
    const c: XY = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
    const r = Math.max(...ring.map((p) => Math.hypot(p[0] - c[0], p[1] - c[1])));
    if (urbanIndex.contains(c)) parkRings.push(blob(c, r + rng.range(120, 220), rng, 32, 0.12));
  }
  const cityCentres = h.seeds.villageCentres.filter((c) => urbanIndex.containsWithMargin(c, 400));
  for (const c of rng.shuffled(cityCentres).slice(0, 2)) parkRings.push(blob(c, rng.range(150, 260), rng, 24, 0.15));
  const parks = parkRings.map((ring) => intersect(featureCollection([ringFeature(ring), urban]))).filter((p): p is Area => p !== null);

  // Settlements: every rural village has a built-up core, a town seat a larger one.
  let v = 0;
  const blobs: Area[] = [];
  for (const t of divisions.townships) {
    for (const village of t.villages) {
      const at = h.seeds.villageCentres[v++] as XY;
      if (isUrbanTownship(t.name)) continue;
      const radius = townshipKind(t.name) === 'zone' ? rng.range(150, 250) : village.name.includes('村') ? rng.range(180, 320) : rng.range(300, 550);
      blobs.push(ringFeature(blob(at, radius, rng, 24, 0.2)));
    }
  }
  const merged = blobs.length > 1 ? union(featureCollection(blobs)) : (blobs[0] ?? null);
  const settlements = merged ? intersect(featureCollection([merged, rural])) : null;

  const out: LanduseCollection['features'] = [];
  const add = (kind: LanduseKind, area: Area | null): void => {
    if (!area) return;
    const g = rounded(area).geometry;
    // One feature per polygon keeps features small enough to style and pick individually.
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const coordinates of polys) out.push({ type: 'Feature', properties: { kind }, geometry: { type: 'Polygon', coordinates } });
  };
  add('farmland', settlements ? difference(featureCollection([rural, settlements])) : rural);
  add('built-up', parks.length > 0 ? difference(featureCollection([urban, ...parks])) : urban);
  add('built-up', settlements);
  for (const p of parks) add('park', p);
  return { type: 'FeatureCollection', features: out };
}
