// Jurisdiction (辖区) and map-object wire types: the properties of the GeoJSON features the server
// serves and the web draws. The demo county generator in data/ writes exactly these shapes.
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;

/** 县/区 — the county outline. */
export interface CountyProps {
  code: string; // 6-digit statistical code
  name: string;
  city: string;
  province: string;
  /** True when the geometry is synthetic (示意边界，不作为法定界线). */
  schematic: boolean;
}

/** 乡镇/街道 */
export interface TownshipProps {
  code: string; // 9-digit statistical code
  name: string;
  households: number;
}

/** 村/社区 */
export interface VillageProps {
  code: string; // 12-digit statistical code
  name: string;
  townshipCode: string;
  households: number;
}

/** 网格员 — the grid worker responsible for a grid. */
export interface GridWorker {
  name: string;
  phone: string;
}

/** 网格 — a grid cell under a village; code = village code + 3 digits. */
export interface GridProps {
  code: string;
  name: string;
  villageCode: string;
  townshipCode: string;
  households: number;
  worker: GridWorker;
}

export const ROAD_CLASSES = ['arterial', 'street', 'rural'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export interface RoadProps {
  id: string;
  name: string;
  class: RoadClass;
}

export interface WaterProps {
  name: string;
  kind: 'river' | 'lake' | 'canal';
}

export const LANDUSE_KINDS = ['built-up', 'farmland', 'park'] as const;
export type LanduseKind = (typeof LANDUSE_KINDS)[number];
export interface LanduseProps {
  kind: LanduseKind;
}

export const CAMERA_STATES = ['online', 'offline', 'fault'] as const;
export type CameraState = (typeof CAMERA_STATES)[number];

/** 天网/雪亮工程 camera. */
export interface CameraProps {
  id: string;
  name: string;
  state: CameraState;
  /** Viewing direction, degrees clockwise from north. */
  bearing: number;
  /** Horizontal field of view, degrees. */
  fov: number;
  /** Useful viewing range, metres. */
  range: number;
  townshipCode: string;
  gridCode: string;
}

/** 巡逻路线 */
export interface RouteProps {
  id: string;
  name: string;
  team: string;
  townshipCode: string;
  /** Display colour of the team, [r, g, b]. */
  color: [number, number, number];
}

export const UNIT_KINDS = ['foot', 'ebike', 'car'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_STATES = ['available', 'dispatched', 'off-duty'] as const;
export type UnitState = (typeof UNIT_STATES)[number];

/** 群防群治队伍 / patrol unit, static description. */
export interface UnitInfo {
  id: string;
  callsign: string;
  kind: UnitKind;
  team: string;
  routeId: string;
  townshipCode: string;
}

/** A unit's latest GPS fix (WGS-84). */
export interface UnitFix {
  id: string;
  lng: number;
  lat: number;
  /** Heading, degrees clockwise from north. */
  heading: number;
  /** Speed, m/s. */
  speed: number;
  state: UnitState;
  /** ISO 8601, UTC. */
  at: string;
}

/** Answer of GET /api/v1/units: the static unit list and every unit's latest fix (both cut to the caller's jurisdiction). */
export interface UnitsResponse {
  units: UnitInfo[];
  fixes: UnitFix[];
  asOf: string;
}

export type CountyFeature = Feature<AreaGeometry, CountyProps>;
export type TownshipCollection = FeatureCollection<AreaGeometry, TownshipProps>;
export type VillageCollection = FeatureCollection<AreaGeometry, VillageProps>;
export type GridCollection = FeatureCollection<AreaGeometry, GridProps>;
export type RoadCollection = FeatureCollection<LineString, RoadProps>;
export type WaterCollection = FeatureCollection<LineString | AreaGeometry, WaterProps>;
export type LanduseCollection = FeatureCollection<AreaGeometry, LanduseProps>;
export type CameraCollection = FeatureCollection<Point, CameraProps>;
export type RouteCollection = FeatureCollection<LineString, RouteProps>;

/** GET /api/v1/jurisdiction */
export interface JurisdictionResponse {
  county: CountyFeature;
  townships: TownshipCollection;
  villages: VillageCollection;
  grids: GridCollection;
}
