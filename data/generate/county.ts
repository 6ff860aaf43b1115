// The whole demo county as one pure function of a seed: no disk, no clock, no global randomness,
// so two calls with the same seed return identical collections.
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
} from '../../server/wire/jurisdiction.ts';
import { buildCameras } from './cameras.ts';
import { buildHierarchy } from './hierarchy.ts';
import { buildLanduse } from './landuse.ts';
import { createGridLocator } from './locate.ts';
import type { Progress } from './partition.ts';
import { buildPatrols } from './patrols.ts';
import { buildRoads, draftRoads } from './roads.ts';
import { buildWater } from './water.ts';

/** The seed of the committed demo county (data/demo). */
export const DEMO_SEED = 'hailing-demo-1';

/** Everything written to data/demo, one collection per file. */
export interface County {
  county: CountyFeature;
  townships: TownshipCollection;
  villages: VillageCollection;
  grids: GridCollection;
  roads: RoadCollection;
  water: WaterCollection;
  landuse: LanduseCollection;
  cameras: CameraCollection;
  routes: RouteCollection;
  units: UnitInfo[];
}

export function generateCounty(seed: string = DEMO_SEED, progress: Progress = () => {}): County {
  const h = buildHierarchy(seed, progress);
  const water = buildWater(seed, h);
  progress('water', water.water.features.length, water.water.features.length);
  const { roads, graph } = buildRoads(draftRoads(seed, h, water));
  progress('roads', roads.features.length, roads.features.length);
  const landuse = buildLanduse(seed, h, water);
  progress('landuse', landuse.features.length, landuse.features.length);
  const cameras = buildCameras(seed, h, roads, graph, createGridLocator(h.grids));
  progress('cameras', cameras.features.length, cameras.features.length);
  const { routes, units } = buildPatrols(seed, h, graph);
  progress('routes', routes.features.length, routes.features.length);
  return {
    county: h.county,
    townships: h.townships,
    villages: h.villages,
    grids: h.grids,
    roads,
    water: water.water,
    landuse,
    cameras,
    routes,
    units,
  };
}
