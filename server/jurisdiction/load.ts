// Loads a county's jurisdiction files (the demo county from `npm run data`, or a user's own) into
// typed collections. The files are checked for the shape the rest of the server relies on, so a
// broken or missing file stops the start with a message naming the file, not a crash later.
import { InvalidJurisdictionError, validateJurisdiction } from '../geo/validate-jurisdiction.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  CameraCollection,
  CountyFeature,
  GridCollection,
  LanduseCollection,
  RoadCollection,
  RouteCollection,
  TownshipCollection,
  UnitInfo,
  VillageCollection,
  WaterCollection,
} from '../wire/index.ts';

/** One county's geography and assets, as loaded from JURISDICTION_DIR. */
export interface Jurisdiction {
  county: CountyFeature;
  townships: TownshipCollection;
  villages: VillageCollection;
  grids: GridCollection;
  cameras: CameraCollection;
  routes: RouteCollection;
  units: UnitInfo[];
  /** Context layers; empty collections when the files are absent. */
  roads: RoadCollection;
  water: WaterCollection;
  landuse: LanduseCollection;
}

/** A jurisdiction file that is missing or not in the expected shape. */
export class JurisdictionError extends Error {
  override name = 'JurisdictionError';
}

type Props = Record<string, unknown>;

async function readJson(dir: string, file: string, optional: boolean): Promise<unknown> {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (err) {
    if (optional && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new JurisdictionError(
      `cannot read ${full}: ${(err as Error).message}` +
        ' (generate the demo county with `npm run data`, or set JURISDICTION_DIR to your own files)',
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new JurisdictionError(`${full} is not valid JSON: ${(err as Error).message}`);
  }
}

function checkProps(file: string, where: string, props: unknown, required: Record<string, 'string' | 'number'>): void {
  if (typeof props !== 'object' || props === null) throw new JurisdictionError(`${file}: ${where} has no properties`);
  for (const [key, type] of Object.entries(required)) {
    if (typeof (props as Props)[key] !== type) {
      throw new JurisdictionError(`${file}: ${where} property "${key}" must be a ${type}`);
    }
  }
}

function collection<C>(
  file: string,
  value: unknown,
  geometryTypes: string[],
  required: Record<string, 'string' | 'number'>,
): C {
  const fc = value as { type?: unknown; features?: unknown };
  if (typeof value !== 'object' || value === null || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new JurisdictionError(`${file} must be a GeoJSON FeatureCollection`);
  }
  fc.features.forEach((f: { geometry?: { type?: unknown }; properties?: unknown }, i: number) => {
    const type = f?.geometry?.type;
    if (typeof type !== 'string' || !geometryTypes.includes(type)) {
      throw new JurisdictionError(`${file}: feature ${i} must have a ${geometryTypes.join(' or ')} geometry`);
    }
    checkProps(file, `feature ${i}`, f.properties, required);
  });
  return value as C;
}

const empty = <C>(): C => ({ type: 'FeatureCollection', features: [] }) as C;
const AREA = ['Polygon', 'MultiPolygon'];

/** Reads and checks every file of a jurisdiction directory. */
export async function loadJurisdiction(dir: string): Promise<Jurisdiction> {
  const [county, townships, villages, grids, cameras, routes, units, roads, water, landuse] = await Promise.all([
    readJson(dir, 'county.geojson', false),
    readJson(dir, 'townships.geojson', false),
    readJson(dir, 'villages.geojson', false),
    readJson(dir, 'grids.geojson', false),
    readJson(dir, 'cameras.geojson', false),
    readJson(dir, 'routes.geojson', false),
    readJson(dir, 'units.json', false),
    readJson(dir, 'roads.geojson', true),
    readJson(dir, 'water.geojson', true),
    readJson(dir, 'landuse.geojson', true),
  ]);

  const c = county as { type?: unknown; geometry?: { type?: unknown }; properties?: unknown };
  if (typeof county !== 'object' || county === null || c.type !== 'Feature' || !AREA.includes(String(c.geometry?.type))) {
    throw new JurisdictionError('county.geojson must be one GeoJSON Feature with a Polygon or MultiPolygon geometry');
  }
  checkProps('county.geojson', 'the county', c.properties, { code: 'string', name: 'string' });

  if (!Array.isArray(units)) throw new JurisdictionError('units.json must be an array of units');
  units.forEach((u: unknown, i: number) =>
    checkProps('units.json', `unit ${i}`, u, { id: 'string', callsign: 'string', routeId: 'string', townshipCode: 'string' }),
  );

  const jurisdiction: Jurisdiction = {
    county: county as CountyFeature,
    townships: collection('townships.geojson', townships, AREA, { code: 'string', name: 'string' }),
    villages: collection('villages.geojson', villages, AREA, { code: 'string', name: 'string', townshipCode: 'string' }),
    grids: collection('grids.geojson', grids, AREA, {
      code: 'string',
      name: 'string',
      villageCode: 'string',
      townshipCode: 'string',
    }),
    cameras: collection('cameras.geojson', cameras, ['Point'], { id: 'string', state: 'string', bearing: 'number' }),
    routes: collection('routes.geojson', routes, ['LineString'], { id: 'string', name: 'string' }),
    units: units as UnitInfo[],
    roads: roads === undefined ? empty() : collection('roads.geojson', roads, ['LineString'], { id: 'string' }),
    water: water === undefined ? empty() : collection('water.geojson', water, ['LineString', ...AREA], {}),
    landuse: landuse === undefined ? empty() : collection('landuse.geojson', landuse, AREA, { kind: 'string' }),
  };
  // Geometry, not just shape: a county's own boundaries with overlaps, self-intersections or
  // grids outside their village would assign incidents wrongly, so they are refused at start.
  const report = validateJurisdiction(jurisdiction);
  if (!report.ok) throw new JurisdictionError(new InvalidJurisdictionError(report).message);
  return jurisdiction;
}

/** "321202 海陵区": how the county is named in messages. */
export function countyLabel(j: Jurisdiction): string {
  return `${j.county.properties.code} ${j.county.properties.name}`;
}
