// A tiny county for the basemap tests (never the generated demo county, so tests do not depend
// on it): a 4 × 4 km square near 泰州 with two townships, four villages, three roads of each
// class, a river, a lake and three land-use areas at known places.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Polygon } from 'geojson';

const W = 119.9;
const S = 32.47;
const E = 119.94;
const N = 32.51;
const MID = 119.92;

function box(w: number, s: number, e: number, n: number): Polygon {
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** Known points for assertions: each lies on the named feature. */
export const FIXTURE = {
  /** On 海陵路 (arterial, along latitude 32.49). */
  arterial: { lng: 119.915, lat: 32.49, name: '海陵路' },
  /** On 凤城河 (river, along latitude 32.48). */
  river: { lng: 119.915, lat: 32.48, name: '凤城河' },
  /** Inside 稻河湖 (lake). */
  lake: { lng: 119.93, lat: 32.5, name: '稻河湖' },
  townships: ['城东街道', '城西街道'],
} as const;

const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });
const feature = (geometry: unknown, properties: unknown) => ({ type: 'Feature', geometry, properties });

/** Writes the fixture county's basemap inputs into `dir`. */
export function writeFixtureCounty(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const files: Record<string, unknown> = {
    'county.geojson': feature(box(W, S, E, N), {
      code: '321202',
      name: '海陵区',
      city: '泰州市',
      province: '江苏省',
      schematic: true,
    }),
    'townships.geojson': fc([
      feature(box(W, S, MID, N), { code: '321202002', name: '城西街道', households: 1000 }),
      feature(box(MID, S, E, N), { code: '321202001', name: '城东街道', households: 1000 }),
    ]),
    'villages.geojson': fc([
      feature(box(W, S, MID, 32.49), { code: '321202002001', name: '西仓居委会', townshipCode: '321202002', households: 500 }),
      feature(box(W, 32.49, MID, N), { code: '321202002002', name: '北仓居委会', townshipCode: '321202002', households: 500 }),
      feature(box(MID, S, E, 32.49), { code: '321202001001', name: '东安居委会', townshipCode: '321202001', households: 500 }),
      feature(box(MID, 32.49, E, N), { code: '321202001002', name: '东进居委会', townshipCode: '321202001', households: 500 }),
    ]),
    'roads.geojson': fc([
      feature({ type: 'LineString', coordinates: [[W, 32.49], [E, 32.49]] }, { id: 'r1', name: '海陵路', class: 'arterial' }),
      feature({ type: 'LineString', coordinates: [[MID, S], [MID, N]] }, { id: 'r2', name: '凤凰路', class: 'street' }),
      feature({ type: 'LineString', coordinates: [[119.905, 32.5], [119.935, 32.505]] }, { id: 'r3', name: '罡杨路', class: 'rural' }),
    ]),
    'water.geojson': fc([
      feature({ type: 'LineString', coordinates: [[W, 32.48], [E, 32.48]] }, { name: '凤城河', kind: 'river' }),
      feature(box(119.925, 32.495, 119.935, 32.505), { name: '稻河湖', kind: 'lake' }),
    ]),
    'landuse.geojson': fc([
      feature(box(119.905, 32.485, 119.918, 32.495), { kind: 'built-up' }),
      feature(box(119.9, 32.47, 119.91, 32.478), { kind: 'farmland' }),
      feature(box(119.921, 32.481, 119.924, 32.484), { kind: 'park' }),
    ]),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
}
